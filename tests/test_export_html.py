"""`wowcoach export --format html|pdf|json`: one self-contained page in the client's language,
print-ready, with the month's review drawn as inline SVG bars whose every figure is the JSON's;
the PDF carries the same figures; hostile text stays text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import types
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import usage_error
from wowcoach.results.export import BarView, ChartView
from wowcoach.textclean import clean, one_line

NASTY = 'Bo\'s <script>alert(1)</script> & "Bikes" <img src=x onerror=alert(2)>\u202e\x1b[31m'
STAFF = ["Anna", "<b>Bo</b> & Co"]
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]")
TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "span",
    "blockquote",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "g",
    "text",
    "tspan",
    "rect",
    "nav",
    "ol",
    "a",
}


def need(found: bool, what: str) -> None:
    """A tool the test needs: skipped on a developer's machine without it, a failure under CI."""
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing, and CI must have it (.ci/run installs it)")
        pytest.skip(f"{what} is not installed")


def weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401 - imported only to see whether it loads (it needs Pango)
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture
def ledger(run, tmp_path):
    """Two months of gestures, one with hostile text, and a shop profile for the month after."""
    db = tmp_path / "ledger.sqlite"
    staff = [a for name in STAFF for a in ("--staff-name", name)]
    for month in ("2026-10", "2026-11"):
        result = run("plan", "--no-input", "--budget", "100", *staff, "--month", month, "--record", "--db", str(db), "--format", "json")
        assert result.exit_code == 0, result.stderr
    entries = [
        ("2026-10-03", "Anna", "Coffee for a waiting customer", "3", "deliver-wow"),
        ("2026-11-04", "Anna", "Flowers", "15", "deliver-wow"),
        ("2026-11-06", STAFF[1], f"Card {NASTY}", "7", "fun-weirdness"),
        ("2026-11-09", "Anna", "Voucher after a late repair", "30", "be-humble"),
    ]
    for day, by, what, cost, value in entries:
        result = run("log", "add", "--db", str(db), "--date", day, "--by", by, "--what", what, "--cost", cost, "--value", value)
        assert result.exit_code == 0, result.stderr
    for entry in ("2", "3"):
        assert run("log", "outcome", entry, "--came-back", "--note", f"back {NASTY}", "--db", str(db)).exit_code == 0
    return db


