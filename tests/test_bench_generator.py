"""The benchmark's generated site: it builds with this project's pipeline without a warning,
its pages really use the features the benchmark claims to exercise, and the peers'
configurations cover every page. No timing here: times belong in `make bench`."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from bench.content import FIGURE_ALT, generate_tree
from bench.generate import generate, nav_files
from bench.measure import edit_page
from bench.render import render_mkdocs, render_myst, slug

PAGES = 12


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("bench") / "site"
    return out, generate(out, PAGES)


@pytest.fixture(scope="module")
def html(module_app, generated, fake_pdfs, tmp_path_factory: pytest.TempPathFactory):
    out, tree = generated
    names = [f"synthetic-{p.id}" for p in tree.publications] + ["infographic-bench-steps"]
    pdfs = fake_pdfs(tmp_path_factory.mktemp("pdfs"), names)  # stand-ins: this test is about HTML
    app = module_app("html", srcdir=out / "ppiebook", confoverrides={"ppiebook_pdf_dir": str(pdfs), "nitpicky": True})
    app.build()
    return app


def soup(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def leaves(tree) -> list:
    return [p for p in tree.pages if "/page-" in p.docname]


def inlines(page, kind: str) -> list:
    return [part for block in page.blocks for part in block.inlines if part.kind == kind]


def test_builds_without_warnings(html, generated) -> None:
    # The project builds with warnings as errors: the generated site must too.
    assert html.warning.getvalue() == ""
    _, tree = generated
    missing = [p.docname for p in tree.pages if not (Path(html.outdir) / f"{p.docname}.html").is_file()]
    assert missing == []
    assert len(leaves(tree)) == PAGES


def test_pages_have_table_note_and_figure_with_alt(html) -> None:
    page = soup(html, "guide/part-01/page-0005")  # every fifth page has the figure
    tables = page.select("article table")
    assert tables and [th.get_text(strip=True) for th in tables[0].select("th")] == ["Item", "When", "Who", "Notes"]
    assert page.select("article .admonition.note p")
    figure = page.select_one("article figure")
    assert figure is not None and figure.img["alt"] == FIGURE_ALT
    assert figure.figcaption.select_one(".caption-text").get_text(" ", strip=True).startswith("Diagram 5")


def test_infographic_is_rendered_with_its_text_version(html) -> None:
    page = soup(html, "guide/part-01/page-0001")
    figure = page.select_one("#infographic-bench-steps")
    assert figure is not None and figure.img["alt"].startswith("Infographic: Four steps")
    assert figure.img["src"].endswith("bench-steps.svg")
    assert len(page.select(".ppiebook-infographic-text li")) == 4


def resolves_to(app, page_doc: str, href: str) -> tuple[str, str]:
    path, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_doc), path)).removesuffix(".html"), anchor


def test_cross_references_resolve_to_their_pages_and_sections(html, generated) -> None:
    _, tree = generated
    checked = 0
    for page in leaves(tree):
        links = [resolves_to(html, page.docname, a["href"]) for a in soup(html, page.docname).select("article a.reference.internal")
                 if a.get("href")]
        for part in inlines(page, "doc"):
            assert (part.target, "") in links, f"{page.docname}: no link to {part.target}"
            checked += 1
        for part in inlines(page, "ref"):
            assert (part.page, part.target) in links, f"{page.docname}: no link to {part.page}#{part.target}"
            assert soup(html, part.page).find(id=part.target) is not None
            checked += 1
    assert checked >= PAGES


def test_citations_and_glossary_terms_are_links(html, generated) -> None:
    _, tree = generated
    glossary_ids = {tag["id"] for tag in soup(html, "glossary").select("dt[id]")}
    for page in leaves(tree):
        html_page = soup(html, page.docname)
        cited = [part.target for part in inlines(page, "cite")]
        references = html_page.select("a.footnote-reference")
        assert len(references) == len(cited), page.docname
        bibliography = html_page.select_one("aside.footnote-list, .footnote-list")
        for key in set(cited):
            number = int(key.removeprefix("source"))
            assert f"Filler source number {number}" in bibliography.get_text(" "), f"{page.docname}: {key}"
        terms = {resolves_to(html, page.docname, a["href"]) for a in html_page.select("a.reference.internal")
                 if "glossary.html#term-" in a.get("href", "")}
        for part in inlines(page, "term"):
            anchor = f"term-{slug(part.target)}"
            assert ("glossary", anchor) in terms, f"{page.docname}: no glossary link for {part.target}"
            assert anchor in glossary_ids


def test_mkdocs_nav_and_links_cover_every_page(generated) -> None:
    out, tree = generated
    config = yaml.safe_load((out / "mkdocs" / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = out / "mkdocs" / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert sorted(nav_files(config["nav"])) == sorted(pages) == sorted(f"{p.docname}.md" for p in tree.pages)
    assert {"admonition", "footnotes", "md_in_html"} <= set(config["markdown_extensions"])
    for page in pages:
        text = (docs / page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+\.md)", text):
            assert (docs / posixpath.dirname(page) / target).resolve().is_file(), f"{page}: {target}"
    assert "!!! note" in (docs / "guide/part-01/page-0005.md").read_text(encoding="utf-8")


def test_jupyterbook_toc_covers_every_page(generated) -> None:
    out, tree = generated
    toc = yaml.safe_load((out / "jupyterbook" / "_toc.yml").read_text(encoding="utf-8"))

    def files(entries: list) -> list[str]:
        return [name for entry in entries for name in [entry["file"], *files(entry.get("sections", []))]]

    assert sorted([toc["root"], *files(toc["chapters"])]) == sorted(p.docname for p in tree.pages)
    page = (out / "jupyterbook" / "guide/part-01/page-0001.md").read_text(encoding="utf-8")
    assert "{infographic}" not in page and "/images/bench-steps.svg" in page  # JB has no {infographic}


def test_generation_is_seeded() -> None:
    first, again, other = generate_tree(20, seed=1), generate_tree(20, seed=1), generate_tree(20, seed=2)
    text = lambda tree: [render_myst(p, "ppiebook") + render_mkdocs(p) for p in tree.pages]  # noqa: E731
    assert text(first) == text(again)
    assert text(first) != text(other)
    assert len(leaves(generate_tree(400))) == 400


def test_edit_changes_one_paragraph_only(generated, tmp_path: Path) -> None:
    out, tree = generated
    page = tmp_path / "page.md"
    original = (out / "ppiebook" / f"{tree.edit_page}.md").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    edit_page(page, "x1")
    before, after = original.splitlines(), page.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    assert after[changed[0]].endswith("Edited for the benchmark x1.") and not before[changed[0]].startswith("#")
