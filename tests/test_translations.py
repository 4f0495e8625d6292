"""Translations: gettext catalogues, a pseudo-translation that reaches every visible string,
languages built under their own folder with a switcher, and right-to-left pages and PDFs."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from ppiebook.i18n.pseudo import PSEUDO_LANGUAGE, PSEUDO_RTL_LANGUAGE, write_locale

PROJECT = Path(__file__).resolve().parent.parent


def sphinx_build(source: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", "-q", *args], cwd=source, capture_output=True,
                          text=True, timeout=600)


def pseudo_site(source: Path, work: Path, language: str) -> Path:
    """``make gettext``, the pseudo-locale from its catalogues, and the site built in it."""
    pot = work / "gettext"
    result = sphinx_build(source, "-b", "gettext", "-W", str(source), str(pot), "-d", str(work / "gettext-env"))
    assert result.returncode == 0, result.stderr
    write_locale(pot, work / "locales", language)
    site = work / "html"
    result = sphinx_build(
        source, "-b", "html", "-W", "--keep-going", str(source), str(site), "-d", str(work / "env"),
        "-D", f"language={language}", "-D", f"locale_dirs={work / 'locales'}",
        # Babel has no data for the private-use regions; dates fall back to English.
        "-D", "suppress_warnings=i18n.babel",
        "-D", f"ppiebook_pdf_dir={work / 'no-pdfs'}",
    )
    # Without PDFs the download lists warn; nothing else may.
    problems = [line for line in result.stderr.splitlines() if "WARNING" in line and "no PDF at" not in line]
    assert not problems, "\n".join(problems)
    return site


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pseudo_site(PROJECT, tmp_path_factory.mktemp("pseudo"), PSEUDO_LANGUAGE)


@pytest.fixture(scope="session")
def assert_all_translated(untranslated):
    """``assert_all_translated(site)``: no visible string of the pseudo-translated site is in plain letters."""
    def assert_all_translated(site: Path) -> None:
        left = untranslated(site, PSEUDO_LANGUAGE.replace("_", "-"))
        listing = "\n".join(f"{item.page}: <{item.where}> {item.text[:90]!r}" for item in left[:40])
        assert not left, f"{len(left)} strings cannot be translated:\n{listing}"
    return assert_all_translated


def site_pages(site: Path) -> set[Path]:
    return {page.relative_to(site) for page in site.rglob("*.html") if "_static" not in page.parts}


def test_pseudo_translation_reaches_every_visible_string(pseudo: Path, built: Path, assert_all_translated) -> None:
    # The scan covers every page the real site has (a translation adds none and loses none).
    assert site_pages(pseudo) == site_pages(built / "html")
    assert_all_translated(pseudo)


def test_pseudo_translation_of_features_the_project_does_not_use_yet(rootdir: Path, tmp_path: Path,
                                                                   assert_all_translated) -> None:
    """Playable videos, a rates table and a logo exist only in the test root so far."""
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-content", source)
    site = pseudo_site(source, tmp_path / "work", PSEUDO_LANGUAGE)
    assert (site / "final" / "chapter.html").read_text(encoding="utf-8").count("ppiebook-video-embed") == 1
    assert_all_translated(site)


def test_every_project_string_is_extracted() -> None:
    """A ``_("…")`` call the extractor misses could never be translated."""
    import ast

    from ppiebook.i18n.extract import PACKAGE, code_messages
    extracted = {message for message, _file, _line in code_messages()}
    written = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                written.add(node.args[0].value)
    assert len(written) > 40
    assert written <= extracted, sorted(written - extracted)


def formatted_messages(source: str, filename: str) -> list[str]:
    """``_()`` calls whose message is formatted before the lookup: an f-string, ``"…".format()``
    or ``"…" % x``. No catalogue holds the formatted text, so it is never translated (and the
    extractor skips it without a word). Format after the lookup: ``_("… {name}").format(name=x)``."""
    import ast

    def formatted(message: ast.expr) -> str | None:
        if isinstance(message, ast.JoinedStr):
            return "an f-string"
        if (isinstance(message, ast.Call) and isinstance(message.func, ast.Attribute)
                and message.func.attr == "format" and isinstance(message.func.value, ast.Constant)):
            return "a string formatted with .format()"
        if isinstance(message, ast.BinOp) and isinstance(message.op, ast.Mod) and isinstance(message.left, ast.Constant):
            return "a string formatted with %"
        return None

    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
            kind = formatted(node.args[0])
            if kind:
                found.append(f"{filename}:{node.lineno}: _() of {kind}")
    return found


def test_formatted_message_check_finds_each_kind() -> None:
    """The check below on a planted source: it reports what it claims to."""
    source = (
        "from ppiebook.i18n import _\n"
        "name = 'Ada'\n"
        "ok = _('Written by {name}').format(name=name)\n"
        "bad = _(f'Written by {name}')\n"
        "worse = _('Written by {}'.format(name))\n"
        "worst = _('Written by %s' % name)\n"
        "data = _(name)\n"  # text from a data file, extracted from the data (translate_data)
    )
    assert formatted_messages(source, "planted.py") == [
        "planted.py:4: _() of an f-string",
        "planted.py:5: _() of a string formatted with .format()",
        "planted.py:6: _() of a string formatted with %",
    ]


def test_no_translated_message_is_formatted_before_the_lookup() -> None:
    from ppiebook.i18n.extract import PACKAGE

    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20
    found = [problem for path in sources
             for problem in formatted_messages(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))]
    assert found == []


# --- Languages under their own folders ------------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ppiebook.commands.build", *args], cwd=project, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def bilingual(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project published in English and in the right-to-left pseudo-language (built
    once per module by the build command, about 10 s: its tests are marked slow)."""
    project = tmp_path_factory.mktemp("bilingual") / "project"
    shutil.copytree(rootdir / "test-content", project)
    catalogue = project / "publications.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "  language: en-GB\n", "  language: en-GB\n  translations:\n    - language: ar-XB\n      name: عربي تجريبي\n"),
        encoding="utf-8")
    result = sphinx_build(project, "-b", "gettext", str(project), str(project / "_build" / "gettext"))
    assert result.returncode == 0, result.stderr
    write_locale(project / "_build" / "gettext", project / "locales", PSEUDO_RTL_LANGUAGE)
    result = build(project, "all")
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.slow
def test_each_language_has_its_own_folder(bilingual: Path) -> None:
    html, pdf = bilingual / "_build" / "html", bilingual / "_build" / "pdf"
    main_pages = {p.relative_to(html) for p in html.glob("**/*.html") if "ar-XB" not in p.parts and "_static" not in p.parts}
    translated = {p.relative_to(html / "ar-XB") for p in (html / "ar-XB").glob("**/*.html") if "_static" not in p.parts}
    assert main_pages and main_pages == translated
    main_pdfs = sorted(p.name for p in pdf.glob("*.pdf"))
    assert main_pdfs and sorted(p.name for p in (pdf / "ar-XB").glob("*.pdf")) == main_pdfs
    # The translated site carries its own PDFs.
    assert sorted(p.name for p in (html / "ar-XB" / "pdf").glob("*.pdf")) == main_pdfs


