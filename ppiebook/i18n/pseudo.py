"""A pseudo-translation locale: every message rewritten in accented letters.

Built from the same catalogues a translator gets (``make gettext``), plus the Sphinx and theme
catalogues the site's templates use. A page built with it shows every translatable string
accented ("Ĥàñðƀöök"), so any plain ASCII word left on a page is a string that cannot be
translated. Markup is kept as it is: MyST roles, link targets, code, URLs, placeholders.

    python -m ppiebook.i18n.pseudo --pot-dir _build/gettext --locale-dir _build/pseudo-locales

Never published as a language: it exists for the tests.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ppiebook.i18n import theme_catalogues

#: The pseudo-locales' tags, private-use regions as Android uses them: accented English,
#: and a right-to-left one in Arabic letters that tests the layout of Urdu and Arabic.
PSEUDO_LANGUAGE = "en_XA"
PSEUDO_RTL_LANGUAGE = "ar_XB"

_ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "àƀçðéƒĝĥîĵķļɱñöƥɋŕšţûṽŵẋýžÀƁÇÐÉƑĜĤÎĴĶĻṀÑÖƤɊŔŠŢÛṼŴẊÝŽ",
    )
)

# Pieces of a message that are syntax, not words: kept verbatim.
_KEEP = re.compile(
    r"""
      (?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)   # code spans, however many backticks
    | https?://[^\s)>\]]+           # bare and auto-linked URLs
    | mailto:[^\s)>\]]+
    | %\([a-z_]+\)[sdr]             # printf placeholders
    | %[sdr]
    | \{[a-z_0-9]*\}                # str.format placeholders
    | &[a-z]+;|&\#\d+;              # HTML entities
    | \[\^[^\]]+\]                  # footnote references
    | \\.                           # escaped characters
    """,
    re.VERBOSE,
)
_ROLE = re.compile(r"(?<!`)\{(?P<name>[a-z:-]+)\}`(?P<content>[^`]*)`")
_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)]*)\)")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
# Roles whose shown text is their own content (not a title looked up elsewhere).
_TEXT_ROLES = {"term", "abbr", "sub", "sup", "lang"}


_ARABIC = dict(zip("abcdefghijklmnopqrstuvwxyz", "ابكدەفغهیجکلمنوپقرستوڤوخیز"))


def accent(text: str) -> str:
    """Plain words in accented letters, nothing else."""
    return "".join(_ACCENTED.get(char, char) for char in text)


def arabic_letters(text: str) -> str:
    """Plain words letter by letter in the Arabic script (not a translation: a layout test)."""
    return "".join(_ARABIC.get(char.lower(), char) for char in text)


LETTERS = {PSEUDO_LANGUAGE: accent, PSEUDO_RTL_LANGUAGE: arabic_letters}


def pseudo(message: str, letters=accent) -> str:
    """The pseudo-translation of one message, markup intact."""
    out: list[str] = []
    position = 0
    for match in _syntax(message):
        out.append(letters(message[position : match.start()]))
        out.append(_translate_syntax(match, letters))
        position = match.end()
    out.append(letters(message[position:]))
    return "".join(out)


def _syntax(message: str):
    """Syntax spans in order: roles and links first, then verbatim pieces between them."""
    spans = []
    taken: list[tuple[int, int]] = []
    for pattern in (_ROLE, _LINK, _KEEP):
        for match in pattern.finditer(message):
            if not any(start < match.end() and match.start() < end for start, end in taken):
                spans.append(match)
                taken.append((match.start(), match.end()))
    return sorted(spans, key=lambda m: m.start())


def _translate_syntax(match: re.Match[str], letters) -> str:
    if match.re is _ROLE:
        name, content = match["name"], match["content"]
        explicit = _EXPLICIT.match(content)
        if explicit:
            return f"{{{name}}}`{pseudo(explicit['text'], letters)} <{explicit['target']}>`"
        if name == "term":
            return f"{{{name}}}`{pseudo(content, letters)} <{content}>`"
        if name in _TEXT_ROLES:
            return f"{{{name}}}`{pseudo(content, letters)}`"
        return match.group(0)
    if match.re is _LINK:
        return f"{match['bang']}[{pseudo(match['text'], letters)}]({match['target']})"
    return match.group(0)


def pseudo_catalog(template: Catalog, language: str = PSEUDO_LANGUAGE) -> Catalog:
    """A catalogue in ``language`` translating every message of ``template``."""
    catalog = Catalog(locale=None, domain=template.domain, project=template.project)
    catalog.language_team = "pseudo-translation"
    letters = LETTERS.get(language, accent)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # plural forms
            strings = tuple(pseudo(part, letters) for part in message.id)
        else:
            strings = pseudo(message.id, letters)
        catalog.add(message.id, strings, locations=message.locations, context=message.context)
    return catalog


def write_locale(pot_dir: Path, locale_dir: Path, language: str = PSEUDO_LANGUAGE) -> list[Path]:
    """Write ``locale_dir/<language>/LC_MESSAGES/**.po`` (and ``.mo``) for every template found.

    Page catalogues come from ``pot_dir`` (``make gettext``); the Sphinx and theme catalogues
    from the installed packages, so template strings are covered too.
    """
    target = locale_dir / language / "LC_MESSAGES"
    written: list[Path] = []
    templates = {pot.relative_to(pot_dir).with_suffix(""): pot for pot in sorted(pot_dir.rglob("*.pot"))}
    theme_messages = theme_catalogues.theme_messages()
    for domain in theme_messages:
        templates.setdefault(Path(domain), None)
    for name, pot in templates.items():
        catalog = _read(pot) if pot else Catalog()
        for message_id in theme_messages.get(str(name), ()):
            if message_id not in catalog:
                catalog.add(message_id)
        po_path = target / name.with_suffix(".po")
        po_path.parent.mkdir(parents=True, exist_ok=True)
        translated = pseudo_catalog(catalog, language)
        with po_path.open("wb") as stream:
            write_po(stream, translated, width=0)
        with po_path.with_suffix(".mo").open("wb") as stream:
            write_mo(stream, translated)
        written.append(po_path)
    return written


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ppiebook.i18n.pseudo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pot-dir", type=Path, default=Path("_build/gettext"))
    parser.add_argument("--locale-dir", type=Path, default=Path("_build/pseudo-locales"))
    parser.add_argument("--language", default=PSEUDO_LANGUAGE, choices=sorted(LETTERS))
    args = parser.parse_args(argv)
    if not args.pot_dir.is_dir():
        parser.error(f"{args.pot_dir}: no message catalogues; run `make gettext` first")
    written = write_locale(args.pot_dir, args.locale_dir, args.language)
    print(f"pseudo-translation {args.language}: {len(written)} catalogues in {args.locale_dir / args.language}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
