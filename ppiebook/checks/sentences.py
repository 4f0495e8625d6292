"""Two plain English rules read sentence by sentence and link by link (the page's reading
age is in ppiebook.checks.plain_english; all three report as "plain English").

- A sentence of more than ``MAX_SENTENCE_WORDS`` words is hard to follow, especially for
  readers with dyslexia or with English as a second language, and on a phone's narrow screen.
- A link whose whole text is "here" or "next" says nothing about where it goes: screen-reader
  users often jump from link to link, hearing only the links' text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from ppiebook.checks.findings import Finding, relative
from ppiebook.checks.plain_english import CHECK
from ppiebook.checks.readable import CODE, blocks, place

MAX_SENTENCE_WORDS = 25
QUOTED_WORDS = 8
# Code, tables, footnotes and the list of sources are not running text.
NOT_RUNNING_TEXT = (nodes.literal_block, nodes.table, nodes.footnote, nodes.citation, nodes.raw, nodes.comment)
# A full stop after these is not the end of a sentence.
ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "dr.", "no.", "mr.", "mrs.", "ms.", "prof.", "st.", "cf.", "vs."}
# The end of a sentence: . ! or ? (and a closing quote or bracket), space, then a capital,
# digit, quote or opening bracket (or inline code, which may start a sentence).
_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9]|" + CODE + ")")
VAGUE_LINK_TEXT = {
    "here", "click here", "this page", "this link", "link", "read more", "more", "next chapter",
    "previous chapter", "next page", "previous page", "next", "previous", "this", "see here",
}

WHY_LONG = ("Long sentences are hard to follow, especially for readers with dyslexia, with English as "
            "a second language or reading on a phone. GOV.UK advises no more than 25 words.")
FIX_LONG = ("Split it into shorter sentences of 25 words or fewer, each with one idea. A list can help "
            "when the sentence names several things.")
WHY_LINK = ("Screen-reader users often move from link to link and hear only the links' text, and "
            "everyone scans links to decide where to go. Text like 'here' does not say where a link leads.")
FIX_LINK = ("Make the link's text name where it goes, for example 'read the payment guidance' instead of "
            "'click here'.")


def sentences(text: str) -> list[str]:
    """The text split into sentences; abbreviations such as 'e.g.' do not end one."""
    found, start = [], 0
    for end in _END.finditer(text):
        last_word = text[start:end.start() + 1].split()[-1:]
        if last_word and last_word[0].lower().lstrip("(\"'“‘") in ABBREVIATIONS:
            continue
        found.append(text[start:end.end()].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


def words(sentence: str) -> list[str]:
    """Whitespace-separated tokens holding a letter or a digit."""
    return [token for token in sentence.split() if re.search(r"[^\W_]", token)]


def check_sentence_length(env: BuildEnvironment, docnames: Iterable[str], root: Path) -> list[Finding]:
    """An error for each sentence of running text longer than MAX_SENTENCE_WORDS words."""
    findings = []
    for docname in docnames:
        for block in blocks(env, docname, root, skip=NOT_RUNNING_TEXT):
            for sentence in sentences(" ".join(block.text.split())):
                counted = words(sentence)
                if len(counted) > MAX_SENTENCE_WORDS:
                    start = " ".join(sentence.split()[:QUOTED_WORDS]).replace(CODE, "[code]")
                    findings.append(Finding(
                        check=CHECK, file=block.file, line=block.line, severity="error",
                        rule=f"sentence of {len(counted)} words, more than {MAX_SENTENCE_WORDS}: '{start} …'",
                        why=WHY_LONG, fix=FIX_LONG))
    return findings


def _links(doctree: nodes.document) -> Iterator[nodes.Element]:
    """Links authors wrote: web links, and links to pages or headings with their own text
    (MyST keeps those as pending cross-references until the page is written)."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.reference, addnodes.pending_xref))):
        if isinstance(node, addnodes.pending_xref) and not node.get("refexplicit"):
            continue  # the text is the target's own title, filled in by Sphinx
        if isinstance(node.parent, addnodes.pending_xref):
            continue  # counted once, as the cross-reference
        yield node


def vague(text: str) -> bool:
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split()) in VAGUE_LINK_TEXT


def check_link_text(env: BuildEnvironment, docnames: Iterable[str], root: Path) -> list[Finding]:
    """An error for each link whose whole text is 'here', 'click here', 'next' and the like."""
    findings = []
    for docname in docnames:
        for link in _links(env.get_doctree(docname)):
            text = link.astext()
            if not vague(text):
                continue
            source, line = place(link)
            findings.append(Finding(
                check=CHECK, file=relative(source or env.doc2path(docname), root), line=line, severity="error",
                rule=f"link text '{text.strip()}' does not say where the link goes", why=WHY_LINK, fix=FIX_LINK))
    return findings
