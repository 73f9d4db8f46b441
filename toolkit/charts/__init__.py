"""Charts of the toolkit's methods, one module per method, in the style of toolkit.plots."""

__all__: list[str] = []
