"""The site navigation rendered once per build, not once per page.

sphinx-book-theme puts the whole site tree in every page's primary sidebar.
pydata-sphinx-theme builds it per page: Sphinx resolves the global toctree for that
page, renders it, BeautifulSoup re-parses it and rewrites it (and its empty-template
check renders it a second time), so a clean build grows with pages squared.

Here the theme's own code renders the tree ONCE, for a page that is in no toctree and
sits at the top of the site, so nothing is marked current and every link is the
target's site-relative address. That HTML is cut into static text and slots; per page
only the slots change: every link is made relative to the page's folder (cached per
folder), and the entries that lead to the page get the marks the theme would give them
(``current``/``active`` on the list items and lists above it, ``current`` and ``#`` on
its own link, ``open`` on the ``<details>`` of each item on the way). The result is the
theme's HTML, character for character; ``tests/test_fastnav.py`` compares every page.

Switch: ``ppiebook_fast_navigation = False`` uses the theme's own rendering.
Only the configuration the theme ships with is handled (whole tree, not collapsed,
first level shown); any other call goes to the theme's own function.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EntitySubstitution
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ppiebook.compat import TOCTREE_HTML, global_toctree_for_doc, html_config_hash, relative_uri, theme_toctree_html
from ppiebook.events import FAST_NAVIGATION, REWRITE_WHEN_NAV_CHANGED
from ppiebook.site.theme import label_summaries
from ppiebook.state import build_state, project_data

# A page name no project has, at the top of the site: links from it are site-relative.
SENTINEL = "_ppiebook-navigation-template_"
_SLOT = "\ue000{}\ue001"  # private-use characters: never in a page title
_SLOT_RE = re.compile("\ue000(\\d+)\ue001")


@dataclass
class NavTemplate:
    """The tree as text pieces: ``parts[2k]`` static, ``parts[2k+1]`` slot ``k``."""

    parts: list[str]
    kinds: list[str]  # per slot: href, a, li, ul, ul-attr, details
    targets: list[str]  # per slot: the link's target URI (href slots), else ""
    # target URI -> the (slot, value) marks a page with that URI gets
    marks: dict[str, list[tuple[int, str]]]
    by_folder: dict[str, list[str]] = field(default_factory=dict)

    def render(self, page_uri: str) -> str:
        folder = page_uri.rpartition("/")[0]
        parts = self.by_folder.get(folder)
        if parts is None:
            parts = self.by_folder[folder] = self._for_folder(folder)
        marks = self.marks.get(page_uri)
        if marks:
            parts = parts.copy()
            for slot, value in marks:
                parts[2 * slot + 1] = value
        return "".join(parts)

    def _for_folder(self, folder: str) -> list[str]:
        """Every slot unmarked; links relative to ``folder``."""
        base = f"{folder}/{SENTINEL}.html" if folder else f"{SENTINEL}.html"  # any page there but a target
        parts = self.parts.copy()
        for slot, target in enumerate(self.targets):
            if target:
                parts[2 * slot + 1] = _escape(relative_uri(base, target))
        return parts


def _escape(value: str) -> str:
    # As BeautifulSoup writes attribute values (its "minimal" formatter).
    return EntitySubstitution.substitute_xml(value).replace('"', "&quot;")


UNMARKED = {"href": "", "a": "", "li": "", "ul": "", "ul-attr": "", "details": ""}
MARKED = {"href": "#", "a": "current ", "li": " current active", "ul": "current ", "ul-attr": ' class="current"',
          "details": ' open="open"'}


def build_template(soup: BeautifulSoup) -> NavTemplate:
    """Put slots into the theme's rendering of the tree for the sentinel page."""
    kinds: list[str] = []
    targets: list[str] = []
    slot_of: dict[tuple[int, str], int] = {}

    def slot(element: Tag, kind: str, target: str = "") -> str:
        slot_of[(id(element), kind)] = len(kinds)
        kinds.append(kind)
        targets.append(target)
        return _SLOT.format(len(kinds) - 1)

    links: list[tuple[str, Tag]] = []
    for ul in soup.find_all("ul"):
        classes = ul.get("class") or []
        if classes:
            ul["class"] = slot(ul, "ul") + " ".join(classes)
        else:
            ul["class"] = slot(ul, "ul-attr")
    for li in soup.find_all("li"):
        classes = li.get("class") or []
        li["class"] = (classes[0] if classes else "") + slot(li, "li") + "".join(f" {c}" for c in classes[1:])
        details = li.find("details", recursive=False)
        if details is not None and not details.has_attr("open"):  # open on every page: leave it
            details["open"] = slot(details, "details")
    for a in soup.find_all("a"):
        classes = a.get("class") or []
        if "internal" not in classes or "#" in a.get("href", "#"):
            continue
        target = a["href"]
        a["class"] = slot(a, "a") + " ".join(classes)
        a["href"] = slot(a, "href", target)
        links.append((target, a))

    # Attributes that exist only when marked become one slot each, attribute included.
    text = str(soup)
    text = re.sub(' (?:class|open)="(\ue000(\\d+)\ue001)"',
                  lambda m: m[1] if kinds[int(m[2])] in ("ul-attr", "details") else m[0], text)
    pieces = _SLOT_RE.split(text)
    order = [int(number) for number in pieces[1::2]]  # slots in the order they appear
    if sorted(order) != list(range(len(kinds))):
        raise RuntimeError("fastnav: the navigation template lost a slot")
    position = {number: n for n, number in enumerate(order)}
    for n, number in enumerate(order):
        pieces[2 * n + 1] = UNMARKED[kinds[number]]
    slot_of = {key: position[number] for key, number in slot_of.items()}
    kinds, targets = [kinds[number] for number in order], [targets[number] for number in order]

    marks: dict[str, list[tuple[int, str]]] = {}
    for target, a in links:
        found = marks.setdefault(target, [])
        for kind in ("a", "href"):
            found.append((slot_of[(id(a), kind)], MARKED[kind]))
        for parent in a.parents:
            if parent.name == "li":
                found.append((slot_of[(id(parent), "li")], MARKED["li"]))
                details = parent.find("details", recursive=False)
                if details is not None and (id(details), "details") in slot_of:
                    found.append((slot_of[(id(details), "details")], MARKED["details"]))
            elif parent.name == "ul":
                kind = "ul" if (id(parent), "ul") in slot_of else "ul-attr"
                found.append((slot_of[(id(parent), kind)], MARKED[kind]))
    for target in marks:  # a list above two entries of the same page is marked once
        marks[target] = list(dict.fromkeys(marks[target]))
    return NavTemplate(pieces, kinds, targets, marks)


