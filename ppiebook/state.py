"""What the project keeps during a build, through Sphinx's public API.

- Per page, in the environment: :class:`ProjectDomain`, whose data Sphinx pickles with
  the environment, and which clears a page's entries when the page is re-read and merges
  them from parallel readers, as Sphinx's own domains do. Among them, each page's outline
  that Sphinx numbers figures from (the one private API here, through ppiebook.compat).
- Per build, on the application: :class:`BuildState`, typed, one per Sphinx application
  (a live preview keeps its application, and so its state, between builds).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ppiebook.compat import figure_outline, number_figures_from_outlines
from ppiebook.events import FIGURE_OUTLINES

if TYPE_CHECKING:
    from ppiebook.catalogue.publications import Catalogue, Publication
    from ppiebook.pdfshared.logs import Recorder
    from ppiebook.site.downloads import Download
    from ppiebook.site.fastnav import NavTemplate
    from ppiebook.site.pdf_facts import PdfFacts

#: Facts recorded per page: ``store -> {docname: [items]}``. ``figure_outlines``: the one
#: outline of the page that Sphinx numbers figures from (compat.figure_outline).
PER_PAGE = ("list_docs", "editorial_notes", "ignored_front_matter", "figure_outlines")


class ProjectDomain(Domain):
    """The project's per-page facts. It defines no roles, directives or objects."""

    name = "ppiebook"
    label = "ppiebook"
    #: Raised when the stores change: Sphinx then reads every page again.
    data_version = 2
    initial_data: dict[str, Any] = {store: {} for store in PER_PAGE}

    def clear_doc(self, docname: str) -> None:
        for store in PER_PAGE:
            self.data[store].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for store in PER_PAGE:
            self.data[store].update({doc: items for doc, items in otherdata[store].items() if doc in wanted})

    def resolve_any_xref(self, env: Any, fromdocname: str, builder: Any, target: str, node: Any,
                         contnode: Any) -> list[tuple[str, Any]]:
        """Nothing to resolve: without this, MyST warns (with no file or line) about the domain
        on every reference that points nowhere, beside its own located warning."""
        return []

    def record(self, store: str, item: Any) -> None:
        """Note ``item`` against the page being read."""
        self.data[store].setdefault(self.env.docname, []).append(item)

    def pages(self, store: str) -> dict[str, list[Any]]:
        return self.data[store]

    # Facts about the whole project, set in the main process (never by a parallel reader).
    @property
    def catalogue(self) -> Catalogue:
        return self.data["catalogue"]

    @catalogue.setter
    def catalogue(self, value: Catalogue) -> None:
        self.data["catalogue"] = value

    @property
    def toctree_cycles(self) -> list[tuple[str, str]]:
        return self.data.setdefault("toctree_cycles", [])

    @toctree_cycles.setter
    def toctree_cycles(self, value: list[tuple[str, str]]) -> None:
        self.data["toctree_cycles"] = value

    def remembered(self, key: str) -> Any:
        """A value kept from the last build (such as a fingerprint), or None."""
        return self.data.get("remembered", {}).get(key)

    def remember(self, key: str, value: Any) -> None:
        self.data.setdefault("remembered", {})[key] = value


def project_data(env: BuildEnvironment) -> ProjectDomain:
    return cast(ProjectDomain, env.get_domain(ProjectDomain.name))


def _record_figure_outline(app: Sphinx, doctree: nodes.document) -> None:
    project_data(app.env).record("figure_outlines", figure_outline(app.env, doctree))


def _figure_outlines(env: BuildEnvironment) -> dict[str, nodes.Element]:
    return {docname: kept[0] for docname, kept in project_data(env).pages("figure_outlines").items()}


@dataclass
class BuildState:
    catalogue: Catalogue | None = None
    #: docname -> the publications whose PDF contains it (None: work it out again).
    membership: dict[str, list[Publication]] | None = None
    downloads: list[Download] = field(default_factory=list)
    pdf_facts: dict[str, PdfFacts] = field(default_factory=dict)
    #: PDF file name -> the size of its cover thumbnail.
    covers: dict[str, tuple[int, int]] = field(default_factory=dict)
    nav_templates: dict[str, NavTemplate] = field(default_factory=dict)
    script_labels: str | None = None
    rst2pdf_recorder: Recorder | None = None
    #: When this build started writing pages (time.time_ns()).
    write_started_ns: int = 0


_STATES: weakref.WeakKeyDictionary[Sphinx, BuildState] = weakref.WeakKeyDictionary()


def build_state(app: Sphinx) -> BuildState:
    if app not in _STATES:
        _STATES[app] = BuildState()
    return _STATES[app]


def setup(app: Sphinx) -> None:
    app.add_domain(ProjectDomain)
    # After any change, Sphinx numbers figures by walking every page: the outlines spare
    # it reading them all again (about 1 s of a 1.5 s rebuild at 400 pages).
    app.connect("doctree-read", _record_figure_outline, priority=FIGURE_OUTLINES)
    number_figures_from_outlines(app, _figure_outlines)