def profile_for(run, path: Path, lang: str = "en") -> Path:
    result = run(
        "suggest",
        "--no-input",
        "--shop-name",
        NASTY,
        "--sector",
        "bike-shop",
        "--budget",
        "100",
        "--lang",
        lang,
        "--situation",
        f"A parcel arrived late {NASTY}",
        "--save",
        str(path),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    return path


def export(run, profile: Path, db: Path, fmt: str, out: str = "-"):
    return run(
        "export",
        "--profile",
        str(profile),
        "-o",
        out,
        "--month",
        "2026-12",
        "--date",
        "2026-12-01",
        "--db",
        str(db),
        *[a for n in STAFF for a in ("--staff-name", n)],
        "--format",
        fmt,
    )


class Page(HTMLParser):
    """What a reader sees: the tags, headings, table rows and chart bars of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.lang = ""
        self.headings: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.charts: dict[str, list[dict]] = {}
        self.sections = 0
        self.title = ""
        self._stack: list[str] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None
        self._chart: str | None = None
        self._bar: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.attributes += [(tag, k, v) for k, v in attrs]
        self._stack.append(tag)
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "section":
            self.sections += 1
        elif tag in ("h1", "h2", "h3", "h4", "td", "th", "title") or (tag == "text" and self._bar is not None):
            self._text = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag == "svg":
            self._chart = a["data-chart"]
            self.charts[self._chart] = []
        elif tag == "g" and a.get("class") == "bar":
            limit = a.get("data-limit")
            self._bar = {"label": a["data-label"], "value": int(a["data-value"]), "limit": None if limit is None else int(limit)}
            self.charts[self._chart].append(self._bar)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self._stack.pop()
        text = " ".join("".join(self._text).split()) if self._text is not None else ""
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append((tag, text))
        elif tag in ("td", "th"):
            self._row.append(text)
        elif tag == "tr":
            self.tables[-1].append(self._row)
        elif tag == "title" and self._bar is not None:
            self._bar["title"] = text
        elif tag == "title" and self._stack[-1:] != ["svg"] and not self.title:
            self.title = text
        elif tag == "text" and self._bar is not None:
            self._bar["text"] = text
        elif tag == "g":
            self._bar = None
        if tag in ("h1", "h2", "h3", "h4", "td", "th", "title", "text"):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def shown(text: str) -> str:
    """A user's text as the page shows it: cleaned, on one line."""
    return one_line(clean(text))


def test_every_figure_in_the_html_equals_the_json(run, ledger, tmp_path):
    profile = profile_for(run, tmp_path / "bikes.yaml")
    out = tmp_path / "bikes.html"
    result = export(run, profile, ledger, "html", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"Wrote {out}."
    page = parse(out.read_text(encoding="utf-8"))
    exported = json.loads(export(run, profile, ledger, "json").stdout)["export"]
    review = json.loads(run("review", "--month", "2026-11", "--db", str(ledger), "--format", "json").stdout)["review"]
    assert exported["review"] == {**review, "shop": exported["review"]["shop"]}
    assert review["shop"] is None and exported["review"]["shop"].startswith("Bo's <script>")  # the profile names the shop

    spend = page.charts["spend-per-person"]
    assert [(b["label"], b["value"], b["limit"]) for b in spend] == [
        (p["name"], p["spent_cents"], p["allowance_cents"]) for p in review["people"]
    ]
    for bar, person in zip(spend, review["people"], strict=False):
        assert person["spent"] in bar["text"] and person["allowance"] in bar["text"]
        assert bar["title"] == f"{person['name']}: {person['spent']} of {person['allowance']}"
    values = page.charts["gestures-per-value"]
    assert [(b["label"], b["value"]) for b in values] == [(v["name"], v["gestures"]) for v in review["values"]]
    assert [b["text"].rsplit(" · ", 1)[1] for b in values] == [str(v["gestures"]) for v in review["values"]]
    came_back = page.charts["came-back"]
    assert [(b["label"], b["value"]) for b in came_back] == [
        (t["month_name"], round(100 * t["came_back"] / t["gestures"])) for t in review["trend"]
    ]
    assert came_back[-1]["text"].endswith("2 of 3 came back (67%)")
    for chart in exported["charts"]:  # the JSON's charts are the page's, bar for bar
        assert [(b["label"], b["value"], b["limit"]) for b in chart["bars"]] == [
            (b["label"], b["value"], b["limit"]) for b in page.charts[chart["id"]]
        ]
        assert all(b["title"].endswith(j["text"]) for b, j in zip(page.charts[chart["id"]], chart["bars"], strict=False))

    people = next(t for t in page.tables if t[0] == ["Person", "Gestures", "Spent", "Allowance", "Left", "Used"])
    assert people[1:] == [
        [p["name"], str(p["gestures"]), p["spent"], p["allowance"], p["remaining"], f"{p['percent']}%"] for p in review["people"]
    ]
    facts = next(t for t in page.tables if ["Budget", review["budget"]] in t)
    assert ["Spent", review["spent"]] in facts and ["Left", review["remaining"]] in facts
    per_value = next(t for t in page.tables if t[0] == ["Value", "Gestures", "Spent"])
    assert per_value[1:] == [[v["name"], str(v["gestures"]), v["spent"]] for v in review["values"]]
    allowances = next(t for t in page.tables if t[0] == ["Person", "Allowance"] and t[-1][0] == "Total")
    assert [r[0] for r in allowances[1:-1]] == [a["name"] for a in exported["plan"]["allowances"]]
    assert allowances[-1] == ["Total", exported["plan"]["budget"]]


def test_the_page_is_self_contained_print_ready_and_escaped(run, ledger, tmp_path):
    profile = profile_for(run, tmp_path / "bikes.yaml")
    result = export(run, profile, ledger, "html")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    page = parse(text)
    assert page.tags <= TAGS, page.tags - TAGS  # no script, img, link, iframe, object, a, ...
    assert not [a for a in page.attributes if a[1].startswith("on") or a[1] in ("src", "style")]
    links = [v for tag, k, v in page.attributes if k == "href"]
    assert links and all(re.match(r"^(https?://\S+|#[a-z0-9-]+)$", v) for v in links), links  # sources and the contents
    for outside in ("url(", "@import", "@font-face", "<script", "<img", "<link", "javascript:"):
        assert outside not in text.lower()
    assert not UNSAFE.search(text)
    assert page.title == f"WOW plan for {shown(NASTY)}"
    assert page.headings[0] == ("h1", f"WOW plan for {shown(NASTY)}")  # the hostile text, as text
    assert ("h3", "Per person") in page.headings and ("h2", "Month-end review: November 2026") in page.headings
    assert page.sections == 5  # summary, review, plan, stories, checklist: each a new page in print
    assert [h for tag, h in page.headings if tag == "h2"] == [
        "Contents",
        "Summary: December 2026",
        "Month-end review: November 2026",
        "Surprise budget for " + shown(NASTY) + ": December 2026",
        "Stories and ideas",
        "Checklist for the values these stories show",
    ]
    assert any(r[0] == STAFF[1] for t in page.tables for r in t)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    for rule in (
        "@page { size: A4;",
        "section { break-before: page; }",
        "tr, figure, blockquote { break-inside: avoid; }",
        "@media (max-width: 36rem)",
    ):
        assert rule in text


def test_the_page_is_in_the_clients_language(run, ledger, tmp_path):
    profile = profile_for(run, tmp_path / "fietsen.yaml", lang="nl")
    out = tmp_path / "clients"
    result = run(
        "export",
        "--profile",
        str(profile),
        "--out-dir",
        str(out),
        "--month",
        "2026-12",
        "--db",
        str(ledger),
        "--date",
        "2026-12-01",
        "--format",
        "html",
    )
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["fietsen.html"]
    page = parse((out / "fietsen.html").read_text(encoding="utf-8"))
    assert page.lang == "nl"
    h2 = [h for tag, h in page.headings if tag == "h2"]
    assert h2[:3] == ["Inhoud", "Samenvatting: december 2026", "Maandevaluatie: november 2026"]
    assert [b["label"] for b in page.charts["came-back"]] == ["okt 2026", "nov 2026"]
    assert page.charts["came-back"][-1]["text"].endswith("2 van 3 kwamen terug (67%)")
    assert parse_figcaptions((out / "fietsen.html").read_text(encoding="utf-8")) == [
        "Besteed tegenover het tegoed",
        "Gebaren per kernwaarde",
        "Kwam terug",
        "Tegoed per persoon",
    ]


def parse_figcaptions(text: str) -> list[str]:
    return [clean(m) for m in re.findall(r"<figcaption>(.*?)</figcaption>", text)]


@pytest.mark.slow  # prints a PDF
def test_pdf_carries_the_same_figures(run, ledger, tmp_path):
    need(weasyprint_works(), "WeasyPrint with the Pango library")
    import io

    import pypdf

    profile = profile_for(run, tmp_path / "bikes.yaml")
    result = export(run, profile, ledger, "pdf")  # to stdout: a file is written as the HTML is
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"%PDF-") and result.stderr == ""
    reader = pypdf.PdfReader(io.BytesIO(result.stdout_bytes))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages).replace("\u00a0", " ")
    review = json.loads(run("review", "--month", "2026-11", "--db", str(ledger), "--format", "json").stdout)["review"]
    assert len(reader.pages) >= 4  # each section on a new page
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=1)  # A4
    assert "Month-end review: November 2026" in text and "Spent against the allowance" in text
    for person in review["people"]:
        assert f"{person['spent']} of {person['allowance']}" in text.replace("\u00a0", " "), person
    for value in review["values"]:
        assert value["name"] in text
    assert "2 of 3 came back (67%)" in text and review["spent"] in text


