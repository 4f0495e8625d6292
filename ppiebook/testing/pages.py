"""The pages of a built site that the generic checks look at (the HTML checker, axe, the
layout and focus walks, the title and link checks): one list, so each check sees the same."""

from __future__ import annotations

from pathlib import Path

# Folders of the site that hold no pages of its own (Sphinx's and the theme's files; the
# HTML under _static/ is template fragments).
NOT_PAGES = frozenset({"_static", "_sources", "_images", "_downloads"})


def site_pages(site: Path) -> list[Path]:
    """Every page of the site folder ``site``, sorted; paths inside ``site``."""
    return [page for page in sorted(site.rglob("*.html")) if not NOT_PAGES & set(page.relative_to(site).parts)]
