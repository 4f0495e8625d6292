"""``{video} <id>``: a video of the programme, described in ``data/videos.yaml``.

Generic nodes, so every builder renders it: title, organisation, a short description,
and the address, or a visible "to be supplied" note while the address is unknown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .editorial import editorial_note

logger = logging.getLogger(__name__)


def load_videos(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {video["id"]: video for video in data.get("videos", [])}


class VideoDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / self.config.ppiebook_videos
        self.env.note_dependency(str(path))
        video_id = self.arguments[0]
        try:
            video = load_videos(path)[video_id]
        except (OSError, yaml.YAMLError) as exc:
            logger.warning("cannot read %s: %s", path, exc, location=self.get_location())
            return []
        except KeyError:
            logger.warning(
                "unknown video '%s' (known: %s in %s)", video_id, ", ".join(load_videos(path)), path,
                location=self.get_location(), type="ppiebook", subtype="video",
            )
            return []
        box = nodes.container(classes=["ppiebook-video"], ids=[f"video-{video_id}"])
        self.set_source_info(box)
        title = nodes.paragraph(classes=["ppiebook-video-title"])
        label = f"Video: {video['title']}"
        title += nodes.strong(label, label)
        if video.get("organisation"):
            title += nodes.Text(f" ({video['organisation']})")
        box += title
        if video.get("description"):
            box += nodes.paragraph(video["description"], video["description"])
        if video.get("url"):
            link = nodes.paragraph()
            link += nodes.reference("", f"Watch {video['title']}", refuri=video["url"])
            box += link
        else:
            missing = f"The address and a short description of the video '{video['title']}' (data/videos.yaml)."
            box += editorial_note(self.env, [nodes.paragraph(missing, missing)], self.lineno)
        return [box]
