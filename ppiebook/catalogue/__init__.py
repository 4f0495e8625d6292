"""The catalogue: ``publications.yaml``, the one place for the programme's identity and publications.

- :mod:`.publications` reads and validates it (JSON Schema), keeping each field's line
- :mod:`.identity`     derives Sphinx's own settings from it (project, language, logo, base address)
- :mod:`.membership`   which pages belong to which publication (its root and what its toctrees reach)
- :mod:`.citation`     how to cite a publication, and its licence
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ppiebook.catalogue import identity, membership


def setup(app: Sphinx) -> None:
    # At the default priority, after the translation catalogues (ppiebook.events.LOAD_CATALOGUES).
    app.connect("config-inited", identity.load_identity)
    app.connect("builder-inited", identity.check_roots)
    app.connect("env-updated", membership.forget_membership)
