"""Who a client document is from: consultant.yaml in the user config folder or --consultant FILE,
checked like every other file (one clear line naming the file and the field), shown on the
cover and in the running footer, escaped everywhere."""

from __future__ import annotations

import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wowcoach.profile.consultant import css_colour


def png(width: int = 120, height: int = 40, colour: tuple[int, int, int] = (194, 65, 12)) -> bytes:
    """A real PNG of one colour, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(colour) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """The first segments of a baseline JPEG: enough for its size to be read."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\0"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


CONSULTANT = """name: Anna Jansen
company: Jansen Advies
email: anna@jansenadvies.nl
phone: "+31 6 1234 5678"
logo: logo.png
colour: "#c2410c"
"""


@pytest.fixture
def consultant(tmp_path) -> Path:
    folder = tmp_path / "me"
    folder.mkdir()
    (folder / "logo.png").write_bytes(png())
    path = folder / "consultant.yaml"
    path.write_text(CONSULTANT, encoding="utf-8")
    return path


@pytest.fixture
def profile(run, tmp_path) -> Path:
    path = tmp_path / "vandijk.yaml"
    result = run("suggest", "--no-input", "--shop-name", "Fietsen van Dijk", "--sector", "bike-shop", "--budget", "120",
                 "--situation", "A repair took two weeks longer than promised", "--save", str(path), "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return path


def cover_html(run, profile: Path, *extra: str) -> str:
    result = run("export", "--profile", str(profile), "-o", "-", "--format", "html", "--month", "2027-03", "--date", "2027-02-25", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split("</header>")[0]


def test_the_cover_names_the_consultant_with_links_logo_and_colour(run, profile, consultant):
    cover = cover_html(run, profile, "--consultant", str(consultant))
    assert '<span class="by-line by">Anna Jansen · Jansen Advies</span>' in cover
    assert '<a href="mailto:anna@jansenadvies.nl">anna@jansenadvies.nl</a>' in cover
    assert '<a href="tel:+31612345678">+31 6 1234 5678</a>' in cover
    logo = re.search(r'<img class="logo" src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="Jansen Advies">', cover)
    assert logo is not None
    import base64

    assert base64.b64decode(logo[1]) == (consultant.parent / "logo.png").read_bytes()
    assert "--accent: #c2410c;" in cover  # the consultant's colour, as the file gave it
    assert '<p class="date">Prepared on 25 February 2027</p>' in cover


def test_the_user_config_folder_holds_the_default(run, profile, consultant, tmp_path):
    assert 'class="by-line' not in cover_html(run, profile)  # no file anywhere: no consultant on the cover
    config = tmp_path / "config" / "wowcoach"  # XDG_CONFIG_HOME is tmp_path/config (conftest)
    config.mkdir(parents=True)
    (config / "consultant.yaml").write_text(CONSULTANT.replace("logo: logo.png\n", ""), encoding="utf-8")
    assert "Anna Jansen · Jansen Advies" in cover_html(run, profile)
    other = consultant.parent / "other.yaml"
    other.write_text("name: Bo Berg\n", encoding="utf-8")
    cover = cover_html(run, profile, "--consultant", str(other))  # --consultant wins
    assert "Bo Berg" in cover and "Anna" not in cover


BAD = [
    ("nmae: Anna\n", "{file}: nmae: unknown field (check its spelling)"),
    ("company: Jansen Advies\n", "{file}: name: missing"),
    ("name: '   '\n", "{file}: name: must not be empty"),
    ("- Anna\n", "{file}: expected key: value lines (name, company, email, phone, logo, colour)."),
    ("name: Anna\nemail: anna at example\n", "{file}: email: 'anna at example' is not an e-mail address, such as anna@example.nl"),
    ("name: Anna\nphone: call me\n", "{file}: phone: 'call me' is not a phone number: digits, spaces and + ( ) - only"),
    (
        "name: Anna\ncolour: 'red; } body { background: url(http://x) '\n",
        "{file}: colour: 'red; } body { background: url(http://x)' is not a CSS colour: write it as #0b6e75, rgb(11 110 117) or a name such as teal",
    ),
    (
        "name: Anna\ncolour: transparent\n",
        "{file}: colour: 'transparent' is not a CSS colour: write it as #0b6e75, rgb(11 110 117) or a name such as teal",
    ),
    (
        "name: Anna\nlogo: nowhere.png\n",
        "{file}: logo: {dir}/nowhere.png does not exist: check the path (a relative path is read from the folder of the consultant file).",
    ),
    ("name: Anna\nlogo: notes.png\n", "{file}: logo: {dir}/notes.png is not a PNG or JPEG image: save the logo as one of those."),
    ("name: Anna\nlogo: huge.png\n", "{file}: logo: {dir}/huge.png is 1025 KB; a logo may be at most 1024 KB: save it smaller."),
    ("name: Anna\nlogo: wide.png\n", "{file}: logo: {dir}/wide.png is 5000×40 pixels; use an image of 16 to 4000 pixels a side."),
    ("name: Anna\nlogo: tiny.jpg\n", "{file}: logo: {dir}/tiny.jpg is 8×8 pixels; use an image of 16 to 4000 pixels a side."),
    ("name: Anna\nlogo: .\n", "{file}: logo: {dir} is not a file: give the path of a PNG or JPEG image."),
    # A FIFO would make a plain open() wait for a writer that never comes.
    ("name: Anna\nlogo: pipe.png\n", "{file}: logo: {dir}/pipe.png is not a file: give the path of a PNG or JPEG image."),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_broken_consultant_file_is_one_line_naming_the_field(run, profile, tmp_path, text, message):
    folder = tmp_path / "me"
    folder.mkdir()
    (folder / "notes.png").write_text("not an image")
    (folder / "huge.png").write_bytes(png()[:-12] + b"\0" * (1025 * 1024))
    wide = png(10, 40)
    (folder / "wide.png").write_bytes(wide[:16] + struct.pack(">II", 5000, 40) + wide[24:])
    (folder / "tiny.jpg").write_bytes(jpeg_header(8, 8))
    os.mkfifo(folder / "pipe.png")
    path = folder / "consultant.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("export", "--profile", str(profile), "-o", "-", "--consultant", str(path))
    expected = message.replace("{file}", str(path)).replace("{dir}", str(folder))
    assert (result.exit_code, result.stderr.strip(), result.stdout) == (1, expected, "")


def test_a_missing_consultant_file_is_named(run, profile, tmp_path):
    missing = tmp_path / "nobody.yaml"
    result = run("export", "--profile", str(profile), "-o", "-", "--consultant", str(missing))
    assert (result.exit_code, result.stderr.strip()) == (1, f"{missing} does not exist: check the path.")


def test_a_jpeg_logo_is_read_by_its_bytes(tmp_path):
    from wowcoach.profile.consultant import load

    (tmp_path / "logo.JPG").write_bytes(jpeg_header(300, 100))
    (tmp_path / "c.yaml").write_text("name: Anna\nlogo: logo.JPG\ncolour: Teal\n", encoding="utf-8")
    found = load(tmp_path / "c.yaml")
    assert found.logo is not None and (found.logo.media_type, found.logo.width, found.logo.height) == ("image/jpeg", 300, 100)
    assert found.colour == "#008080"


def test_hostile_text_stays_text_on_the_cover(run, profile, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text('name: "<script>alert(1)</script> \\e[31m Anna"\ncompany: "</span><img src=x onerror=alert(2)>"\n', encoding="utf-8")
    cover = cover_html(run, profile, "--consultant", str(path))
    assert "<script>" not in cover and "<img src=x" not in cover and "\x1b" not in cover
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cover and "&lt;/span&gt;&lt;img src=x onerror=alert(2)&gt;" in cover


@pytest.mark.parametrize(
    ("text", "hex_"),
    [
        ("#0B6E75", "#0b6e75"),
        ("#abc", "#aabbcc"),
        ("rebeccapurple", "#663399"),
        ("rgb(11 110 117)", "#0b6e75"),
        ("hsl(120 100% 25%)", "#008000"),
    ],
)
def test_colours_as_css_reads_them(text, hex_):
    assert css_colour(text) == hex_


@given(st.text(max_size=60))
def test_only_a_plain_hex_colour_ever_reaches_the_stylesheet(text):
    found = css_colour(text)
    assert found is None or re.fullmatch(r"#[0-9a-f]{6}", found)