def _fits(call: dict[str, Any]) -> bool:
    """The theme's shipped call: the whole tree, never collapsed, at least one level shown.

    A collapsed tree or one rooted below the top differs per page in its shape, not
    only in its marks; those calls stay with the theme.
    """
    return (call.get("kind") == "sidebar" and call.get("startdepth", 1) == 0
            and "collapse" in call and not call["collapse"] and int(call.get("show_nav_level", 1)) >= 1)


def _theme_tree(app: Sphinx, context: dict, call: dict[str, Any]) -> BeautifulSoup:
    """The theme's own sidebar tree for the sentinel page, labelled as theme.py labels it."""
    builder = app.builder

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        # What Sphinx's own ``toctree()`` template function does, for the sentinel page.
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        tree = global_toctree_for_doc(app.env, SENTINEL, builder, tags=builder.tags, collapse=collapse, **kwargs)
        return builder.render_partial(tree)["fragment"]

    fake = {"toctree": toctree, "pathto": context["pathto"], "theme_external_links": []}
    soup = theme_toctree_html(app, SENTINEL, fake)(**call)
    label_summaries(soup)
    return soup


def fast_toctree_function(app: Sphinx, pagename: str, context: dict) -> Callable[..., str]:
    """``generate_toctree_html`` for this page: the once-per-build tree, marked for it."""
    templates = build_state(app).nav_templates
    page_uri = app.builder.get_target_uri(pagename)

    def generate(*args: Any, **kwargs: Any) -> Any:
        call = dict(zip(("kind", "startdepth", "show_nav_level"), args)) | kwargs
        if not _fits(call):
            return context[TOCTREE_HTML](*args, **kwargs)
        key = repr(sorted(call.items()))
        if key not in templates:
            template = stored_template(app, call)
            if template is None:
                template = build_template(_theme_tree(app, context, call))
                store_template(app, call, template)
            templates[key] = template
        return templates[key].render(page_uri)

    return generate


