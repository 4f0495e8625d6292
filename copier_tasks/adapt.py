"""copier's task for a new programme's project (copier.yml): adapt what the template copies
from Community Connexions to the new programme. Standard library only: copier runs it with
its own Python, before the project has its environment.

- The handbook keeps its words (CC BY 4.0; LICENSE-CONTENT.md says it is adapted) but not its
  links to Community Connexions' report, which the new project does not have; its title
  names the new programme.
- The accessibility statement names the new programme and none of Community Connexions'
  publications.
- The spelling word list learns the words of the programme's name.
- The logo file is copied into the project (on copy only: on update the project has it).

Each step stops with a message naming the file when the text it expects is not there, so a
change to the source pages cannot leave Community Connexions' text in a new project unseen.
It is deterministic: copier update runs it on the old and the new template version alike,
and the three-way merge sees only the programme's own edits.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

REPORT_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)+report/[^)]*\)")
STATEMENT_SCOPE = re.compile(r"This statement applies to the Community Connexions website\..*?(?=It follows)", re.S)
UNPUBLISHED_VIDEOS = ("- the videos of the local projects are not yet published here; each will have a short text\n"
                      "  description;\n")


def fail(message: str) -> None:
    sys.exit(f"copier_tasks/adapt.py: {message}")


def unlink_report(handbook: Path) -> None:
    for page in sorted(handbook.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        unlinked = REPORT_LINK.sub(r"\1", text)
        if unlinked != text:
            page.write_text(unlinked, encoding="utf-8")


def retitle_handbook(index: Path, name: str) -> None:
    text = index.read_text(encoding="utf-8")
    if not text.startswith("# "):
        fail(f"{index}: expected the handbook's title on line 1")
    index.write_text(re.sub(r"^# .*$", f"# {name} Engagement Handbook", text, count=1, flags=re.M), encoding="utf-8")


def adapt_statement(page: Path, name: str) -> None:
    text = page.read_text(encoding="utf-8")
    if not STATEMENT_SCOPE.search(text) or UNPUBLISHED_VIDEOS not in text:
        fail(f"{page}: the statement's scope or its list of unpublished videos changed; update adapt.py")
    text = STATEMENT_SCOPE.sub(f"This statement applies to the {name} website and its PDF downloads. ", text)
    text = text.replace(UNPUBLISHED_VIDEOS, "")
    page.write_text(text.replace("Community Connexions", name), encoding="utf-8")


def learn_words(wordlist: Path, name: str) -> None:
    words = set(wordlist.read_text(encoding="utf-8").split()) | set(re.findall(r"[A-Za-z]+", name))
    wordlist.write_text("\n".join(sorted(words, key=str.lower)) + "\n", encoding="utf-8")


def copy_logo(logo: str, logo_file: str) -> None:
    source = Path(logo).expanduser()
    if not source.is_file():
        fail(f"logo {logo}: no such file (give its full path)")
    Path(logo_file).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, logo_file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("--logo", default="")
    parser.add_argument("--logo-file", default="")
    parser.add_argument("--operation", default="copy")
    args = parser.parse_args(argv)
    unlink_report(Path("handbook"))
    retitle_handbook(Path("handbook/index.md"), args.name)
    adapt_statement(Path("accessibility.md"), args.name)
    learn_words(Path("data/spelling-wordlist.txt"), args.name)
    if args.logo and args.operation == "copy":
        copy_logo(args.logo, args.logo_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
