"""The converter behind bench/typst_trial.py keeps the content it claims to keep, so the
trial times Typst on the same text as WeasyPrint (docs/building.md quotes the trial)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import html as lxml_html

from bench.typst_trial import Converter, to_typst

PRINT_HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>A trial</title><style>p {}</style></head><body>
<section id="first"><h1>First part<a class="headerlink" href="#first">#</a></h1>
<p>Costs #1 of *all* _items_ at $5 &lt;each&gt; in 2026 = a/b + c - d [sic] @home `x` ~ok.</p>
<p>See <a href="#second">the second part</a>, <a href="#nowhere">a lost anchor</a> and
<a href="https://example.org/a?b=c">a site</a>; <em>stressed</em> and <strong>strong</strong>,
<code>make "all"</code>.</p>
<ul><li>one item</li><li>two items</li></ul><ol><li>first step</li></ol>
<dl><dt>Term</dt><dd>its meaning</dd></dl>
<figure><img src="file:///tmp/picture.svg" alt="A drawing of steps"><figcaption>Figure caption</figcaption></figure>
<aside><p>A note aside</p></aside>
</section>
<section id="second"><h2>Second part</h2>
<table><thead><tr><th scope="col">Head A</th><th scope="col">Head B</th></tr></thead>
<tbody><tr><td>cell one</td><td>cell two</td></tr></tbody></table></section>
</body></html>"""


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", text)


def test_the_typst_source_keeps_every_word_escaped_and_the_structure(tmp_path: Path) -> None:
    page = tmp_path / "print.html"
    page.write_text(PRINT_HTML, encoding="utf-8")
    source = to_typst(page)
    assert '#set document(title: "A trial")' in source
    assert '#set text(lang: "en", region: "GB"' in source
    # Every word of the body is in the source, as often (the headerlink's "#" is not a word).
    body = lxml_html.fromstring(PRINT_HTML).find("body")
    for headerlink in body.xpath('//a[@class="headerlink"]'):
        headerlink.drop_tree()
    typst_text = re.sub(r"#(emph|strong|link|raw|image|figure|table|block|line)\b", " ", source)
    missing = Counter(words(" ".join(body.itertext()))) - Counter(words(typst_text))
    assert not missing
    # Typst's markup characters in text are escaped, so none of them starts markup.
    assert (r"Costs \#1 of \*all\* \_items\_ at \$5 \<each\> in 2026 \= a\/b \+ c \- d \[sic\] \@home \`x\` \~ok."
            in source)
    assert "= First part <first>" in source and "== Second part <second>" in source
    assert '#link(label("second"))[the second part]' in source
    assert "a lost anchor" in source and "nowhere" not in source  # no label to link to: text only
    assert '#link("https://example.org/a?b=c")[a site]' in source
    assert "#emph[stressed]" in source and "#strong[strong]" in source and '#raw("make \\"all\\"")' in source
    assert "- one item\n- two items\n+ first step\n" in source
    assert "/ Term: its meaning" in source
    picture = '#image("/tmp/picture.svg", alt: "A drawing of steps", width: 60%)'
    assert f"#figure([{picture}], caption: [Figure caption])" in source
    assert "#block(inset: 6pt, stroke: 0.5pt)[\nA note aside\n]" in source
    assert "#table(columns: 2, table.header([Head A], [Head B]), [cell one], [cell two])" in source
    assert "p {}" not in source  # the style sheet is not text


def test_links_go_only_to_headings_the_source_labels() -> None:
    root = lxml_html.fromstring(PRINT_HTML)
    assert Converter(root).labels == {"first", "second"}
