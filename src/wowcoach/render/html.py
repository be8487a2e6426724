"""HTML rendering of the blocks in blocks.py: one self-contained page (its style inline, no
scripts, fonts or files from elsewhere; a logo travels inside it as a data: URI) that reads on
a phone and prints on A4: a cover, the contents, each part on a new page, and in print (the
PDF) a running header with the client's name, the consultant in the footer and "page 3 of 12".
Every text is escaped, data and user text alike; a link goes only to http(s), mailto: or tel:."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from wowcoach.render.blocks import DOCUMENTS, Block, Bullets, Contents, Cover, Doc, Field, Heading, Lines, Para, Quote, Table
from wowcoach.render.svg_charts import bar_chart
from wowcoach.results.export import ConsultantView, Document
from wowcoach.textclean import clean

SECTION_LEVEL = 2  # each heading of this level starts a <section>, and a new page in print
HOUSE_COLOUR = "#0b6e75"

STYLE = """
:root { color-scheme: light; --ink: #1d2a33; --muted: #5b6b75; --line: #d5dde2; --soft: #f1f6f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; color: var(--accent-text); margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; line-height: 1.25; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin: 2.4rem 0 1rem; }
h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.6rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.number { color: var(--accent-text); }
p, ul { margin: 0 0 1rem; }
a { color: var(--accent-text); }
blockquote { margin: 1rem 0; padding: .6rem 1rem; border-left: 4px solid var(--accent); background: var(--soft); }
blockquote p { margin: 0; }
.table { overflow-x: auto; margin: 0 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { background: #e9f0f2; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td:last-child { overflow-wrap: anywhere; min-width: 5.5rem; }  /* a long link breaks; a short word never does */
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li::before { content: "\\2610\\00a0"; }
figure { margin: 0 0 1.6rem; }
figcaption { font-weight: 600; margin: 0 0 .4rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 30rem; }
.url { display: none; }
.cover { border-top: 1.2rem solid var(--accent); padding: 1.5rem 0 1rem; margin-bottom: 1rem; }
.cover .logo { display: block; max-height: 4.5rem; max-width: 14rem; margin: 0 0 1.5rem; }
.cover .month { font-size: 1.3rem; margin: 0 0 1.5rem; color: var(--muted); }
.cover .from { margin: 0; }
.cover .by { font-weight: 600; }
.cover .date { color: var(--muted); margin-top: 1rem; }
nav.contents ol { padding-left: 1.4rem; }
nav.contents h2 { border: 0; margin-top: 1rem; }
@media (max-width: 36rem) {
  body { font-size: 15px; }
  main { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.55rem; }
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .35rem 0; }
  table.stack td { display: block; border: 0; padding: .1rem 0; text-align: left; }
  table.stack td[data-label]:not(:empty)::before { content: attr(data-label) ": "; font-weight: 600; }
}
@page { size: A4; margin: 20mm 16mm 18mm; font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  @top-left { content: string(client); font-size: 8.5pt; color: #5b6b75; }
  @top-right { content: string(month); font-size: 8.5pt; color: #5b6b75; }
  @bottom-left { content: string(consultant); font-size: 8.5pt; color: #5b6b75; }
  @bottom-right { content: PAGE_LABEL; font-size: 8.5pt; color: #5b6b75; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .cover { break-after: page; min-height: 240mm; border-top-width: 14mm; padding-top: 30mm; }
  .cover .logo { max-height: 22mm; max-width: 70mm; margin-bottom: 28mm; }
  .cover h1 { font-size: 26pt; string-set: client content(); }
  .cover .month { string-set: month content(); }
  .cover .by-line { string-set: consultant content(); }
  nav.contents { break-after: page; }
  nav.contents li a::after { content: leader(". ") target-counter(attr(href), page); }
  nav.contents li { margin: .3rem 0; }
  section { break-before: page; }
  h2, h3, h4, figcaption { break-after: avoid; }
  tr, figure, blockquote { break-inside: avoid; }
  thead { display: table-header-group; }
  .table { overflow: visible; }
  a { text-decoration: none; }
  .url { display: inline; font-size: 8pt; color: var(--muted); overflow-wrap: anywhere; }
}
"""

LINK = re.compile(r"^(https?://\S+|mailto:[^\s<>\"']+|tel:\+?[0-9().\- ]+|#[a-z0-9-]+)$")


def esc(text: str) -> str:
    return escape(clean(str(text)), quote=True)


def href(url: str) -> str | None:
    """A link's address as an attribute value; None for anything but http(s), mailto:, tel: or
    a part of the page (so no javascript: ever, whatever a file holds)."""
    url = clean(str(url)).strip()
    if not LINK.match(url):
        return None
    return escape(quote(url, safe="/:?#[]@!$&'()*+,;=~%-._"), quote=True)


def link(url: str | None, text: str) -> str:
    target = href(url) if url else None
    return f'<a href="{target}">{esc(text)}</a>' if target else esc(text)


def css_string(text: str) -> str:
    """A CSS string literal of any text: every character but letters, digits and spaces as a
    hex escape, so nothing can end the string or the rule."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in clean(text)) + '"'


def page_label(template: str) -> str:
    """ "page {page} of {pages}" (in the document's language) as CSS content with the counters."""
    parts = re.split(r"(\{page\}|\{pages\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out) or "counter(page)"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, bl = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl


def _contrast_with_white(rgb: tuple[float, float, float]) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


def colours(colour: str | None) -> str:
    """The accent (the consultant's colour, as given, for rules and the cover's band) and its
    text form: the same colour darkened until text in it reads on white (contrast 4.5:1), so a
    light yellow brand still gives readable headings."""
    accent = colour if colour and re.fullmatch(r"#[0-9a-f]{6}", colour) else HOUSE_COLOUR
    rgb: tuple[float, float, float] = _rgb(accent)
    while _contrast_with_white(rgb) < 4.5:
        r, g, b = rgb
        rgb = (r * 0.9, g * 0.9, b * 0.9)
    text = "#" + "".join(f"{round(c):02x}" for c in rgb)
    return f":root {{ --accent: {accent}; --accent-text: {text}; }}"


def _table(t: Table) -> str:
    stack = ' class="stack"' if len(t.headers) > 2 else ""  # on a phone, each row a small card

    def cls(i: int) -> str:
        return ' class="num"' if i in t.right else ""

    head = "".join(f"<th{cls(i)}>{esc(h)}</th>" for i, h in enumerate(t.headers))
    rows = "".join(
        "<tr>"
        + "".join(f'<td{cls(i)} data-label="{esc(h)}">{esc(c)}</td>' for i, (h, c) in enumerate(zip(t.headers, row, strict=False)))
        + "</tr>"
        for row in t.rows
    )
    return f'<div class="table"><table{stack}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _from(c: ConsultantView, prepared_by: str) -> str:
    """The consultant on the cover: the line the running footer repeats, then how to reach them."""
    by = " · ".join(x for x in (c.name, c.company) if x)
    lines = [f'<p class="from">{esc(prepared_by)} <span class="by-line by">{esc(by)}</span></p>']
    reach = []
    if c.email:
        reach.append(link("mailto:" + c.email, c.email))
    if c.phone:
        reach.append(link("tel:" + c.phone.replace(" ", ""), c.phone))
    if reach:
        lines.append('<p class="from reach">' + " · ".join(reach) + "</p>")
    return "".join(lines)


def _cover(c: Cover) -> str:
    parts = ['<header class="cover">']
    who = c.consultant
    if who is not None and who.logo_uri and re.fullmatch(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+", who.logo_uri):
        parts.append(f'<img class="logo" src="{who.logo_uri}" alt="{esc(who.company or who.name)}">')
    parts += [f"<h1>{esc(c.title)}</h1>", f'<p class="month">{esc(c.month)}</p>']
    if who is not None:
        parts.append(_from(who, c.prepared_by))
    parts += [f'<p class="date">{esc(c.date)}</p>', "</header>"]
    return "".join(parts)


def _contents(c: Contents, blocks: list[Block]) -> str:
    items = "".join(
        f"<li>{link('#' + h.anchor, h.text)}</li>" for h in blocks if isinstance(h, Heading) and h.level == SECTION_LEVEL and h.anchor
    )
    return f'<nav class="contents" id="contents"><h2>{esc(c.title)}</h2><ol>{items}</ol></nav>'


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        number = f'<span class="number">{block.number}.</span> ' if block.number else ""
        anchor = f' id="{esc(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{number}{esc(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f"<p><strong>{esc(block.text)}</strong></p>" if block.strong else f"<p>{esc(block.text)}</p>"
    if isinstance(block, Field):
        label = f"<strong>{esc(block.label)}:</strong>" if block.strong else esc(block.label) + ":"
        url = href(block.url) if block.url else None
        if url and block.url:  # the address printed too: a client may read the paper
            return f'<p>{label} <a href="{url}">{esc(block.text)}</a> <span class="url">{esc(block.url)}</span></p>'
        return f"<p>{label} {esc(block.text)}</p>"
    if isinstance(block, Lines):
        return "<p>" + "<br>".join(esc(line) for line in block.lines) + "</p>"
    if isinstance(block, Quote):
        return f"<blockquote><p>{esc(block.text)}</p></blockquote>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bullets):
        items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
        return f'<ul class="checklist">{items}</ul>' if block.checkbox else f"<ul>{items}</ul>"
    if isinstance(block, Cover):
        return _cover(block)
    if isinstance(block, Contents):
        return ""  # written by page(), which sees every heading
    svg = bar_chart(block.chart)
    return f'<figure class="chart"><figcaption>{esc(block.chart.title)}</figcaption>{svg}</figure>' if svg else ""


def fragment(blocks: list[Block]) -> str:
    """Blocks as a piece of a page (the web pages show a review or a plan this way)."""
    return "\n".join(_block(block) for block in blocks)


def page(doc: Doc, contents: bool = True) -> str:
    """The blocks before the first section are the page's header (the cover); `contents=False`
    leaves the table of contents out (a short PDF)."""
    body: list[str] = []
    open_tag = None
    for block in doc.blocks:
        if isinstance(block, Contents):
            if contents:
                body.append(_contents(block, doc.blocks))
            continue
        if isinstance(block, Heading) and block.level == SECTION_LEVEL:
            body.append(f"</{open_tag}><section>" if open_tag else "<section>")
            open_tag = "section"
        body.append(_block(block))
    if open_tag:
        body.append(f"</{open_tag}>")
    style = STYLE.replace("PAGE_LABEL", page_label(doc.page_label)) + colours(doc.colour)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="wowcoach">\n'
        f"<title>{esc(doc.title)}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def document(doc: Document, contents: bool = True) -> str:
    """A document (a client's month, a review, a chain report) as a web page, in its reader's language."""
    return page(DOCUMENTS[type(doc)](doc), contents)
