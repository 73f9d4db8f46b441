"""The seminar apps: one ipywidgets front end per method, shown with Voila.

Each app is a module ``toolkit.apps.<name>`` with a function ``app()`` that
returns the root widget; ``notebooks/apps/<name>.ipynb`` calls it.  What every
app shares (the frame, language picker, calm errors, downloads, autosave) is
in :mod:`toolkit.apps.common`.
"""

__all__: list[str] = []
