"""Document metadata that rst2pdf leaves empty: Title, Author, Subject, Keywords, /Lang, XMP."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict, Unpack

import pikepdf

from ppiebook.catalogue.publications import Programme, Publication
from ppiebook.content.infographics.data import Infographic
from ppiebook.i18n import _, translate_data


class Metadata(TypedDict):
    """What :func:`stamp` writes into a PDF: made once per file (publication_metadata,
    infographic_metadata), the same in both editions."""

    title: str
    authors: Sequence[str]
    subject: str
    keywords: str
    language: str
    rights: str


def stamp_metadata(path: Path, **metadata: Unpack[Metadata]) -> None:
    """Write the metadata (as :func:`stamp` takes it) into ``path`` in place."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        stamp(pdf, **metadata)
        pdf.save(path, deterministic_id=True)


def stamp(
    pdf: pikepdf.Pdf, *, title: str, authors: Sequence[str], subject: str, keywords: str, language: str, rights: str
) -> None:
    """Write the metadata into the open ``pdf`` (info dictionary and XMP agree), for an
    edition that saves the file itself after its last change (one save fewer)."""
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Author"] = "; ".join(authors)
    pdf.docinfo["/Subject"] = subject
    pdf.docinfo["/Keywords"] = keywords
    pdf.Root.Lang = pikepdf.String(language)
    # Viewers then show the title, not the file name, in the window bar.
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = title
        xmp["dc:creator"] = list(authors)
        xmp["dc:description"] = subject
        xmp["dc:language"] = [language]
        xmp["dc:rights"] = rights
        xmp["pdf:Keywords"] = keywords
    if "SOURCE_DATE_EPOCH" in os.environ:
        # Reproducible builds: the date the sources say, not the clock's.
        moment = time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"]))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", moment)
        pdf.docinfo["/CreationDate"] = pdf.docinfo["/ModDate"] = time.strftime("D:%Y%m%d%H%M%SZ", moment)
    lift_chapters(pdf)
    open_other_pdfs_at_start(pdf)


def lift_chapters(pdf: pikepdf.Pdf) -> None:
    """Make the chapters the top level of the bookmarks.

    rst2pdf nests everything under the root page's title, which is the document's own
    title (already on the cover and in the window bar): one needless level to open.
    """
    with pdf.open_outline() as outline:
        if len(outline.root) == 1 and outline.root[0].children:
            outline.root[:] = list(outline.root[0].children)


def open_other_pdfs_at_start(pdf: pikepdf.Pdf) -> None:
    """Make links into another publication's PDF open that file.

    rst2pdf writes them as remote links to "other.pdf#anchor", a file name no viewer
    finds; the PDFs have no named destinations to aim at, so the link opens the file.
    """
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/GoToR" and "#" in str(action.F):
                action.F = pikepdf.String(str(action.F).split("#", 1)[0])


def publication_metadata(publication: Publication, programme: Programme, language: str = "") -> Metadata:
    """The metadata of a publication's PDF (both editions), as ``stamp_metadata`` takes it,
    in the language being built (``language``: its BCP 47 tag; default the programme's)."""
    return Metadata(
        title=translate_data(publication.title),
        authors=publication.authors,
        subject=translate_data(publication.subtitle),
        keywords=f"{translate_data(programme.name)}; PPIE; {publication.status}",
        language=language or programme.language,
        rights=publication.licence,
    )


def infographic_metadata(infographic: Infographic, programme: Programme, language: str = "") -> Metadata:
    """The metadata of an infographic's PDF (both editions), as ``stamp_metadata`` takes it."""
    status = "complete" if infographic.complete else "draft"
    return Metadata(
        title=_("{title} (infographic)").format(title=infographic.title),
        authors=[programme.name],
        subject=infographic.subtitle,
        keywords=f"{translate_data(programme.name)}; infographic; {status}",
        language=language or programme.language,
        rights=programme.licence,
    )
