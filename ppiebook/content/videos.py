"""``{video} <id>``: a video of the programme, described in ``data/videos.yaml``.

HTML: a privacy-respecting embed. The page shows a placeholder with the title and a
play button; only when the reader presses it does ppiebook-video.js load the player
from the no-cookie host. Nothing is fetched from a third party before that.
PDF editions: the title, description, the video's address and a QR code (VideoAddressAndQr).
While a video's address is unknown, it shows as an editorial note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import segno
import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ppiebook.content.editorial import editorial_note
from ppiebook.content.generated import FOLDER, write_if_changed
from ppiebook.i18n import _, format_nodes, translate_data
from ppiebook.pdfshared.naming import EDITIONS

logger = logging.getLogger(__name__)

NOCOOKIE_EMBED = "https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0"
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube address (watch?v=, youtu.be/, /embed/), or None."""
    parsed = urlparse(url)
    host = parsed.netloc.lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.strip("/")
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            candidate = parsed.path.split("/")[2]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def load_videos(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {video["id"]: video for video in data.get("videos", [])}


class video_embed(nodes.General, nodes.Element):
    """Where the player goes: a placeholder in HTML, address and QR code in PDF."""


def visit_video_embed_html(self, node: video_embed) -> None:
    title = node["title"]
    embed = node["embed"]
    # The player's own title is set by ppiebook-video.js from data-frame-title.
    frame_title = self.attval(_("Video: {title}").format(title=title))
    play = self.encode(_("Play the video: {title}").format(title=title))
    privacy = self.encode(_("The video plays from YouTube, only once you press play."))
    watch = _("You can also {link_start}watch {title} on YouTube{link_end}.").format(
        link_start=f'<a href="{self.attval(node["url"])}">', title=self.encode(title), link_end="</a>")
    self.body.append(
        f'<div class="ppiebook-video-embed" data-embed-src="{self.attval(embed)}" data-frame-title="{frame_title}">'
        f'<button type="button" class="ppiebook-video-play">'
        f'<span class="ppiebook-video-play-icon" aria-hidden="true"></span>'
        f'<span>{play}</span></button>'
        f'<p class="ppiebook-video-privacy">{privacy} '
        f'{watch}</p>'
    )


def depart_video_embed_html(self, node: video_embed) -> None:
    self.body.append("</div>\n")


def skip_node(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def video_box(directive: SphinxDirective, video: dict[str, Any]) -> nodes.container:
    """Title, description and player placeholder (or an editorial note) for one video."""
    video_id = video["id"]
    box = nodes.container(classes=["ppiebook-video"], ids=[f"video-{video_id}"])
    directive.set_source_info(box)
    title = nodes.paragraph(classes=["ppiebook-video-title"])
    video_title = translate_data(video["title"])
    label = _("Video: {title}").format(title=video_title)
    title += nodes.strong(label, label)
    if video.get("organisation"):
        # An organisation's name is shown as it is written, in every language.
        title += nodes.Text(" (")
        title += nodes.inline(video["organisation"], video["organisation"], classes=["notranslate"])
        title += nodes.Text(")")
    box += title
    if video.get("description"):
        description = translate_data(video["description"])
        box += nodes.paragraph(description, description, classes=["ppiebook-video-description"])
    url = video.get("url") or ""
    vid = youtube_id(url) if url else None
    if url and vid:
        box += video_embed(url=url, title=video_title, embed=NOCOOKIE_EMBED.format(id=vid), video_id=video_id)
    elif url:
        raise directive.error(f"video '{video_id}': {url} is not a YouTube address (watch?v=, youtu.be or embed)")
    if not url or not video.get("description"):
        if not url and not video.get("description"):
            missing = _("The address and short description of the video ‘{title}’ ({file}).")
        elif not url:
            missing = _("The address of the video ‘{title}’ ({file}).")
        else:
            missing = _("The short description of the video ‘{title}’ ({file}).")
        file = directive.config.ppiebook_videos
        paragraph = nodes.paragraph("", "", *format_nodes(missing, title=nodes.Text(video_title),
                                                            file=nodes.literal(file, file)))
        box += editorial_note(directive.env, [paragraph], directive.lineno)
    return box


def _videos(directive: SphinxDirective) -> tuple[Path, dict[str, dict[str, Any]]]:
    path = Path(directive.env.srcdir) / directive.config.ppiebook_videos
    directive.env.note_dependency(str(path))
    try:
        return path, load_videos(path)
    except (OSError, yaml.YAMLError) as exc:
        raise directive.error(f"cannot read {path}: {exc}") from None


class VideoDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        path, videos = _videos(self)
        video_id = self.arguments[0]
        if video_id not in videos:
            raise self.error(f"unknown video '{video_id}' (known: {', '.join(videos)} in {path})")
        return [video_box(self, videos[video_id])]


class VideoGalleryDirective(SphinxDirective):
    """Every video in the data file, in its order (for the landing page)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _, videos = _videos(self)
        gallery = nodes.container(classes=["ppiebook-video-gallery"])
        gallery += [video_box(self, video) for video in videos.values()]
        return [gallery]


# The PDF editions: the address to type and a QR code to scan, instead of a player.
QR_FOLDER = FOLDER / "qr"


def qr_svg(url: str, video_id: str, srcdir: Path) -> Path:
    """A QR code for ``url`` as SVG (vector in the PDF), rewritten only when it changes."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000000", light="#ffffff")
    return write_if_changed(srcdir / QR_FOLDER / f"{video_id}.svg", svg)


class VideoAddressAndQr(SphinxPostTransform):
    builders = EDITIONS
    default_priority = 860

    def run(self, **kwargs: object) -> None:
        for embed in list(self.document.findall(video_embed)):
            address = nodes.paragraph(classes=["ppiebook-video-address"])
            address += format_nodes(_("Watch it at {address} or scan the code:"),
                                    address=nodes.reference(embed["url"], embed["url"], refuri=embed["url"]))
            qr = nodes.image(uri=str(qr_svg(embed["url"], embed["video_id"], Path(self.env.srcdir))),
                             alt=_("QR code for the address of the video {title}").format(title=embed["title"]), width="3cm",
                             classes=["ppiebook-video-qr"])
            embed.replace_self([address, qr])


def setup(app: Sphinx) -> None:
    app.add_node(video_embed, html=(visit_video_embed_html, depart_video_embed_html), text=(skip_node, None))
    app.add_directive("video", VideoDirective)
    app.add_directive("video-gallery", VideoGalleryDirective)
    app.add_post_transform(VideoAddressAndQr)