@pytest.mark.parametrize("broken", ["no weasyprint", "no pango"])
def test_pdf_without_weasyprint_or_pango_says_what_to_install(run, ledger, tmp_path, monkeypatch, broken):
    profile = profile_for(run, tmp_path / "bikes.yaml")
    if broken == "no weasyprint":
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed: importing it raises ImportError
        message = "PDF export needs WeasyPrint: install it with pip install 'wowcoach[pdf]'."
    else:

        class NoPango(types.ModuleType):
            def __getattr__(self, name):
                raise OSError("cannot load library 'libpango-1.0-0'")

        monkeypatch.setitem(sys.modules, "weasyprint", NoPango("weasyprint"))
        message = "PDF export needs the Pango library: on Debian, apt-get install libpango-1.0-0 libpangoft2-1.0-0."
    out = tmp_path / "clients"
    result = run("export", "--profile", str(profile), "--out-dir", str(out), "--format", "pdf")
    assert (result.exit_code, result.stderr.strip()) == (1, message)
    assert list(out.iterdir()) == []


def test_a_pdf_is_never_written_to_a_terminal(run, tmp_path, monkeypatch):
    from wowcoach.cli.environment import Environment

    profile = profile_for(run, tmp_path / "bikes.yaml")
    monkeypatch.setattr(Environment, "stdout_is_terminal", property(lambda self: True))
    result = run("export", "--profile", str(profile), "-o", "-", "--format", "pdf")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.strip() == "A PDF can't be shown in the terminal: write it to a file with -o FILE.pdf, or redirect the output."


