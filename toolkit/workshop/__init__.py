"""Workshop mode: the trainer's laptop serves every lesson and app to the room.

``algca workshop`` starts one Voila server for the apps (with a landing page in
Kyrgyz, Russian or English that links every lesson and app) and one
JupyterLab server for the lessons.  Nothing is fetched from the internet.

The pieces:

- :mod:`toolkit.workshop.server` — the Voila server for a room: preheated
  kernels, idle kernels culled, a cap on live kernels with a calm "please
  wait" page, Voila's texts translated;
- :mod:`toolkit.workshop.catalog` — which lessons and apps there are;
- :mod:`toolkit.workshop.forkserver` — kernels forked from a warm process, so
  that thirty visitors arriving together are served in seconds.

>>> from toolkit.workshop.catalog import app_names
>>> "welcome" in app_names()
True
"""

__all__: list[str] = []
