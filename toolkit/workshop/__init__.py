"""Workshop mode: the trainer's laptop serves every lesson and app to the room.

``algca workshop`` starts one Voila server for the apps (with a landing page in
Kyrgyz, Russian or English that links every lesson and app) and, for the
lessons, a JupyterLab server per participant, confined, behind the same port.
Nothing is fetched from the internet.

The pieces:

- :mod:`toolkit.workshop.server` — the Voila server for a room: preheated
  kernels, idle kernels culled, a cap on live kernels with a calm "please
  wait" page, Voila's texts translated;
- :mod:`toolkit.workshop.lessons` — each participant's own lesson server,
  confined with bubblewrap, and the trainer's (threat model: ``docs/security.md``);
- :mod:`toolkit.workshop.pages` — its own pages (start page, "please wait",
  messages), Jinja templates in the ``algca`` template folder;
- :mod:`toolkit.workshop.voila_app` — the Voila application, its handlers and
  the kernel cap (imported only when serving);
- :mod:`toolkit.workshop.catalog` — which lessons and apps there are.

Kernels are forked from a warm process (:mod:`toolkit.kernels`), so that thirty
visitors arriving together are served in seconds; what is changed inside Voila is
in :mod:`toolkit.patches`.

>>> from toolkit.workshop.catalog import app_names
>>> "welcome" in app_names()
True
"""

__all__: list[str] = []
