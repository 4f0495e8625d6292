"""Front matter: the keys MyST and Jupyter Book pages carry are accepted, those that do not
apply said once; any other key is refused at the page with the list of keys that work."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK_FRONT_MATTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  name: python3
authors: [A. Author]
description: A chapter with a notebook's front matter.
---
"""


def with_front_matter(app_params, front_matter: str, pages: tuple[str, ...]) -> None:
    srcdir = Path(app_params.kwargs["srcdir"])
    for page in pages:
        path = srcdir / page
        path.write_text(front_matter + path.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.sphinx("html", testroot="content")
def test_notebook_front_matter_is_accepted_and_named_once(make_app, app_params) -> None:
    with_front_matter(app_params, NOTEBOOK_FRONT_MATTER, ("final/chapter.md", "final/index.md"))
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    warnings = app.warning.getvalue()
    assert "front matter" not in warnings, warnings
    status = app.status.getvalue()
    for key in ("jupytext", "kernelspec", "authors"):
        said = [line for line in status.splitlines() if f"front matter key '{key}'" in line]
        assert len(said) == 1, (key, said)
        assert "final/chapter" in said[0] and "final/index" in said[0]
    # What does apply, applies: the description reaches the page's metadata.
    html = (Path(app.outdir) / "final" / "chapter.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="A chapter with a notebook&#x27;s front matter." />' in html
    assert html.count('name="description"') == 1
    assert '<meta property="og:description" content="A chapter with a notebook\'s front matter." />' in html


@pytest.mark.sphinx("html", testroot="content")
def test_an_unknown_key_is_refused_with_the_keys_that_work(make_app, app_params) -> None:
    with_front_matter(app_params, "---\nauthor_email: someone@example.org\nlayout: wide\n---\n",
                      ("final/chapter.md",))
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    warnings = app.warning.getvalue()
    line = next(line for line in warnings.splitlines() if "front matter" in line)
    assert "final/chapter.md:1:" in line
    assert "'author_email', 'layout' are not keys this project knows" in line
    assert "description, keywords" in line and "[ppiebook.front_matter]" in line
