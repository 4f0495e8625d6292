"""pybtex's plugin look-ups, cached for the build.

sphinxcontrib-bibtex asks pybtex for its style plugins once per citation role, and pybtex
asks importlib.metadata, which re-reads the metadata of every installed package each
time: about 0.4 s per hundred citations on the build machine. Installed packages do not
change during a build, so each (group, name) question is answered once.
"""

from __future__ import annotations

import functools
from importlib.metadata import EntryPoints, entry_points

from sphinx.application import Sphinx


@functools.cache
def _entry_points(group: str, name: str) -> EntryPoints:
    return entry_points(group=group, name=name)


def cached_entry_points(**selection: str) -> EntryPoints:
    """``importlib.metadata.entry_points``, remembered for pybtex's (group, name) calls."""
    if set(selection) == {"group", "name"}:
        return _entry_points(selection["group"], selection["name"])
    return entry_points(**selection)


def cache_pybtex_plugin_lookups() -> None:
    try:
        import pybtex.plugin
    except ImportError:  # no bibliography support installed: nothing to speed up
        return
    if getattr(pybtex.plugin, "entry_points", None) is entry_points:
        pybtex.plugin.entry_points = cached_entry_points


def setup(app: Sphinx) -> None:
    cache_pybtex_plugin_lookups()