def test_unknown_format(run, tmp_path):
    profile = profile_for(run, tmp_path / "bikes.yaml")
    result = run("export", "--profile", str(profile), "-o", "-", "--format", "docx")
    assert (result.exit_code, usage_error(result)) == (
        2,
        "Invalid value for '--format': 'docx' is not one of 'markdown', 'html', 'pdf', 'json'.",
    )


def test_without_a_ledger_the_page_has_no_review_and_no_charts(run, tmp_path):
    profile = profile_for(run, tmp_path / "bikes.yaml")
    result = run("export", "--profile", str(profile), "-o", "-", "--format", "html", "--month", "2026-12")
    assert result.exit_code == 0, result.stderr
    page = parse(result.stdout)
    assert list(page.charts) == ["allowance-per-person"] and page.sections == 4  # the plan's picture only


@given(st.text(max_size=80), st.integers(0, 10**6), st.integers(0, 10**6))
def test_a_chart_is_well_formed_svg_whatever_the_labels(label, value, limit):
    from wowcoach.render.svg_charts import bar_chart

    chart = ChartView("c", label, label, max(value, limit, 1), [BarView(label, value, label, limit, label), BarView("x", 0, "0")])
    root = ElementTree.fromstring(bar_chart(chart))
    ns = "{http://www.w3.org/2000/svg}"
    bars = root.findall(f"{ns}g")
    assert bars[0].get("data-label") == one_line(label) and bars[0].get("data-value") == str(value)
    assert (root.find(f"{ns}title").text or "") == one_line(label)
    widths = [float(r.get("width")) for r in bars[0].findall(f"{ns}rect") if r.get("class") == "fill"]
    assert 0 <= widths[0] <= 480


@pytest.mark.slow
def test_headless_chromium_renders_the_page(run, ledger, tmp_path, tmp_path_factory):
    """The page as a browser shows it, on a phone's width: a screenshot (in a temporary folder,
    never in the repo) in which the charts' bars are drawn, in their colours."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    need(browser is not None, "Chromium")
    profile = profile_for(run, tmp_path / "bikes.yaml")
    page = tmp_path / "bikes.html"
    assert export(run, profile, ledger, "html", str(page)).exit_code == 0
    shots = tmp_path_factory.mktemp("screenshots")
    shot = shots / "bikes.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--hide-scrollbars",
        "--window-size=412,14000",  # tall enough for the whole page: the charts come after the checklist
        f"--screenshot={shot}",
        page.as_uri(),
    ]
    done = subprocess.run([browser, *flags], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    from PIL import Image  # WeasyPrint's dependency, so installed with the PDF export's

    from wowcoach.render.svg_charts import COLOURS

    with Image.open(shot) as image:
        assert image.width == 412, image.size
        pixels = {colour: n for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)}

    def painted(name: str) -> int:
        return pixels.get(tuple(bytes.fromhex(COLOURS[name][1:])), 0)

    # Each bar is a track as wide as the chart (about 380 px on this screen) and 11 px high, and
    # its fill, green, amber or red against the allowance: a page without charts has neither.
    commonest = sorted(pixels.items(), key=lambda item: -item[1])[:6]
    assert painted("track") > 3 * 1000, commonest
    assert painted("ok") + painted("near") + painted("over") > 500, commonest
