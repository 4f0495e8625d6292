"""Find words a reader would see untranslated in a site built with the pseudo-translation.

The pseudo-translation (ppiebook.i18n.pseudo) rewrites every letter of every message, so
a visible run of plain ASCII letters is a string that did not go through a catalogue.
Skipped, as translation tools skip them: code, ``notranslate``/``translate="no"``
elements (people's names, references to published works), passages marked as another
language (``lang``), web addresses, and dates (formatted by Babel for real languages).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

WORD = re.compile(r"[A-Za-z]{2,}")
IGNORED = re.compile(r"\{[a-z_]+\}|(https?://|mailto:|www\.)\S+|\S+@\S+\.\w+|\b\d{1,2} [A-Z][a-z]+ \d{4}\b")
CODE = {"script", "style", "code", "pre", "kbd", "samp", "math", "svg", "noscript"}
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


@dataclass(frozen=True)
class Untranslated:
    page: str
    where: str  # element (and attribute) holding the text
    text: str


def _skipped(element: Tag, language: str) -> bool:
    for node in [element, *element.parents]:
        if not isinstance(node, Tag):
            continue
        if node.name in CODE or "notranslate" in (node.get("class") or []) or node.get("translate") == "no":
            return True
        if node.name != "html" and node.get("lang") and node.get("lang") != language:
            return True
    return False


def _plain_words(text: str) -> bool:
    return bool(WORD.search(IGNORED.sub("", text)))


def untranslated(site: Path, language: str) -> list[Untranslated]:
    """Every visible text, accessible name and script label on every page still in plain letters."""
    found = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name.startswith("_static/"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        texts: list[tuple[str, str, Tag]] = [("title", soup.title.get_text(), soup.title)] if soup.title else []
        for string in soup.body.find_all(string=True):
            if not isinstance(string, Comment):
                texts.append((string.parent.name, str(string), string.parent))
        for element in soup.body.find_all(True):
            texts += [(f"{element.name}@{attribute}", element[attribute], element)
                      for attribute in ATTRIBUTES if element.get(attribute)]
        labels = soup.body.get("data-ppiebook-labels")
        if labels:
            texts += [(f"script label {key}", value, soup.body) for key, value in json.loads(labels).items()]
        found += [Untranslated(name, where, text.strip()) for where, text, element in texts
                  if _plain_words(text) and not _skipped(element, language)]
    return found