STORE = "ppiebook-navigation.pickle"


def _store_key(app: Sphinx, call: dict[str, Any]) -> str | None:
    """Everything the tree's HTML depends on; None when it also shows sections (not cached)."""
    if not call.get("titles_only"):
        return None
    import pydata_sphinx_theme
    import sphinx

    env = app.env
    fingerprint = project_data(env).remembered("nav_fingerprint") or nav_fingerprint(env)
    code = b"".join(Path(__file__).with_name(name).read_bytes() for name in ("fastnav.py", "theme.py"))
    code += Path(__file__).parent.parent.joinpath("compat.py").read_bytes()  # the theme's toctree function
    parts = [fingerprint, repr(sorted(call.items())), app.builder.name,
             html_config_hash(app.builder),
             sphinx.__version__, pydata_sphinx_theme.__version__, hashlib.sha256(code).hexdigest()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def stored_template(app: Sphinx, call: dict[str, Any]) -> NavTemplate | None:
    """Last build's tree, when nothing it is made of has changed (an edit below a title).

    Rendering it costs about a second at 400 pages, most of an incremental build.
    """
    key = _store_key(app, call)
    path = Path(app.doctreedir) / STORE
    if key is None or not path.is_file():
        return None
    try:
        with path.open("rb") as file:
            stored = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return stored.get(key)


def store_template(app: Sphinx, call: dict[str, Any], template: NavTemplate) -> None:
    key = _store_key(app, call)
    if key is None:
        return
    path = Path(app.doctreedir) / STORE
    bare = NavTemplate(template.parts, template.kinds, template.targets, template.marks)  # no per-folder copies
    with path.open("wb") as file:
        pickle.dump({key: bare}, file, protocol=pickle.HIGHEST_PROTOCOL)


def use_fast_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """``html-page-context``, before the theme's handlers: offer the fast tree to the template.

    ppiebook's ``sbt-sidebar-nav.html`` includes the theme's own template with
    ``generate_toctree_html`` bound to this function; the theme's empty-template check
    (which renders every sidebar template once more) then costs nothing either.
    """
    if not app.config.ppiebook_fast_navigation or not hasattr(app.builder, "render_partial"):
        return
    context["ppiebook_fast_toctree_html"] = _LateBound(app, pagename, context)


class _LateBound:
    """Resolved at the template's call, when the theme has added its own function."""

    def __init__(self, app: Sphinx, pagename: str, context: dict) -> None:
        self.app, self.pagename, self.context = app, pagename, context
        self.function: Callable[..., str] | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        if self.function is None:
            self.function = fast_toctree_function(self.app, self.pagename, self.context)
        return self.function(*args, **kwargs)


def nav_fingerprint(env: BuildEnvironment) -> str:
    """What a titles-only tree is made of: each page's title entry (with its section
    number), its toctrees and its ``tocdepth``. An edit below the title changes none."""
    digest = hashlib.sha256()
    for docname in sorted(env.tocs):
        toc = env.tocs[docname]
        title = next(toc.findall(nodes.reference), None)
        digest.update(f"\0{docname}\0{env.metadata.get(docname, {}).get('tocdepth', '')}\0".encode())
        digest.update((title.pformat() if title is not None else "").encode())
        for toctree in toc.findall(addnodes.toctree):
            digest.update(toctree.pformat().encode())
    for docname in sorted(env.toctree_includes):
        digest.update(f"\0{docname}>{','.join(env.toctree_includes[docname])}".encode())
    return digest.hexdigest()


def rewrite_all_when_nav_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page shows the tree, so a new title or toctree rewrites them all.

    Runs after Sphinx's own handler of that event has numbered the sections (numbered
    toctrees), which the tree shows.

    Sphinx itself only rewrites the pages it re-read, which would leave the other pages'
    navigation stale; an edit that changes neither rewrites only the edited page.
    """
    if getattr(app.builder, "format", "") != "html":
        return []
    fingerprint = nav_fingerprint(env)
    previous = project_data(env).remembered("nav_fingerprint")
    project_data(env).remember("nav_fingerprint", fingerprint)
    if previous is None or previous == fingerprint:
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", use_fast_navigation, priority=FAST_NAVIGATION)
    app.connect("env-get-updated", rewrite_all_when_nav_changed, priority=REWRITE_WHEN_NAV_CHANGED)
