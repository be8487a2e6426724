"""`wowcoach export`: a client document whose tables stay tables, written safely."""

from __future__ import annotations

import json
import os
import re

import pytest
from markdown_it import MarkdownIt

NASTY = "Bo's | *Bikes* _&_ <script>alert(1)</script> `x` [link](http://e.x)\nsecond line"


@pytest.fixture
def profile(run, tmp_path):
    path = tmp_path / "bikes.yaml"
    result = run(
        "suggest",
        "--no-input",
        "--shop-name",
        NASTY,
        "--sector",
        "bike-shop",
        "--budget",
        "120",
        "--situation",
        "A | customer's *parcel* <b>arrived</b> late\nand she is `angry`",
        "--save",
        str(path),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    return path


def tables(markdown: str) -> list[tuple[int, list[int]]]:
    """For each table: header cells and the cells of each row, as markdown-it sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found, current, row = [], None, None
    for t in tokens:
        if t.type == "table_open":
            current = []
        elif t.type == "tr_open":
            row = 0
        elif t.type in ("th_open", "td_open"):
            row += 1
        elif t.type == "tr_close":
            current.append(row)
        elif t.type == "table_close":
            found.append((current[0], current[1:]))
    return found


def test_document_renders_real_tables(run, profile, tmp_path):
    out = tmp_path / "plan.md"
    result = run("export", "--profile", str(profile), "-o", str(out), "--month", "2027-02")
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    found = tables(text)
    assert len(found) >= 8
    for header, rows in found:
        assert rows and all(r == header for r in rows)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html and "<b>" not in html and "<em>" not in html.split("<h2")[0]
    assert "WOW plan for" in text and "Checklist for the values these stories show" in text and "Surprise budget for" in text
    assert "februari" not in text and "February 2027" in text


def test_pandoc_sees_the_same_tables(run, profile, tmp_path):
    pypandoc = pytest.importorskip("pypandoc")
    out = tmp_path / "plan.md"
    run("export", "--profile", str(profile), "-o", str(out), "--month", "2027-02")
    ast = json.loads(pypandoc.convert_file(str(out), "json", format="gfm"))
    pandoc_tables = [b for b in _blocks(ast["blocks"]) if b["t"] == "Table"]
    ours = tables(out.read_text(encoding="utf-8"))
    assert len(pandoc_tables) == len(ours)
    for block, (header, _rows) in zip(pandoc_tables, ours, strict=False):
        colspecs = block["c"][2]
        assert len(colspecs) == header


def _blocks(blocks):
    for b in blocks:
        yield b
        if b["t"] in ("BlockQuote", "Div"):
            yield from _blocks(b["c"] if b["t"] == "BlockQuote" else b["c"][1])


def test_stdout_and_refusing_to_overwrite(run, profile, tmp_path):
    result = run("export", "--profile", str(profile), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# WOW plan for")
    out = tmp_path / "plan.md"
    out.write_text("the client's notes")
    result = run("export", "--profile", str(profile), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{out} already exists: use --force to overwrite it."
    assert out.read_text() == "the client's notes"
    assert run("export", "--profile", str(profile), "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("# WOW plan for")


def test_several_clients_into_a_folder(run, profile, tmp_path):
    other = tmp_path / "bakery.yaml"
    other.write_text(profile.read_text(encoding="utf-8").replace("lang: en", "lang: nl"), encoding="utf-8")
    folder = tmp_path / "clients"
    folder.mkdir()
    result = run("export", "--profile", str(profile), "--profile", str(other), "--out-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["bakery.md", "bikes.md"]
    dutch = (folder / "bakery.md").read_text(encoding="utf-8")
    assert dutch.startswith("# WOW-plan voor ") and "## Samenvatting: " in dutch
    assert (folder / "bikes.md").read_text(encoding="utf-8").startswith("# WOW plan for ")
    # Each note in its client's language, whatever the order of the clients.
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"Wrote {folder / 'bikes.md'}.",
        f"{folder / 'bakery.md'} geschreven.",
    ]


def test_usage_errors(run, profile, tmp_path):
    result = run("export", "--profile", str(profile), "-o", "x.md", "--out-dir", "clients")
    assert (result.exit_code, result.stderr.strip()) == (2, "Give -o FILE or --out-dir DIR, not both.")
    result = run("export", "--profile", str(profile), "--profile", str(profile), "-o", "x.md")
    assert (result.exit_code, result.stderr.strip()) == (2, "Several --profile files need --out-dir DIR, or no -o: one file per client.")
    result = run("export", "--profile", str(profile), "--out-dir", str(tmp_path / "clients" / "new"))
    assert result.exit_code == 0, result.stderr  # the folder is made, as `--out-dir clients/` in docs/cli.md
    assert (tmp_path / "clients" / "new" / (profile.stem + ".md")).is_file()
    (tmp_path / "file").write_text("x")
    result = run("export", "--profile", str(profile), "--out-dir", str(tmp_path / "file"))
    assert (result.exit_code, result.stderr.strip()) == (1, f"{tmp_path / 'file'} is a file, not a folder: give --out-dir a folder.")


def test_an_interrupted_write_leaves_the_old_file(run, profile, tmp_path, monkeypatch):
    out = tmp_path / "plan.md"
    out.write_text("old plan")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = run("export", "--profile", str(profile), "-o", str(out), "--force")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Could not write {out}: No space left on device."
    assert out.read_text() == "old plan"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


ATTRIBUTES = [
    '::: {onclick="alert(2)"}',
    'Bo{onmouseover="alert(1)"}',
    "# heading {onclick=alert(3)}",
    ": definition",
    "[x]{onclick=alert(4)}",
    "Mo^2^ Bikes, $x+1$ and H~2~O",  # pandoc's superscript, TeX math and subscript
]


@pytest.mark.parametrize("reader", ["markdown", "commonmark_x", "gfm"])
def test_no_attribute_injection_in_any_pandoc_reader(run, tmp_path, reader):
    """Pandoc's own Markdown (what `pandoc plan.md -o plan.html` reads), commonmark_x and gfm:
    a shop name, a situation or a staff name never becomes an HTML attribute, div or heading."""
    pypandoc = pytest.importorskip("pypandoc")
    import re

    profile = tmp_path / "p.yaml"
    result = run(
        "suggest",
        "--no-input",
        "--shop-name",
        ATTRIBUTES[0],
        "--situation",
        "\n".join(ATTRIBUTES),
        "--already",
        ATTRIBUTES[1],
        "--save",
        str(profile),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "plan.md"
    assert run("export", "--profile", str(profile), "-o", str(out), "--month", "2027-02").exit_code == 0
    plan = run(
        "plan", "--no-input", "--month", "2027-02", "--format", "markdown", *[a for n in ATTRIBUTES[1:3] for a in ("--staff-name", n)]
    )
    assert plan.exit_code == 0, plan.stderr
    for markdown in (out.read_text(encoding="utf-8"), plan.stdout):
        html = pypandoc.convert_text(markdown, "html", format=reader)
        assert not re.search(r"<[a-z0-9]+[^>]*\son[a-z]+=", html), html
        assert "<div" not in html and "<dl" not in html and "<span" not in html
        assert "<sup" not in html and "<sub" not in html and "math" not in html
        assert "onclick=" in html.replace("&quot;", '"')  # shown as text, not dropped


ADDRESSES = ["www.evil.example", "https://evil.example/x", "bob@evil.example", "mailto:bob@evil.example", "WWW.EVIL.EXAMPLE"]


@pytest.mark.parametrize("reader", ["markdown", "commonmark_x", "gfm"])
def test_bare_addresses_never_become_links(run, tmp_path, reader):
    """GitHub's reader (pandoc's gfm) links a bare "www.x", "https://x" or "name@host": in a
    client's document, typed by an owner, none of them is a link, and each reads as typed."""
    pypandoc = pytest.importorskip("pypandoc")
    profile = tmp_path / "p.yaml"
    text = " ".join(ADDRESSES)
    result = run("suggest", "--no-input", "--shop-name", text, "--situation", text, "--save", str(profile), "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "plan.md"
    assert run("export", "--profile", str(profile), "-o", str(out), "--month", "2027-02", "--staff-name", "ann@evil.example").exit_code == 0
    html = pypandoc.convert_text(out.read_text(encoding="utf-8"), "html", format=reader)
    # The stories' sources are links the document makes on purpose; nothing the owner typed is.
    links = re.findall(r'href="([^"]*)"', html)
    assert links and not [link for link in links if "evil" in link.lower()], links
    assert len(re.findall(r"<a\s", html)) == len(links)
    for address in ADDRESSES:
        assert address in html


@pytest.mark.parametrize("force", [False, True])
def test_two_profiles_with_one_file_name_write_nothing(run, profile, tmp_path, force):
    """a/bikes.yaml and b/bikes.yaml would both be bikes.md: refused before any file is written."""
    (tmp_path / "b").mkdir()
    twin = tmp_path / "b" / "bikes.yaml"
    twin.write_text(profile.read_text(encoding="utf-8"), encoding="utf-8")
    folder = tmp_path / "clients"
    folder.mkdir()
    result = run("export", "--profile", str(profile), "--profile", str(twin), "--out-dir", str(folder), *(["--force"] if force else []))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        f"{profile} and {twin} would both be written to {folder / 'bikes.md'}: give the profiles different file names.",
    )
    assert list(folder.iterdir()) == []


