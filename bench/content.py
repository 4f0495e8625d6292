"""The synthetic content, as a tool-neutral model: pages made of blocks.

One model, three renderings (this project's MyST, Jupyter Book's MyST, MkDocs Markdown),
so every tool builds the same words, tables, notes, figures and links. Seeded, so a given
N always gives the same tree. The text is filler: plain English words in random order,
saying nothing about anyone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

WORDS = (
    "the a team group plan place time day week room table note page list step idea question answer "
    "people person work paper letter form chair door window street garden road bus train map book "
    "simple clear short long small large early late open quiet busy warm cold bright slow quick "
    "check write read share bring carry move keep leave start finish change agree choose follow "
    "and then also so but because while after before when where with from about into over under "
    "every each some many few most other same different next last first second third new old"
).split()

# Glossary of made-up filler terms: tools' glossary features need terms, not facts.
TERMS = [
    "blue folder", "morning list", "quiet room", "side table", "short form", "long form",
    "green card", "open question", "closed question", "step plan", "page map", "room plan",
    "first draft", "second draft", "tidy list", "shared note", "day sheet", "week sheet",
    "bright label", "travel note",
]

# Bibliography keys, in data/references.bib (filler titles, see render_bib).
CITATIONS = [f"source{i:02d}" for i in range(1, 13)]

INFOGRAPHIC_ID = "bench-steps"
FIGURE = "images/diagram.svg"
FIGURE_ALT = "Three boxes in a row, joined by arrows from left to right"


@dataclass
class Inline:
    """A run of text, or a link of one kind: term, doc (page), ref (labelled section), cite."""

    kind: str
    text: str = ""
    target: str = ""  # term, docname, label or citation key
    page: str = ""  # for ref: the docname holding the label


@dataclass
class Block:
    kind: str  # heading, para, note, table, figure, infographic, toctree, references, publist, glossary
    level: int = 0
    text: str = ""
    label: str = ""
    inlines: list[Inline] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # toctree docnames


@dataclass
class Page:
    docname: str
    title: str
    blocks: list[Block]


@dataclass
class Publication:
    id: str
    title: str
    root: str


@dataclass
class Tree:
    """The whole site: publications, pages in reading order, and the page a benchmark edits."""

    pages: list[Page]
    publications: list[Publication]
    edit_page: str

    def page(self, docname: str) -> Page:
        return next(p for p in self.pages if p.docname == docname)


def sentence(rng: random.Random, low: int = 8, high: int = 16) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def filler(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(sentence(rng))
    return " ".join(out)


def title(rng: random.Random, index: int) -> str:
    return f"{' '.join(rng.choice(WORDS) for _ in range(3)).capitalize()} {index}"


def section_label(docname: str, section: int) -> str:
    return f"bench-{docname.replace('/', '-')}-s{section}"


# Three publications sharing the pages, as a real programme's catalogue would.
PUBLICATIONS = [("guide", "Synthetic Guide", 0.5), ("manual", "Synthetic Manual", 0.35), ("notes", "Synthetic Notes", 0.15)]
PART_SIZE = 10


def leaf_names(n_pages: int) -> list[tuple[str, list[list[str]]]]:
    """Docnames of the N leaf pages, grouped into publications and parts of PART_SIZE."""
    counts = [max(1, round(n_pages * share)) for _, _, share in PUBLICATIONS]
    counts[0] += n_pages - sum(counts)
    number, layout = 0, []
    for (pub, _, _), count in zip(PUBLICATIONS, counts):
        parts: list[list[str]] = []
        for start in range(0, count, PART_SIZE):
            part = f"{pub}/part-{len(parts) + 1:02d}"
            names = []
            for _ in range(min(PART_SIZE, count - start)):
                number += 1
                names.append(f"{part}/page-{number:04d}")
            parts.append(names)
        layout.append((pub, parts))
    return layout


def leaf_page(rng: random.Random, docname: str, index: int, others: list[str]) -> Page:
    """About 800 words: intro, four labelled sections, a note, a table, links, citations."""
    def para(words: int, links: int) -> Block:
        inlines = [Inline("text", filler(rng, words) + " ")]
        for _ in range(links):
            kind = rng.choice(["term", "doc", "ref", "cite"])
            if kind == "term":
                inlines.append(Inline("term", target=rng.choice(TERMS)))
            elif kind == "cite":
                inlines.append(Inline("text", "As one source says"))
                inlines.append(Inline("cite", target=rng.choice(CITATIONS)))
                inlines.append(Inline("text", "."))
            else:
                other = rng.choice(others)
                if kind == "doc":
                    inlines.append(Inline("doc", text=f"page {other.rsplit('-', 1)[1]}", target=other))
                else:
                    section = rng.randint(1, 4)
                    inlines.append(Inline("ref", text=f"section {section} of page {other.rsplit('-', 1)[1]}",
                                          target=section_label(other, section), page=other))
            inlines.append(Inline("text", " " + sentence(rng) + " "))
        return Block("para", inlines=inlines)

    blocks = [para(60, 1)]
    for section in range(1, 5):
        blocks.append(Block("heading", 2, f"{title(rng, section)}", label=section_label(docname, section)))
        blocks.append(para(75, 2))
        if section == 1:
            blocks.append(Block("note", inlines=[Inline("text", filler(rng, 30))]))
        if section == 2:
            header = ["Item", "When", "Who", "Notes"]
            rows = [[f"Item {r}", rng.choice(["Morning", "Afternoon", "Evening"]),
                     rng.choice(["Team", "Group", "Partner"]), sentence(rng, 4, 7)] for r in range(1, 6)]
            blocks.append(Block("table", rows=[header, *rows]))
        if section == 3 and index % 5 == 0:
            blocks.append(Block("figure", text=f"Diagram {index}: {sentence(rng, 3, 6)}"))
        if section == 4 and index % 25 == 1:
            blocks.append(Block("infographic"))
        blocks.append(para(55, 1))
    blocks.append(Block("references"))
    return Page(docname, title(rng, index), blocks)


def generate_tree(n_pages: int, seed: int = 2026) -> Tree:
    rng = random.Random(seed)
    layout = leaf_names(n_pages)
    leaves = [name for _, parts in layout for part in parts for name in part]
    pages: list[Page] = []
    publications = []
    landing_items = []
    for (pub, pub_title, _), (_, parts) in zip(PUBLICATIONS, layout):
        part_names = [f"{pub}/part-{p + 1:02d}/index" for p in range(len(parts))]
        items = [name.split("/", 1)[1] for name in part_names] + (["/glossary"] if pub == PUBLICATIONS[0][0] else [])
        pages.append(Page(f"{pub}/index", pub_title, [
            Block("para", inlines=[Inline("text", filler(rng, 60))]),
            Block("toctree", items=items),
        ]))
        publications.append(Publication(pub, pub_title, f"{pub}/index"))
        landing_items.append(f"{pub}/index")
        for part_name, names in zip(part_names, parts):
            number = part_name.split("/")[1].removeprefix("part-")
            pages.append(Page(part_name, f"Part {number} of the {pub_title.lower()}", [
                Block("para", inlines=[Inline("text", filler(rng, 50))]),
                Block("toctree", items=[name.rsplit("/", 1)[1] for name in names]),
            ]))
            for name in names:
                index = int(name.rsplit("-", 1)[1])
                pages.append(leaf_page(rng, name, index, [o for o in leaves if o != name]))
    landing = Page("index", "Synthetic benchmark site", [
        Block("para", inlines=[Inline("text", filler(rng, 50))]),
        Block("heading", 2, "Publications"),
        Block("publist"),
        Block("toctree", items=landing_items),
    ])
    glossary = Page("glossary", "Glossary", [Block("para", inlines=[Inline("text", filler(rng, 20))]),
                                            Block("glossary", rows=[[t, filler(rng, 15)] for t in TERMS])])
    edit = leaves[len(leaves) // 2]
    return Tree([landing, *pages, glossary], publications, edit)
