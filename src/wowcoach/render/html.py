"""HTML rendering of the blocks in blocks.py: one self-contained page (its style inline, no
scripts, fonts or images from elsewhere) that reads on a phone and prints on A4, each section
on a new page. Every text is escaped, data and user text alike."""

from __future__ import annotations

from html import escape

from wowcoach.render import blocks
from wowcoach.render.blocks import Block, Bullets, Doc, Field, Heading, Lines, Para, Quote, Table
from wowcoach.render.svg_charts import bar_chart
from wowcoach.results.export import ExportDoc
from wowcoach.textclean import clean

SECTION_LEVEL = 2  # each heading of this level starts a <section>, and a new page in print

STYLE = """
:root { color-scheme: light; --ink: #1d2a33; --muted: #5b6b75; --line: #d5dde2; --accent: #0b6e75; --soft: #f1f6f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; color: var(--accent); margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; line-height: 1.25; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin: 2.4rem 0 1rem; }
h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.6rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.number { color: var(--accent); }
p, ul { margin: 0 0 1rem; }
blockquote { margin: 1rem 0; padding: .6rem 1rem; border-left: 4px solid var(--accent); background: var(--soft); }
blockquote p { margin: 0; }
.table { overflow-x: auto; margin: 0 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { background: #e9f0f2; }
td:last-child { overflow-wrap: anywhere; min-width: 5.5rem; }  /* a long link breaks; a short word never does */
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li::before { content: "\\2610\\00a0"; }
figure { margin: 0 0 1.6rem; }
figcaption { font-weight: 600; margin: 0 0 .4rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 30rem; }
@media (max-width: 36rem) {
  body { font-size: 15px; }
  main { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.55rem; }
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .35rem 0; }
  table.stack td { display: block; border: 0; padding: .1rem 0; }
  table.stack td[data-label]:not(:empty)::before { content: attr(data-label) ": "; font-weight: 600; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section { break-before: page; }
  header + section { break-before: auto; }  /* the first part follows the title */
  h2, h3, h4, figcaption { break-after: avoid; }
  tr, figure, blockquote { break-inside: avoid; }
  thead { display: table-header-group; }
  .table { overflow: visible; }
  a { color: inherit; }
}
"""


def esc(text: str) -> str:
    return escape(clean(str(text)), quote=True)


def _table(t: Table) -> str:
    stack = ' class="stack"' if len(t.headers) > 2 else ""  # on a phone, each row a small card
    head = "".join(f"<th>{esc(h)}</th>" for h in t.headers)
    rows = "".join(
        "<tr>" + "".join(f'<td data-label="{esc(h)}">{esc(c)}</td>' for h, c in zip(t.headers, row, strict=False)) + "</tr>"
        for row in t.rows
    )
    return f'<div class="table"><table{stack}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        number = f'<span class="number">{block.number}.</span> ' if block.number else ""
        return f"<h{block.level}>{number}{esc(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f"<p><strong>{esc(block.text)}</strong></p>" if block.strong else f"<p>{esc(block.text)}</p>"
    if isinstance(block, Field):
        label = f"<strong>{esc(block.label)}:</strong>" if block.strong else esc(block.label) + ":"
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
    svg = bar_chart(block.chart)
    return f'<figure class="chart"><figcaption>{esc(block.chart.title)}</figcaption>{svg}</figure>' if svg else ""


def page(doc: Doc) -> str:
    """The blocks before the first section are the page's header."""
    body, open_tag = ["<header>"], "header"
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == SECTION_LEVEL:
            body.append(f"</{open_tag}><section>")
            open_tag = "section"
        body.append(_block(block))
    body.append(f"</{open_tag}>")
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="wowcoach">\n'
        f"<title>{esc(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def document(doc: ExportDoc) -> str:
    """One client's document as a web page, in the client's language."""
    return page(blocks.document(doc))