def test_empty_and_non_regular_targets(run, profile, tmp_path):
    result = run("export", "--profile", str(profile), "-o", "")
    assert (result.exit_code, result.stderr.strip()) == (2, "-o is empty: give a file name, or - for stdout.")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for target in ("/dev/null", str(fifo), "/proc/self/fd/0"):
        result = run("export", "--profile", str(profile), "-o", target, "--force")
        assert (result.exit_code, result.stderr.strip()) == (1, f"{target} is not a regular file: give the name of a file to write.")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_force_keeps_the_files_mode_and_new_files_get_the_usual_one(run, profile, tmp_path):
    out = tmp_path / "plan.md"
    out.write_text("old plan")
    out.chmod(0o644)
    assert run("export", "--profile", str(profile), "-o", str(out), "--force").exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o644
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        assert run("export", "--profile", str(profile), "-o", str(fresh)).exit_code == 0
    finally:
        os.umask(old)
    assert fresh.stat().st_mode & 0o777 == 0o644


def test_stale_temporary_files_of_a_killed_run_are_removed(run, profile, tmp_path):
    import time

    out = tmp_path / "plan.md"
    stale, fresh = tmp_path / ".plan.md.dead.tmp", tmp_path / ".plan.md.running.tmp"
    for leftover in (stale, fresh):
        leftover.write_text("half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    assert run("export", "--profile", str(profile), "-o", str(out)).exit_code == 0
    assert not stale.exists() and fresh.exists()


def test_a_link_in_the_way_is_replaced_only_with_force_and_never_written_through(run, profile, tmp_path):
    """A link to nowhere is something there too: without --force it stays; with --force the
    link itself is replaced by the document, and what it pointed at is never written."""
    kept = tmp_path / "kept.txt"
    kept.write_text("keep", encoding="utf-8")
    for target in ("nowhere/x.md", str(kept)):
        out = tmp_path / "plan.md"
        out.unlink(missing_ok=True)
        out.symlink_to(target)
        result = run("export", "--profile", str(profile), "-o", str(out), "--month", "2027-02")
        assert (result.exit_code, result.stderr.strip()) == (1, f"{out} already exists: use --force to overwrite it.")
        assert out.is_symlink()
        assert run("export", "--profile", str(profile), "-o", str(out), "--month", "2027-02", "--force").exit_code == 0
        assert not out.is_symlink() and out.read_text(encoding="utf-8").startswith("# ")
    assert kept.read_text(encoding="utf-8") == "keep" and not (tmp_path / "nowhere").exists()


def test_force_never_writes_over_a_file_the_command_reads(run, profile, tmp_path):
    """--force replaces an older output, not the profile, ledger or consultant file the command
    reads: each, under any of its names, is refused and left as it was."""
    ledger = tmp_path / "ledger.sqlite"
    assert run("log", "add", "--db", str(ledger), "--by", "Ann", "--what", "tea", "--cost", "0", "--value", "be-humble").exit_code == 0
    (tmp_path / "alias.sqlite").symlink_to(ledger)
    kept = {path: path.read_bytes() for path in (profile, ledger)}
    for args, target in (
        (["export", "--profile", str(profile), "-o", str(profile)], profile),
        (["export", "--profile", str(profile), "--db", str(ledger), "-o", str(tmp_path / "alias.sqlite")], tmp_path / "alias.sqlite"),
        (["review", "--db", str(ledger), "--format", "html", "-o", str(ledger)], ledger),
        (["review", "--db", str(ledger), "--profile", str(profile), "--format", "html", "-o", str(profile)], profile),
        (["log", "export", "--db", str(ledger), str(tmp_path / "." / "ledger.sqlite")], tmp_path / "." / "ledger.sqlite"),
    ):
        result = run(*args, "--force")
        assert (result.exit_code, result.stderr.strip()) == (1, f"{target} is a file this command reads: write to another file."), args
    assert {path: path.read_bytes() for path in kept} == kept
