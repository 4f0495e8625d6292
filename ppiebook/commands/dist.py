"""Package the built site and PDFs as one reproducible archive, with its checksum.

    python -m ppiebook.commands.dist [--builddir _build] [--distdir dist] [--catalogue publications.yaml]

Run after a successful build (``make dist`` builds first). Writes
``<distdir>/<name>-<version>.tar.gz`` holding ``site/`` (the contents of
``<builddir>/html``) and ``pdf/`` (the PDFs in ``<builddir>/pdf``), and beside it
``<name>-<version>.tar.gz.sha256`` in ``sha256sum`` format, so that
``sha256sum -c`` run in ``<distdir>`` verifies the archive.

``<name>`` is the programme's name in ``publications.yaml`` as a slug
("Community Connexions" gives ``community-connexions``); ``<version>`` is
``ppiebook.__version__``.

The same inputs give the same bytes: entries are sorted, every entry has the
same modification time (``SOURCE_DATE_EPOCH`` when set, else 0), owner 0:0,
no owner names, normalised permissions (0644, or 0755 for folders and
executables), and the gzip header has no file name and time 0. Hidden files
(Sphinx's ``.buildinfo``, editors' leftovers) are left out, as GitHub Pages
leaves them out of the published site.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import re
import sys
import tarfile
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath


class DistError(Exception):
    """A reason not to package, worded as the one line the user sees."""


def slugify(name: str) -> str:
    """Lower case ASCII words joined by hyphens: 'Community Connexions' -> 'community-connexions'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def project_name(catalogue_path: Path) -> str:
    """The slug of ``programme.name`` in the catalogue."""
    from ppiebook.catalogue.publications import CatalogueError, load_catalogue

    try:
        catalogue = load_catalogue(catalogue_path)
    except CatalogueError as exc:
        raise DistError(str(exc)) from None
    slug = slugify(catalogue.programme.name)
    if not slug:
        raise DistError(f"{catalogue_path}: programme.name {catalogue.programme.name!r} gives no usable file name")
    return slug


def project_version() -> str:
    from ppiebook import __version__

    return __version__


def source_date_epoch() -> int:
    """The fixed modification time of every entry: SOURCE_DATE_EPOCH when set, else 0."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return 0
    if not value.isdigit():
        raise DistError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
    return int(value)


def _visible(relative: Path) -> bool:
    return not any(part.startswith(".") for part in relative.parts)


def _tree(root: Path, prefix: str) -> Iterator[tuple[PurePosixPath, Path]]:
    """Every visible folder and file under ``root``, as (name in the archive, path on disk)."""
    yield PurePosixPath(prefix), root
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if _visible(relative):
            yield PurePosixPath(prefix, *relative.parts), path


def collect(builddir: Path) -> list[tuple[PurePosixPath, Path]]:
    """The archive's entries, sorted: site/ from <builddir>/html, pdf/ from <builddir>/pdf/*.pdf."""
    html, pdf = builddir / "html", builddir / "pdf"
    for folder in (html, pdf):
        if not folder.is_dir():
            raise DistError(f"{folder} is missing: build the site and PDFs first (make)")
    pdfs = sorted(path for path in pdf.iterdir() if path.suffix.lower() == ".pdf" and path.is_file())
    if not pdfs:
        raise DistError(f"{pdf} holds no PDF: build the site and PDFs first (make)")
    entries = list(_tree(html, "site"))
    entries.append((PurePosixPath("pdf"), pdf))
    entries += [(PurePosixPath("pdf", path.name), path) for path in pdfs]
    return sorted(entries, key=lambda entry: entry[0].parts)


def _tarinfo(name: PurePosixPath, path: Path, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(str(name))
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if path.is_dir():
        info.type, info.mode = tarfile.DIRTYPE, 0o755
    elif path.is_file():  # a symbolic link to a file is stored as the file
        info.type, info.size = tarfile.REGTYPE, path.stat().st_size
        info.mode = 0o755 if os.access(path, os.X_OK) else 0o644
    else:
        raise DistError(f"{path} is neither a file nor a folder")
    return info


def archive_bytes(entries: Sequence[tuple[PurePosixPath, Path]], mtime: int) -> bytes:
    """The .tar.gz of ``entries``, byte for byte the same for the same inputs."""
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in entries:
            info = _tarinfo(name, path, mtime)
            if info.isdir():
                tar.addfile(info)
            else:
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
    gz_buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz_buffer, compresslevel=9, mtime=0) as gz:
        gz.write(tar_buffer.getvalue())
    return gz_buffer.getvalue()


def write_dist(builddir: Path, distdir: Path, catalogue: Path) -> tuple[Path, Path]:
    """Write the archive and its .sha256 file; return both paths."""
    entries = collect(builddir)
    mtime = source_date_epoch()
    filename = f"{project_name(catalogue)}-{project_version()}.tar.gz"
    data = archive_bytes(entries, mtime)
    distdir.mkdir(parents=True, exist_ok=True)
    archive, checksum = distdir / filename, distdir / f"{filename}.sha256"
    for target, content in ((archive, data), (checksum, f"{hashlib.sha256(data).hexdigest()}  {filename}\n".encode())):
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(content)
        partial.replace(target)  # never a half-written archive under the real name
    return archive, checksum


def main(argv: Sequence[str] | None = None, prog: str = "python -m ppiebook.commands.dist") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"), help="where the build put html/ and pdf/")
    parser.add_argument("--distdir", type=Path, default=Path("dist"), help="where the archive is written")
    parser.add_argument("--catalogue", type=Path, default=Path("publications.yaml"), help="gives the project's name")
    args = parser.parse_args(argv)
    try:
        archive, checksum = write_dist(args.builddir, args.distdir, args.catalogue)
    except DistError as exc:
        print(f"dist failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"dist failed: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {archive} and {checksum.name} (check with: cd {args.distdir} && sha256sum -c {checksum.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
