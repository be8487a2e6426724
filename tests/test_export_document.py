"""The document a consultant hands over, read back as a client reads it: the PDF's text page by
page (cover, page numbers, running header and footer, contents, the order of the parts, no
matching internals) with every figure compared with the JSON; the Markdown's parts as the
consultant chose them; the first page rendered to pixels (pdftoppm, headless Chromium) and
checked for a cover that is really there."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_consultant import CONSULTANT, png
from test_export_html import need, weasyprint_works

SITUATION = "Mevrouw de Boer (84) brought her bike for a repair, but the part only arrives in two weeks"
INTERNALS = ("words in common", "a similar situation", "Why it matches", "the same topic")


@pytest.fixture
def client(run, tmp_path):
    """A bike shop's profile, a ledger with February's gestures, and a consultant with a logo."""
    profile = tmp_path / "vandijk.yaml"
    result = run("suggest", "--no-input", "--shop-name", "Fietsen van Dijk", "--sector", "bike-shop", "--budget", "120",
                 "--situation", SITUATION, "--save", str(profile), "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    db = tmp_path / "ledger.sqlite"
    staff = ["--staff-name", "Anna", "--staff-name", "Bo"]
    assert (
        run("plan", "--profile", str(profile), *staff, "--month", "2027-02", "--record", "--db", str(db), "--format", "json").exit_code == 0
    )
    for day, by, what, cost in (("2027-02-03", "Anna", "Coffee while waiting", "3,50"), ("2027-02-10", "Bo", "Free bell", "6")):
        result = run("log", "add", "--db", str(db), "--date", day, "--by", by, "--what", what, "--cost", cost, "--value", "deliver-wow")
        assert result.exit_code == 0, result.stderr
    assert run("log", "outcome", "1", "--came-back", "--db", str(db)).exit_code == 0
    me = tmp_path / "me"
    me.mkdir()
    (me / "logo.png").write_bytes(png())
    (me / "consultant.yaml").write_text(CONSULTANT, encoding="utf-8")
    return {"profile": profile, "db": db, "consultant": me / "consultant.yaml", "staff": staff}


def export(run, client, fmt: str, *extra: str, out: str = "-"):
    return run("export", "--profile", str(client["profile"]), "-o", out, "--month", "2027-03", "--date", "2027-02-25",
               "--db", str(client["db"]), "--consultant", str(client["consultant"]), *client["staff"], "--format", fmt, *extra)  # fmt: skip


def pdf_pages(data: bytes) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(p.extract_text().replace("\u00a0", " ").replace("\u202f", " ").split()) for p in reader.pages]


def figures(exported: dict) -> list[str]:
    """Every amount and count the document shows, as the JSON has it."""
    plan, review = exported["plan"], exported["review"]
    out = [plan["budget"], plan["reserve"], review["budget"], review["spent"], review["remaining"], review["carried"]]
    out += [a["amount"] for a in plan["allowances"] if "amount" in a]
    out += [m["unit"] for m in plan["mix"]] + [m["total"] for m in plan["mix"]]
    for p in review["people"]:
        out += [p["spent"], p["allowance"], p["remaining"]]
    out += [v["spent"] for v in review["values"]]
    return out


@pytest.mark.slow  # prints a PDF
def test_the_pdf_reads_as_a_finished_document(run, client):
    need(weasyprint_works(), "WeasyPrint with the Pango library")
    result = export(run, client, "pdf")
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(result.stdout_bytes)
    exported = json.loads(export(run, client, "json").stdout)["export"]
    n = len(pages)
    assert n > 4
    cover = pages[0]
    for text in ("WOW plan for Fietsen van Dijk", "March 2027", "Prepared by Anna Jansen · Jansen Advies", "anna@jansenadvies.nl",
                 "+31 6 1234 5678", "Prepared on 25 February 2027"):  # fmt: skip
        assert text in cover, text
    assert "page 1" not in cover  # the cover has no furniture
    for number, text in enumerate(pages[1:], 2):
        # The running header (the client, the month) and footer (the consultant, the page), which pypdf reads last.
        assert text.endswith(f"WOW plan for Fietsen van Dijk March 2027 Anna Jansen · Jansen Advies page {number} of {n}"), (
            number,
            text[-90:],
        )
    # The contents on page 2, each part at the page it names.
    assert pages[1].startswith("Contents")
    parts = ["Summary: March 2027", "Month-end review: February 2027", "Surprise budget for Fietsen van Dijk: March 2027",
             "Stories and ideas", "Checklist for the values these stories show"]  # fmt: skip
    found = []
    for part in parts:
        listed = re.search(re.escape(part) + r"[ .]*?(\d+)\b", pages[1])
        assert listed, part
        page = int(listed[1])
        assert part in pages[page - 1], (part, page)
        found.append(page)
    assert found == sorted(found) and found[0] == 3  # summary → review → plan → stories → checklist
    summary = pages[2]
    for action in exported["actions"]:
        # pypdf reads the dates' thin spaces as spaces or not, depending on the font: compare words.
        assert " ".join(f"{action['person']} week {action['week']} ({action['dates']})".split()) in " ".join(summary.split())
        assert action["text"][:40] in summary
    assert exported["last_month"] in summary
    text = " ".join(pages)
    for figure in figures(exported):
        assert figure in text, figure
    for a in exported["plan"]["allowances"]:
        assert f"{a['name']} €{a['cents'] // 100}.{a['cents'] % 100:02d}" in summary
    for s in exported["suggestions"]["suggestions"]:
        assert s["title"] in text
    for internal in INTERNALS:
        assert internal not in text
    assert not re.search(r"\b0\.\d{3,}\b", text)  # no score such as 0.2576
    assert SITUATION in text
    # Links are links in the PDF too: the consultant's e-mail and each story's source.
    uris = links(result.stdout_bytes)
    assert "mailto:anna@jansenadvies.nl" in uris and "tel:+31612345678" in uris
    for s in exported["suggestions"]["suggestions"]:
        case = json.loads(run("cases", "show", s["id"], "--format", "json").stdout)
        assert case["source_url"] is None or case["source_url"] in uris, case["source_url"]


def links(data: bytes) -> set[str]:
    import pypdf

    found = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


@pytest.mark.slow  # prints a PDF
def test_the_pdf_speaks_the_clients_language(run, client):
    need(weasyprint_works(), "WeasyPrint with the Pango library")
    profile = client["profile"]
    profile.write_text(profile.read_text(encoding="utf-8").replace("lang: en", "lang: da"), encoding="utf-8")
    result = export(run, client, "pdf")
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(result.stdout_bytes)
    assert "Udarbejdet af Anna Jansen" in pages[0] and "marts 2027" in pages[0]
    assert pages[1].endswith(f"side 2 af {len(pages)}") and "Indhold" in pages[1]
    assert pages[2].startswith("Resumé: marts 2027")


@pytest.mark.slow  # prints a PDF
def test_a_short_document_has_no_contents_page(run, client):
    need(weasyprint_works(), "WeasyPrint with the Pango library")
    result = run("review", "--month", "2027-02", "--db", str(client["db"]), "--profile", str(client["profile"]), "--format", "pdf",
                 "-o", "-", "--consultant", str(client["consultant"]), "--date", "2027-03-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(result.stdout_bytes)
    assert 1 < len(pages) <= 4
    assert "Month-end review: Fietsen van Dijk" in pages[0] and "Anna Jansen" in pages[0]
    assert not any("Contents" in p for p in pages)
    assert pages[1].endswith(f"page 2 of {len(pages)}")
    review = json.loads(run("review", "--month", "2027-02", "--db", str(client["db"]), "--format", "json").stdout)["review"]
    text = " ".join(pages)
    for p in review["people"]:
        assert f"{p['name']}: {p['spent']} of {p['allowance']}" in text.replace(" · ", ": ")


@pytest.mark.slow  # prints a PDF
def test_the_chain_report_has_a_comparison_page_and_a_page_per_shop(run, tmp_path):
    need(weasyprint_works(), "WeasyPrint with the Pango library")
    db = tmp_path / "chain.sqlite"
    for shop, budget in (("Centrum", "100"), ("Noord", "80")):
        result = run("plan", "--no-input", "--budget", budget, "--staff-name", "Anna", "--month", "2027-03", "--record", "--db", str(db),
                     "--shop", shop, "--format", "json")  # fmt: skip
        assert result.exit_code == 0, result.stderr
    run("plan", "--no-input", "--budget", "50", "--month", "2027-02", "--record", "--db", str(db), "--shop", "Zuid", "--format", "json")
    assert run("log", "add", "--db", str(db), "--shop", "Noord", "--date", "2027-03-04", "--by", "Anna", "--what", "Card",
               "--cost", "20", "--value", "deliver-wow").exit_code == 0  # fmt: skip
    result = run("review", "--all-shops", "--month", "2027-03", "--db", str(db), "--format", "pdf", "-o", str(tmp_path / "chain.pdf"))
    assert (result.exit_code, result.stderr.strip()) == (0, f"Wrote {tmp_path / 'chain.pdf'}.")
    pages = pdf_pages((tmp_path / "chain.pdf").read_bytes())
    shops = json.loads(run("review", "--all-shops", "--month", "2027-03", "--db", str(db), "--format", "json").stdout)["shops"]
    assert pages[0].startswith("Chain report March 2027")
    comparison = next(p for p in pages if "Spent against the plan, per shop" in p).replace(" · ", ": ")
    for s in shops:
        assert s["shop"] in comparison and s["spent"] in comparison
    assert "Noord: €20.00 of €80.00 (25%)" in comparison and "Zuid: no plan recorded" in comparison
    starts = [next(i for i, p in enumerate(pages) if p.startswith(f"{shop}: March 2027")) for shop in ("Centrum", "Noord")]
    assert 2 <= starts[0] < starts[1]  # after the cover and the comparison, a part per shop
    assert any(p.startswith("Zuid No plan is recorded for March 2027.") for p in pages)


def test_the_parts_are_the_consultants_choice(run, client):
    plain = export(run, client, "markdown").stdout
    order = [
        plain.index(h) for h in ("## Summary", "## Month-end review", "## Surprise budget", "## Stories and ideas", "## Checklist for")
    ]
    assert order == sorted(order)
    for internal in INTERNALS:
        assert internal not in plain
    assert SITUATION in plain and "Appendix" not in plain
    stories = ["zappos-refer-competitors", "stew-leonards-rock"]
    chosen = export(run, client, "markdown", "--story", stories[1], "--story", stories[0], "--no-review", "--no-situation",
                    "--full-checklist").stdout  # fmt: skip
    titles = re.findall(r"^### (\d)\. (.+)$", chosen, re.M)
    assert [t for _n, t in titles][:2] == ["The rule carved in stone (Stew Leonard's)", "Sold out? Here are three other shops (Zappos)"]
    assert "## Month-end review" not in chosen and "Last month" not in chosen
    assert "Mevrouw de Boer" not in chosen and "The situation" not in chosen
    assert chosen.index("## Checklist for") < chosen.index("## Appendix: the full values checklist")
    bare = export(run, client, "markdown", "--no-checklist").stdout
    assert "## Checklist for" not in bare and "- [ ]" not in bare
    unknown = export(run, client, "markdown", "--story", "stew-leonards")
    assert (unknown.exit_code, unknown.stdout) == (1, "")
    assert unknown.stderr.strip().startswith("Unknown case 'stew-leonards'. Did you mean: stew-leonards-rock")
    data = json.loads(export(run, client, "json", "--story", stories[0]).stdout)["export"]
    assert data["picked"] == [stories[0]] and [s["id"] for s in data["suggestions"]["suggestions"]] == [stories[0]]


def test_actions_are_the_consultants_own_when_given(run, client):
    own = export(run, client, "markdown", "--action", "bo:2:Call Mrs de Boer after the repair", "--action", "Anna:1:Clean the window")
    assert own.exit_code == 0, own.stderr
    text = own.stdout.replace("\u2009", " ")  # Babel puts thin spaces around the dash of a range
    assert "| Bo | week 2 (8 – 14 Mar) | Call Mrs de Boer after the repair |" in text
    assert "| Anna | week 1 (1 – 7 Mar) | Clean the window |" in text
    assert "### Actions for this month" in text
    for bad, message in (
        ("Anna-1-x", "--action 'Anna-1-x': write it as WHO:WEEK:WHAT, e.g. \"Anna:2:call Mrs de Boer after the repair\"."),
        ("Cees:1:x", "--action 'Cees:1:x': Cees has no allowance in the plan; use one of Anna, Bo."),
        ("Anna:6:x", "--action 'Anna:6:x': the week must be a number from 1 to 5 (March 2027 has 5 weeks in the plan)."),
    ):
        result = export(run, client, "markdown", "--action", bad)
        assert (result.exit_code, result.stderr.strip()) == (2, message)
    derived = json.loads(export(run, client, "json").stdout)["export"]["actions"]
    assert [(a["person"], a["week"]) for a in derived] == [("Anna", 1), ("Bo", 2), ("Anna", 3)]
    assert all(a["story_id"] for a in derived)


def test_written_beside_the_profile_and_the_ledger_from_the_environment(run, client):
    profile = client["profile"]
    result = run("export", "--profile", str(profile), "--month", "2027-03", env={"WOWCOACH_DB": str(client["db"])})
    assert (result.exit_code, result.stderr.strip()) == (0, f"Wrote {profile.with_suffix('.md')}.")
    assert "## Month-end review: February 2027" in profile.with_suffix(".md").read_text(encoding="utf-8")
    again = run("export", "--profile", str(profile), "--month", "2027-03")
    assert (again.exit_code, again.stderr.strip()) == (1, f"{profile.with_suffix('.md')} already exists: use --force to overwrite it.")
    both = run("export", "--profile", str(profile), "-o", "x.md", "--out-dir", "clients")
    assert (both.exit_code, both.stderr.strip()) == (2, "Give -o FILE or --out-dir DIR, not both.")
    json_profile = profile.with_suffix(".json")
    json_profile.write_text(json.dumps({"shop_name": "Fietsen van Dijk"}), encoding="utf-8")
    clash = run("export", "--profile", str(json_profile), "--format", "json", "--force")
    assert (clash.exit_code, clash.stderr.strip()) == (
        1,
        f"{json_profile} is the profile itself: give the document another name with -o FILE, or a folder with --out-dir.",
    )


def cover_pixels(path: Path) -> dict[str, float]:
    """Pixel statistics of the top of a rendered first page: how much is not white, how much is
    the consultant's colour (#c2410c), and how varied the greys are."""
    from PIL import Image, ImageStat

    with Image.open(path) as image:
        rgb = image.convert("RGB")
        top = rgb.crop((0, 0, rgb.width, rgb.height // 2))
        raw = top.tobytes()  # RGB, three bytes a pixel (getdata is deprecated in Pillow 12)
        pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
        stat = ImageStat.Stat(top.convert("L"))
    inked = sum(1 for p in pixels if min(p) < 235) / len(pixels)
    accent = sum(1 for r, g, b in pixels if abs(r - 194) < 30 and abs(g - 65) < 30 and abs(b - 12) < 30) / len(pixels)
    return {"inked": inked, "accent": accent, "stddev": stat.stddev[0]}


@pytest.mark.slow  # prints a PDF and renders it to pixels
def test_the_first_pdf_page_is_a_cover_in_pixels(run, client, tmp_path):
    need(weasyprint_works(), "WeasyPrint with the Pango library")
    need(shutil.which("pdftoppm") is not None, "pdftoppm (Debian's poppler-utils)")
    pdf = tmp_path / "vandijk.pdf"
    assert export(run, client, "pdf", out=str(pdf)).exit_code == 0
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    cover = cover_pixels(tmp_path / "page-01.png")
    contents = cover_pixels(tmp_path / "page-02.png")
    assert 0.03 < cover["inked"] < 0.6, cover  # something printed, not a page filled with ink
    assert cover["accent"] > 0.02, cover  # the consultant's colour band and logo
    assert cover["stddev"] > 20, cover
    assert contents["accent"] < cover["accent"]  # the cover stands out from the page after it


@pytest.mark.slow  # a browser
def test_headless_chromium_shows_the_cover(run, client, tmp_path, tmp_path_factory):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    need(browser is not None, "Chromium")
    page = tmp_path / "vandijk.html"
    assert export(run, client, "html", out=str(page)).exit_code == 0
    shot = tmp_path_factory.mktemp("screenshots") / "cover.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--hide-scrollbars",
             "--window-size=800,1000", f"--screenshot={shot}", page.as_uri()]  # fmt: skip
    done = subprocess.run([browser, *flags], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = cover_pixels(shot)
    assert 0.03 < seen["inked"] < 0.6, seen
    assert seen["accent"] > 0.01, seen
    assert seen["stddev"] > 20, seen
