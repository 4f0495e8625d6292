"""How to cite a publication and what its licence means, from the catalogue alone."""

from __future__ import annotations

import re

from ppiebook.catalogue.publications import Programme, Publication

# The licences the catalogue may name (SPDX identifiers), as readers should see them.
LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International (CC BY 4.0)",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)",
                     "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0 Universal (CC0 1.0)",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
}

_HONORIFIC = re.compile(r"^(Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\.?\s+")


def licence_name(spdx: str) -> str:
    return LICENCES.get(spdx, (spdx, ""))[0]


def licence_url(spdx: str) -> str:
    return LICENCES.get(spdx, (spdx, ""))[1]


def citation_text(publication: Publication, programme: Programme) -> str:
    """A plain reference a reader can paste: authors (year). Title: subtitle. Version. Publisher."""
    authors = ", ".join(_HONORIFIC.sub("", author) for author in publication.authors)
    year = publication.date[:4]
    status = ", draft" if publication.is_draft else ""
    title = f"{publication.title}: {publication.subtitle}" if publication.subtitle else publication.title
    reference = f"{authors} ({year}). {title}. Version {publication.version}{status}. {programme.name}."
    address = programme.address(publication.root)
    if address:
        reference += f" {address}"
    return reference
