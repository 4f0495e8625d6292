"""rst2pdf's ``pdf_documents`` and page settings, derived from the catalogue."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ppiebook.catalogue.identity import catalogue_of
from ppiebook.catalogue.publications import Catalogue
from ppiebook.compat import set_in_conf_py
from ppiebook.i18n.languages import language_tag, sphinx_language
from ppiebook.pdfshared.design import build_stylesheet
from ppiebook.pdfshared.metadata import publication_metadata, stamp_metadata
from ppiebook.pdfshared.pages import TOC_DEPTH

# rst2pdf defaults that do not suit a published report: an index of Python objects,
# chapters forced onto odd pages (blank pages readers do not expect), timestamps
# that make every build differ.
# rst2pdf splits the author string on backslashes, one cover line per author.
AUTHOR_SEPARATOR = "\\"

STYLESHEET = Path(__file__).with_name("styles") / "ppiebook.yaml"

PDF_DEFAULTS = {
    # Cover and contents are made by frontmatter.py from the catalogue.
    "pdf_use_coverpage": False,
    "pdf_use_toc": False,
    "pdf_toc_depth": TOC_DEPTH,
    "pdf_stylesheets": ["sphinx", "a4", str(STYLESHEET)],
    "pdf_use_index": False,
    "pdf_use_modindex": False,
    "pdf_domain_indices": False,
    "pdf_breakside": "any",
    "pdf_break_level": 1,
    "pdf_invariant": True,
    "pdf_compressed": True,
    "pdf_repeat_table_rows": True,
    "pdf_splittables": True,
}


def derive_pdf_documents(app: Sphinx, config: Config) -> None:
    """One rst2pdf document per publication; nothing about publications is set elsewhere."""
    catalogue = catalogue_of(app)
    config.pdf_documents = [
        (pub.root, pub.pdf, pub.title, AUTHOR_SEPARATOR.join(pub.authors), {}) for pub in catalogue.publications
    ]
    for name, value in PDF_DEFAULTS.items():
        if not set_in_conf_py(config, name):  # conf.py may still override
            setattr(config, name, value)
    config.pdf_language = sphinx_language(language_tag(config, catalogue))


def add_generated_stylesheet(app: Sphinx) -> None:
    """Fonts, page and colours (see ppiebook/pdfshared/design.py), written for this build."""
    catalogue = catalogue_of(app)
    path = write_stylesheet(Path(app.doctreedir) / "ppiebook-pdf-style.yaml", catalogue,
                            language_tag(app.config, catalogue))
    app.config.pdf_stylesheets = [*app.config.pdf_stylesheets, str(path)]


def write_stylesheet(path: Path, catalogue: Catalogue, language: str = "") -> Path:
    """rst2pdf reads YAML; JSON is YAML, and needs no extra writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_stylesheet(catalogue, language), indent=1), encoding="utf-8")
    return path


def stamp_all(app: Sphinx, only: Sequence[str] | None = None) -> None:
    """Stamp the publications' PDFs; with ``only``, just those files (the ones rewritten)."""
    catalogue = catalogue_of(app)
    for publication in catalogue.publications:
        if only is not None and publication.pdf_filename not in only:
            continue
        stamp_metadata(Path(app.outdir) / publication.pdf_filename,
                       **publication_metadata(publication, catalogue.programme, language_tag(app.config, catalogue)))
