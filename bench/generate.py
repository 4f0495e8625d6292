"""Write the synthetic site for each tool: one content model, three project folders.

    python -m bench.generate OUT --pages N [--seed S]

gives ``OUT/ppiebook`` (a complete project of this pipeline: publications.yaml, conf.py,
glossary, bibliography, infographic data, a figure), ``OUT/jupyterbook`` (_config.yml,
_toc.yml) and ``OUT/mkdocs`` (mkdocs.yml with a nav that mirrors the toctrees).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from .content import FIGURE, INFOGRAPHIC_ID, Page, Tree, generate_tree
from .render import DIAGRAM_SVG, infographic_yaml, render_bib, render_mkdocs, render_myst, resolve

PROJECT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_pages(folder: Path, tree: Tree, render) -> None:
    for page in tree.pages:
        write(folder / f"{page.docname}.md", render(page))
    write(folder / FIGURE, DIAGRAM_SVG)


def catalogue(tree: Tree) -> str:
    """publications.yaml for the synthetic programme (filler identity, three publications)."""
    programme = {
        "name": "Synthetic Benchmark Programme",
        "description": "A generated site used to time the publishing pipeline. Its text is filler.",
        "language": "en-GB", "base_url": "", "licence": "CC-BY-4.0", "contact": "the benchmark",
        "colours": {"primary": "#2c4f7c", "accent": "#a4441c"}, "partners": ["Example partner"],
    }
    publications = [{
        "id": pub.id, "title": pub.title, "subtitle": "Generated filler for the benchmark",
        "authors": ["Synthetic Benchmark Programme"], "date": "2026", "version": "0.1.0",
        "status": "draft", "root": pub.root, "pdf": f"synthetic-{pub.id}", "licence": "CC-BY-4.0",
    } for pub in tree.publications]
    return yaml.safe_dump({"programme": programme, "publications": publications}, sort_keys=False)


def write_ppiebook(folder: Path, tree: Tree) -> None:
    write_pages(folder, tree, lambda page: render_myst(page, "ppiebook"))
    # The project's own Sphinx configuration, unchanged: the benchmark times the real settings.
    shutil.copy2(PROJECT / "conf.py", folder / "conf.py")
    for empty in ("_static", "_templates"):
        write(folder / empty / ".gitkeep", "")
    write(folder / "publications.yaml", catalogue(tree))
    write(folder / "data" / "references.bib", render_bib())
    write(folder / "data" / "infographics" / f"{INFOGRAPHIC_ID}.yaml", infographic_yaml())


def toc_entry(page: Page, pages: dict[str, Page]) -> dict:
    entry: dict = {"file": page.docname}
    children = [resolve(page, item) for block in page.blocks if block.kind == "toctree" for item in block.items]
    if children:
        entry["sections"] = [toc_entry(pages[child], pages) for child in children]
    return entry


def write_jupyterbook(folder: Path, tree: Tree) -> None:
    write_pages(folder, tree, lambda page: render_myst(page, "jupyterbook"))
    write(folder / "images" / f"{INFOGRAPHIC_ID}.svg", DIAGRAM_SVG)
    write(folder / "references.bib", render_bib())
    config = {
        "title": "Synthetic benchmark site", "author": "Synthetic Benchmark Programme",
        "execute": {"execute_notebooks": "off"}, "only_build_toc_files": True,
        "bibtex_bibfiles": ["references.bib"],
        "parse": {"myst_enable_extensions": ["colon_fence", "deflist"]},
        "sphinx": {"config": {"language": "en", "bibtex_reference_style": "author_year", "nitpicky": True,
                              # MyST 3 warns about footcite footnotes it did not make; they render.
                              "suppress_warnings": ["myst.footnote"]}},
    }
    write(folder / "_config.yml", yaml.safe_dump(config, sort_keys=False))
    pages = {p.docname: p for p in tree.pages}
    root = pages["index"]
    chapters = [toc_entry(pages[resolve(root, item)], pages)
                for block in root.blocks if block.kind == "toctree" for item in block.items]
    write(folder / "_toc.yml", yaml.safe_dump({"format": "jb-book", "root": "index", "chapters": chapters},
                                              sort_keys=False))


def nav_entry(page: Page, pages: dict[str, Page]) -> dict | str:
    children = [resolve(page, item) for block in page.blocks if block.kind == "toctree" for item in block.items]
    if not children:
        return {page.title: f"{page.docname}.md"}
    return {page.title: [f"{page.docname}.md", *(nav_entry(pages[c], pages) for c in children)]}


def write_mkdocs(folder: Path, tree: Tree) -> None:
    write_pages(folder / "docs", tree, render_mkdocs)
    write(folder / "docs" / "images" / f"{INFOGRAPHIC_ID}.svg", DIAGRAM_SVG)
    pages = {p.docname: p for p in tree.pages}
    root = pages["index"]
    nav = ["index.md", *(nav_entry(pages[resolve(root, item)], pages)
                         for block in root.blocks if block.kind == "toctree" for item in block.items)]
    config = {
        "site_name": "Synthetic benchmark site",
        "theme": {"name": "material", "features": ["navigation.indexes"]},
        "markdown_extensions": ["admonition", "tables", "footnotes", "attr_list", "md_in_html", "toc"],
        "plugins": ["search"],
        "nav": nav,
    }
    write(folder / "mkdocs.yml", yaml.safe_dump(config, sort_keys=False))


def nav_files(nav: list) -> list[str]:
    """Every file a MkDocs nav lists (for the tests)."""
    files: list[str] = []
    for item in nav:
        if isinstance(item, str):
            files.append(item)
        else:
            for value in item.values():
                files.extend(nav_files(value) if isinstance(value, list) else [value])
    return files


def generate(out: Path, n_pages: int, seed: int = 2026) -> Tree:
    """Write the three trees into ``out`` (replaced if present) and return the model."""
    tree = generate_tree(n_pages, seed)
    shutil.rmtree(out, ignore_errors=True)
    write_ppiebook(out / "ppiebook", tree)
    write_jupyterbook(out / "jupyterbook", tree)
    write_mkdocs(out / "mkdocs", tree)
    return tree


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    tree = generate(args.out, args.pages, args.seed)
    print(f"{len(tree.pages)} pages ({args.pages} content pages) in {args.out}; the edited page is {tree.edit_page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