@pytest.mark.slow
def test_language_switcher_on_every_page(bilingual: Path) -> None:
    html = bilingual / "_build" / "html"
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts and p.name not in ("search.html", "genindex.html")]
    assert len(pages) >= 8
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        switcher = soup.select_one("nav.ppiebook-languages")
        assert switcher is not None, page
        current = switcher.select_one("[aria-current]")
        in_translation = "ar-XB" in page.relative_to(html).parts
        assert current.get_text(strip=True) == ("عربي تجريبي" if in_translation else "English")
        links = switcher.select("a[hreflang]")
        assert len(links) == 1
        target = (page.parent / links[0]["href"]).resolve()
        assert target.is_file(), f"{page}: {links[0]['href']}"
        # The link leads to the same page in the other language.
        assert target.relative_to(html).parts[-1] == page.name


@pytest.mark.slow
def test_right_to_left_html(bilingual: Path) -> None:
    page = bilingual / "_build" / "html" / "ar-XB" / "final" / "chapter.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assert soup.html["lang"] == "ar-XB"
    assert soup.body["dir"] == "rtl"
    english = BeautifulSoup((bilingual / "_build" / "html" / "final" / "chapter.html").read_text(encoding="utf-8"), "lxml")
    assert english.body.get("dir") is None
    text = soup.select_one("main").get_text()
    assert sum("\u0600" <= char <= "\u06ff" for char in text) > 100


@pytest.mark.slow
def test_right_to_left_pdf(bilingual: Path) -> None:
    folder = bilingual / "_build" / "pdf" / "ar-XB"
    editions = sorted(folder.glob("*.pdf"))
    assert any(p.name.endswith("-tagged.pdf") for p in editions) and any(not p.name.endswith("-tagged.pdf") for p in editions)
    for pdf in editions:
        with pikepdf.open(pdf) as document:
            assert str(document.Root.Lang) == "ar-XB", pdf.name
            fonts = {str(font.BaseFont).replace("-", "").lower()
                     for page in document.pages for font in page.Resources.get("/Font", {}).values()}
        assert any("notonaskharabic" in font for font in fonts), (pdf.name, fonts)
    print_edition = next(p for p in editions if not p.name.endswith("-tagged.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(print_edition), "-"], capture_output=True, text=True).stdout
    lines = [line for line in text.splitlines() if any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in line)]
    assert len(lines) > 10
    # Right-aligned: Arabic lines end near the right margin, so most start with spaces in -layout output.
    indented = [line for line in lines if line.startswith("   ")]
    assert len(indented) > len(lines) / 2


@pytest.mark.slow
def test_one_language_rebuilds_alone(bilingual: Path) -> None:
    html = bilingual / "_build" / "html"
    before = {k: v for k, v in digest(html).items() if not k.startswith("ar-XB/")}
    result = build(bilingual, "html", "--language", "ar-XB")
    assert result.returncode == 0, result.stderr
    after = digest(html)
    assert {k: v for k, v in after.items() if not k.startswith("ar-XB/")} == before
    assert "ar-XB/index.html" in after
    # And the main language's build keeps the translation.
    result = build(bilingual, "html")
    assert result.returncode == 0, result.stderr
    assert (html / "ar-XB" / "index.html").is_file()
