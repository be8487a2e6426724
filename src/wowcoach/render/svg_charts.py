"""Bar charts as inline SVG, written here rather than by a plotting library: a handful of
rectangles and text labels, readable by a screen reader (<title>, <desc>, role="img") and by
WeasyPrint for the PDF. Colours are presentation attributes, not CSS, so every SVG renderer
shows them the same. Every text is escaped."""

from __future__ import annotations

from html import escape

from wowcoach.results.export import BarView, ChartView
from wowcoach.textclean import one_line

WIDTH = 480  # about a phone's width in CSS pixels, so the labels stay their size there
LABEL = 20  # the line with the label and the figure
BAR = 14
GAP = 12
ROW = LABEL + BAR + GAP
LINE = 60  # characters of 15 px that fit the width; a longer label is cut, its bar's <title> keeps it whole
FONTS = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, Noto Sans, DejaVu Sans, sans-serif"  # the page's
COLOURS = {"ok": "#2e8b57", "near": "#c98a00", "over": "#c0392b", "plain": "#0b6e75", "track": "#e3e9ec", "mark": "#1d2a33"}


def esc(text: str) -> str:
    return escape(one_line(text), quote=True)


def _short(label: str, text: str) -> str:
    label, room = one_line(label), max(12, LINE - len(one_line(text)) - 3)
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _length(value: int, scale: int) -> float:
    return round(WIDTH * min(max(value, 0), scale) / max(scale, 1), 1)


def _tone(bar: BarView) -> str:
    """Against a limit: green, amber from 75 %, red from 100 %, as the terminal's bars."""
    if not bar.limit:
        return "plain" if bar.limit is None else ("over" if bar.value > 0 else "ok")
    share = bar.value / bar.limit
    return "over" if share >= 1 else "near" if share >= 0.75 else "ok"


def _bar(bar: BarView, top: int, scale: int) -> str:
    y = top + LABEL
    limit = "" if bar.limit is None else f' data-limit="{bar.limit}"'
    parts = [
        f'<g class="bar" data-label="{esc(bar.label)}" data-value="{bar.value}"{limit}>',
        f"<title>{esc(bar.label)}: {esc(bar.text)}</title>",
        f'<text x="0" y="{top + 15}" font-size="15" fill="{COLOURS["mark"]}">{esc(_short(bar.label, bar.text))} · '
        f'<tspan font-weight="bold">{esc(bar.text)}</tspan></text>',
        f'<rect x="0" y="{y}" width="{WIDTH}" height="{BAR}" fill="{COLOURS["track"]}"/>',
        f'<rect class="fill" x="0" y="{y}" width="{_length(bar.value, scale)}" height="{BAR}" fill="{COLOURS[_tone(bar)]}"/>',
    ]
    if bar.limit is not None:
        x = _length(bar.limit, scale)
        parts.append(
            f'<rect class="limit" x="{min(max(x - 1.5, 0), WIDTH - 3)}" y="{y - 3}" width="3" height="{BAR + 6}" fill="{COLOURS["mark"]}"/>'
        )
    return "".join(parts) + "</g>"


def bar_chart(chart: ChartView) -> str:
    """One horizontal bar a row: the label and the figure above the bar, so a long name never
    pushes the bar off a phone's screen. An allowance is a dark mark across its bar."""
    if not chart.bars:
        return ""
    ident = f"chart-{chart.id}"
    height = ROW * len(chart.bars)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart" data-chart="{esc(chart.id)}" font-family="{FONTS}">'
        f'<title id="{ident}-title">{esc(chart.title)}</title><desc id="{ident}-desc">{esc(chart.description)}</desc>'
    )
    rows = [_bar(bar, i * ROW, chart.scale) for i, bar in enumerate(chart.bars)]
    return head + "".join(rows) + "</svg>"
