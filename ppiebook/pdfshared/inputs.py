"""What a publication's PDF is made from, read from the Sphinx environment without making it.

Both PDF builders fingerprint what they render (the assembled tree, the print HTML), which
means assembling every publication on every build, changed or not: on the 400-page
benchmark tree that was 7 s of the print edition's 9 s when nothing had changed. The
*inputs key* says the same thing from upstream, cheaply: when it is what it was at the last
good build, the fingerprint would be too, and the builder keeps the PDF without assembling
it. When it differs, the builder assembles and compares fingerprints as before, so the key
can only save work, never decide a rebuild on its own.

The key of one publication covers:

- its own pages: each page's source text and metadata;
- what it may read from any other page while references are resolved and its post-
  transforms run: every page's title, contents entries, numbers and metadata, toctree
  structure and images, and every domain's data (labels, glossary terms,
  citations, equations, the catalogue). Left out: what no PDF shows of another page
  (MyST's line numbers and word counts, ``compat.metadata_without_positions``, and the
  project domain's per-page facts, which a page's own tree carries);
- every file of the project that is not a page (data, images, publications.yaml, conf.py,
  translations), by path, size and modification time, as Sphinx itself decides which pages
  to read again; folders Sphinx excludes (``exclude_patterns``), hidden ones, the build
  folder and what the build generates there (``_generated``, compiled translations) are
  not walked, but every file a page depends on is;
- the settings (``Config``), the installed packages' versions, and what the builder adds:
  its code, SOURCE_DATE_EPOCH, the translations' catalogues and the publication's entry.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.matching import Matcher

from ppiebook.compat import metadata_without_positions
from ppiebook.state import PER_PAGE, ProjectDomain

# The environment's records that references, numbers and post-transforms read, per page.
_ENVIRONMENT = ("titles", "longtitles", "tocs", "toc_num_entries", "toc_secnumbers", "toc_fignumbers",
                "toctree_includes", "glob_toctrees", "numbered_toctrees", "files_to_rebuild", "images",
                "dlfiles", "original_image_uri", "included")
# The project domain's entries a PDF never reads from another page: the per-page facts
# (each page's tree holds what they record) and the site's memory between builds.
_PROJECT_PRIVATE = (*PER_PAGE, "remembered")
# Never inputs, wherever a project puts them: generated files are made from other inputs.
_NEVER_WALKED = {"node_modules", "__pycache__", "_generated"}
# Files the build itself writes among the sources: Sphinx compiles each translation's .po
# into a .mo beside it (the .po files are inputs, and the catalogues' digest is in every key).
_MADE_BY_THE_BUILD = {".mo"}
_NAMED = (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.ModuleType,
          types.MethodWrapperType, types.WrapperDescriptorType)
# A memory address in a repr ("<object at 0x7f...>") differs from one process to the next.
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def canonical(value: Any, seen: set[int] | None = None) -> Any:
    """``value`` as plain, ordered data, so equal contents give equal ``repr`` whatever the
    order things were added in (an incremental build re-adds a re-read page's entries last)."""
    seen = set() if seen is None else seen
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, nodes.Element):
        return ("node", value.pformat())
    if isinstance(value, nodes.Node):
        return ("text", value.astext())
    if isinstance(value, dict):
        return ("dict", sorted((repr(canonical(k, seen)), canonical(v, seen)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return ("set", sorted(repr(canonical(item, seen)) for item in value))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [canonical(item, seen) for item in value])
    if isinstance(value, os.PathLike):
        return ("path", os.fspath(value))
    if isinstance(value, _NAMED):  # code, not data: its name (its source is in the code digests)
        return ("named", getattr(value, "__module__", None), getattr(value, "__qualname__", repr(value)))
    if id(value) in seen:  # an object inside itself (such as a symbol tree's parent links)
        return ("again", type(value).__qualname__)
    state = getattr(value, "__dict__", None)
    if state is None and hasattr(value, "__slots__"):
        state = {name: getattr(value, name, None) for name in value.__slots__}
    if state is None:
        return ("repr", type(value).__qualname__, _ADDRESS.sub("", repr(value)))
    seen.add(id(value))  # the objects being walked, not all walked: a shared one is shown each time
    try:
        return ("object", type(value).__qualname__, canonical(state, seen))
    finally:
        seen.discard(id(value))


def _digest(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def environment_digest(env: BuildEnvironment) -> str:
    """What any publication may read from any page besides its own trees (once per build)."""
    records = {name: canonical(getattr(env, name)) for name in _ENVIRONMENT}
    records["metadata"] = canonical({doc: metadata_without_positions(meta) for doc, meta in env.metadata.items()})
    for domain, data in env.domaindata.items():
        if domain == ProjectDomain.name:
            data = {key: value for key, value in data.items() if key not in _PROJECT_PRIVATE}
        records[f"domain {domain}"] = canonical(data)
    return _digest(sorted(records.items()))


def pages_digest(env: BuildEnvironment, docnames: Iterable[str]) -> str:
    """A publication's own pages: each one's source text and metadata. (Not its pickled tree:
    equal trees can pickle to different bytes, and unpickling every page to compare trees
    costs more than the assembly this saves.) What else makes a page's tree is in the other
    digests: settings, the files it includes, translations and the installed packages."""
    digest = hashlib.sha256()
    for docname in docnames:
        source = Path(env.doc2path(docname))
        digest.update(f"{docname}\0".encode())
        digest.update(source.read_bytes() if source.is_file() else b"missing")
        digest.update(repr(canonical(env.metadata.get(docname, {}))).encode())
    return digest.hexdigest()


@functools.cache
def packages_digest() -> str:
    """The installed packages and their versions (every extension that shapes a page's
    tree), from the names of their metadata folders: this costs a directory listing."""
    names = sorted(entry.name for folder in sys.path if os.path.isdir(folder) for entry in os.scandir(folder)
                   if entry.name.endswith((".dist-info", ".egg-info")))
    return _digest(names)


def project_files_digest(env: BuildEnvironment, config: Config, outputs: Iterable[Path]) -> str:
    """Every file of the project that is not a page, and every file a page depends on, by
    path, size and modification time (``outputs``: the folders this build writes)."""
    source = Path(env.srcdir).resolve()
    excluded = Matcher(config.exclude_patterns)
    # Pages by their place in the project (a page may be a symbolic link to a file elsewhere).
    pages = {os.path.relpath(env.doc2path(docname), env.srcdir) for docname in env.found_docs}
    # The folder under the project that holds this build's outputs (such as _build).
    skipped = {source / Path(folder).resolve().relative_to(source).parts[0] for folder in outputs
               if Path(folder).resolve().is_relative_to(source) and Path(folder).resolve() != source}
    stats = []
    for root, folders, files in os.walk(source):
        here = Path(root)
        folders[:] = sorted(
            name for name in folders
            if name not in _NEVER_WALKED and not name.startswith(".") and here / name not in skipped
            and not excluded((here / name).relative_to(source).as_posix()))
        for name in sorted(files):
            path = here / name
            relative = path.relative_to(source)
            if str(relative) not in pages and path.suffix not in _MADE_BY_THE_BUILD \
                    and not excluded(relative.as_posix()):
                stats.append(_stat(path, source))
    # The files pages depend on, wherever they are (their contents, not which page names them:
    # Sphinx lists a translation's .mo only once it exists, so a clean build's list is shorter).
    depended = {Path(env.srcdir, file).resolve() for files in env.dependencies.values() for file in files
                if Path(file).suffix not in _MADE_BY_THE_BUILD}
    stats.extend(_stat(path, source) for path in sorted(depended))
    return _digest(stats)


def folders_digest(folders: Iterable[str | Path]) -> str:
    """The files in ``folders`` outside the project (such as the fonts a renderer may use), by
    path, size and modification time: a system upgrade of one then counts as a change."""
    stats = []
    for folder in folders:
        for root, _, files in sorted(os.walk(folder)):
            stats.extend(_stat(Path(root, name), Path("/")) for name in sorted(files))
    return _digest(stats)


def _stat(path: Path, source: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (os.path.relpath(path, source), info.st_size, info.st_mtime_ns)


def settings_digest(config: Config, ignored: Iterable[str] = ()) -> str:
    """Every setting, but ``ignored`` (those that name this build's own output folders)."""
    skip = set(ignored)
    return _digest(sorted((option.name, repr(canonical(option.value))) for option in config
                          if option.name not in skip))


def build_inputs(env: BuildEnvironment, config: Config, outputs: Iterable[Path], ignored: Iterable[str] = ()) -> str:
    """What every publication of this build is made from besides its own pages, once per build
    (``outputs``: the folders the build writes; ``ignored``: settings that name them)."""
    return _digest(environment_digest(env), settings_digest(config, ignored),
                   project_files_digest(env, config, outputs), packages_digest())


def inputs_key(*parts: str) -> str:
    """One key from the digests above and the builder's own (code, catalogue entry)."""
    return _digest(parts)
