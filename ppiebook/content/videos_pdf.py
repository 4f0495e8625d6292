"""Videos in the PDF: the address to type and a QR code to scan, instead of a player."""

from __future__ import annotations

from pathlib import Path

import segno
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ppiebook.content.generated import FOLDER, write_if_changed
from ppiebook.i18n import _, format_nodes
from ppiebook.content.videos import video_embed

QR_FOLDER = FOLDER / "qr"


def qr_svg(url: str, video_id: str, srcdir: Path) -> Path:
    """A QR code for ``url`` as SVG (vector in the PDF), rewritten only when it changes."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000000", light="#ffffff")
    return write_if_changed(srcdir / QR_FOLDER / f"{video_id}.svg", svg)


class VideoAddressAndQr(SphinxPostTransform):
    builders = ("pdf",)
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
