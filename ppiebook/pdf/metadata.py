"""Document metadata that rst2pdf leaves empty: Title, Author, Subject, Keywords, /Lang, XMP."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from sphinx.application import Sphinx

from ..catalogue import Catalogue, Publication
from ..identity import catalogue_of


def stamp_metadata(path: Path, publication: Publication, catalogue: Catalogue) -> None:
    """Write the publication's metadata into ``path`` in place."""
    programme = catalogue.programme
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = publication.title
        pdf.docinfo["/Author"] = "; ".join(publication.authors)
        pdf.docinfo["/Subject"] = publication.subtitle
        keywords = f"{programme.name}; PPIE; {publication.status}"
        pdf.docinfo["/Keywords"] = keywords
        pdf.Root.Lang = pikepdf.String(programme.language)
        # Viewers then show the title, not the file name, in the window bar.
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:title"] = publication.title
            xmp["dc:creator"] = list(publication.authors)
            xmp["dc:description"] = publication.subtitle
            xmp["dc:language"] = [programme.language]
            xmp["dc:rights"] = publication.licence
            xmp["pdf:Keywords"] = keywords
        lift_chapters(pdf)
        pdf.save(path, deterministic_id=True)


def lift_chapters(pdf: pikepdf.Pdf) -> None:
    """Make the chapters the top level of the bookmarks.

    rst2pdf nests everything under the root page's title, which is the document's own
    title (already on the cover and in the window bar): one needless level to open.
    """
    with pdf.open_outline() as outline:
        if len(outline.root) == 1 and outline.root[0].children:
            outline.root[:] = list(outline.root[0].children)


def stamp_all(app: Sphinx) -> None:
    catalogue = catalogue_of(app)
    for publication in catalogue.publications:
        stamp_metadata(Path(app.outdir) / publication.pdf_filename, publication, catalogue)
