"""The navigation rendered once per build (ppiebook/fastnav.py) is the theme's own, on every page.

Each site is built twice, with ``ppiebook_fast_navigation`` on and off (the theme's own
per-page rendering), and every page's primary sidebar, header navigation and previous/next
links are compared as normalised HTML trees: same links, text, current marks, open sections.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from ppiebook.commands import build
from ppiebook.state import build_state

NAV_PARTS = {
    "sidebar": "nav.bd-docs-nav",
    "header": "#pst-header",
    "prev-next": ".prev-next-area",
}


def normalised(node: Tag | NavigableString) -> object:
    """A comparable tree: tag, attributes (classes as a list), children; text stripped."""
    if isinstance(node, NavigableString):
        return " ".join(str(node).split())
    attrs = tuple(sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in node.attrs.items()))
    children = [normalised(child) for child in node.children]
    return (node.name, attrs, [c for c in children if c != ""])


def navigation(page: Path) -> dict[str, object]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {name: [normalised(tag) for tag in soup.select(selector)] for name, selector in NAV_PARTS.items()}


def pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html") if "_static" not in p.parts)


def assert_same_navigation(fast: Path, own: Path) -> int:
    assert pages(fast) == pages(own)
    for page in pages(fast):
        assert navigation(fast / page) == navigation(own / page), f"navigation differs on {page}"
    return len(pages(fast))


@pytest.fixture
def build_site(make_app, app_params):
    """Build the root (its stand-in PDFs in pdf/) into ``out``, with or without the fast navigation."""
    def build_site(out: Path, fast: bool):
        app = make_app(*app_params.args, **{**app_params.kwargs, "builddir": out,
                                            "confoverrides": {"ppiebook_fast_navigation": fast}})
        app.build()
        assert app.statuscode == 0, app.warning.getvalue()
        return app
    return build_site


@pytest.mark.sphinx("html", testroot="fastnav")
def test_fast_navigation_is_the_themes_own(build_site, tmp_path: Path) -> None:
    fast = build_site(tmp_path / "fast", True)
    own = build_site(tmp_path / "own", False)
    assert build_state(fast).nav_templates, "the fast navigation was not used"
    assert not build_state(own).nav_templates
    assert assert_same_navigation(Path(fast.outdir), Path(own.outdir)) >= 12

    # And what they agree on is the real thing: four levels deep, the current page marked
    # with its ancestors, their sections open, the other publication closed.
    soup = BeautifulSoup((Path(fast.outdir) / "guide/part/deep/leaf.html").read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    current = nav.select("a.current")
    assert [a.get_text(strip=True) for a in current] == ["2.2.1. Leaf & branch"]  # numbered toctree
    assert current[0]["href"] == "#"
    trail = [li.find("a", recursive=False).get_text(strip=True) for li in nav.select("li.current.active")]
    assert len(trail) == 4 and trail[0].endswith("The guide")
    assert all(li.find("details", recursive=False).has_attr("open") for li in nav.select("li.current.has-children"))
    report = nav.find("a", string="The report").find_parent("li")
    assert "current" not in report["class"] and not report.find("details").has_attr("open")
    links = {a["href"] for a in nav.select("a.internal")}
    assert {"../../../about.html", "../../../report/findings.html", "../hidden-page.html", "../two.html"} <= links
    assert nav.find("a", href="https://example.org/") is not None

    # A page in both publications is current in both.
    shared = navigation(Path(fast.outdir) / "shared.html")["sidebar"]
    assert str(shared).count("'current reference internal'") == 2


@pytest.mark.sphinx("html", testroot="fastnav")
def test_title_change_rewrites_every_page_body_edit_only_its_own(build_site, app_params, tmp_path: Path) -> None:
    src = app_params.kwargs["srcdir"]
    out = tmp_path / "site"
    app = build_site(out, True)
    site = Path(app.outdir)
    stamps = {page: (site / page).stat().st_mtime_ns for page in pages(site)}
    time.sleep(0.05)

    (src / "report/findings.md").write_text("# Findings\n\nOther text.\n", encoding="utf-8")
    build_site(out, True)
    rewritten = {page for page in stamps if (site / page).stat().st_mtime_ns != stamps[page]}
    # The edited page, and its parent (Sphinx rewrites the page whose toctree lists it).
    assert Path("report/findings.html") in rewritten and Path("guide/one.html") not in rewritten
    assert len(rewritten) <= 5

    stamps = {page: (site / page).stat().st_mtime_ns for page in pages(site)}
    time.sleep(0.05)
    (src / "report/findings.md").write_text("# What we found\n\nOther text.\n", encoding="utf-8")
    build_site(out, True)
    stale = [page for page in pages(site) if "What we found" not in (site / page).read_text(encoding="utf-8")
             and page.parts[0] not in ("genindex.html", "search.html")]
    assert stale == []


def test_real_site_navigation_is_the_themes_own(built: Path, project: Path, tmp_path: Path,
                                                source_date_epoch: str) -> None:
    """The real project, built by `make` with the fast navigation, against the theme's own."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch)
    stage = tmp_path / "own"
    build.sphinx("html", project, stage / "html", stage / "doctrees",
                 {"ppiebook_pdf_dir": str((built / "pdf").resolve()), "ppiebook_fast_navigation": False})
    assert assert_same_navigation(built / "html", stage / "html") >= 20
