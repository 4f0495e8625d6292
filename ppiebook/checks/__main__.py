"""`make check`: every content check, one report, a summary table, non-zero on any error.

    python -m ppiebook.checks [--source .]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from docutils import nodes

from ppiebook.checks import bibliography, repetition, unconfirmed
from ppiebook.checks.bibliography import check_bibliography
from ppiebook.checks.findings import relative, summary_table
from ppiebook.checks.personal_data import check_personal_data
from ppiebook.checks.plain_english import check_reading_age
from ppiebook.checks.readable import inside
from ppiebook.checks.repetition import check_repetition
from ppiebook.checks.sentences import check_link_text, check_sentence_length
from ppiebook.checks.sphinx_warnings import CHECKS, sphinx_checks
from ppiebook.checks.unconfirmed import check_unconfirmed

SKIPPED_PARENTS = (nodes.admonition, nodes.footnote, nodes.citation, nodes.table, nodes.literal_block,
                   nodes.definition_list, nodes.field_list, nodes.topic)


def prose(doctree: nodes.document) -> str:
    """What a reader reads as running text: no notes, footnotes, tables or code."""
    parts = []
    for paragraph in doctree.findall(nodes.paragraph):
        if not inside(paragraph, SKIPPED_PARENTS):
            text = paragraph.astext().strip()
            # A list item or a title without a full stop is still a unit of its own, not
            # the start of one long sentence with the next paragraph.
            parts.append(text if text[-1:] in ".!?:;" else text + ".")
    return "\n".join(parts)


def external_links(env, docnames: list[str], root: Path) -> list[tuple[str, int | None, str]]:
    links = []
    for docname in docnames:
        for reference in env.get_doctree(docname).findall(nodes.reference):
            uri = reference.get("refuri", "")
            if uri.startswith(("http://", "https://")):
                links.append((relative(env.doc2path(docname), root), reference.line, uri))
    return sorted(set(links), key=lambda link: (link[0], link[1] or 0, link[2]))


def main(argv: Sequence[str] | None = None, prog: str = "python -m ppiebook.checks") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    root = args.source.resolve()

    findings, app = sphinx_checks(root)
    env = app.env
    docnames = sorted(env.found_docs)
    files = [Path(env.doc2path(docname)) for docname in docnames]

    findings += check_personal_data(files, root, list(app.config.ppiebook_personal_data_allow))
    pages = {relative(env.doc2path(d), root): prose(env.get_doctree(d)) for d in docnames}
    targets = {relative(env.doc2path(d), root): age for d, age in app.config.ppiebook_reading_age_targets.items()}
    findings += check_reading_age(pages, targets, root)
    findings += check_sentence_length(env, docnames, root)
    findings += check_link_text(env, docnames, root)
    bibfiles = [Path(app.srcdir) / name for name in getattr(app.config, "bibtex_bibfiles", None) or []]
    findings += check_bibliography(bibfiles, root)
    findings += check_repetition(env, docnames, root)
    findings += check_unconfirmed(env, docnames, root)

    checks = [*CHECKS, "personal data", "plain English", bibliography.CHECK, repetition.CHECK, unconfirmed.CHECK]
    files_checked = {check: len(files) for check in checks} | {bibliography.CHECK: len(bibfiles)}
    for finding in sorted(findings, key=lambda f: (f.file, f.line or 0, f.check)):
        print(finding.render(), end="\n\n")
    links = external_links(env, docnames, root)
    print(f"External links ({len(links)}, listed, not fetched: check them by hand now and then):")
    for file, line, uri in links:
        print(f"  {file}:{line or ''} {uri}")
    print()
    print(summary_table(findings, checks, files_checked))
    errors = sum(1 for f in findings if f.severity == "error")
    print(f"\n{errors} error(s): fix them before publishing." if errors else "\nNo errors.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
