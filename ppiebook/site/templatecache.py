"""Compiled page templates kept between builds.

Every build compiles the theme's Jinja templates again before writing the first page:
about 0.4 s, most of what a one-page preview rebuild spends on templates. Jinja's own
bytecode cache keeps them beside the environment (keyed by each template's source, so
an edited template is recompiled).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

from ppiebook.compat import template_environment


def cache_compiled_templates(app: Sphinx) -> None:
    """``builder-inited``: the builder's template environment exists by now."""
    environment = template_environment(app)
    if environment is None or environment.bytecode_cache is not None:
        return
    # Compiled code depends on the environment's extensions (i18n) and the versions, not
    # only on the source Jinja keys it by: one folder per such setting.
    setting = repr((jinja2.__version__, sys.version, sorted(environment.extensions)))
    folder = Path(app.doctreedir) / "jinja" / hashlib.sha256(setting.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", cache_compiled_templates)
