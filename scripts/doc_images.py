"""Make the pictures of docs/export.md: the cover and the summary page of a client's PDF, as a
consultant gets them from `wowcoach export`, rendered by pdftoppm (Debian's poppler-utils).

    python scripts/doc_images.py            # writes docs/images/export-cover.png and export-summary.png

Everything the pictures show comes from the commands themselves, in a temporary folder: a
profile saved by `suggest`, a February in a ledger, and the example consultant of
docs/example-consultant.yaml with its logo (drawn by this script, so it is ours to show).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
IMAGES = DOCS / "images"
RESOLUTION = "60"  # dots per inch: an A4 page 496 pixels wide, readable on the page and small in the repo


def logo_png(width: int = 240, height: int = 80) -> bytes:
    """The example consultancy's logo: an orange disc and two dark bars, drawn pixel by pixel."""
    orange, ink, white = (194, 65, 12), (29, 42, 51), (255, 255, 255)
    rows = []
    for y in range(height):
        row = bytearray(b"\0")
        for x in range(width):
            in_disc = (x - 40) ** 2 + (y - 40) ** 2 <= 34**2
            in_bar = 92 <= x <= 230 and (22 <= y <= 36 or 46 <= y <= 58 and x <= 190)
            row += bytes(orange if in_disc else ink if in_bar else white)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


def wowcoach(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8", "XDG_CONFIG_HOME": str(cwd / "config")}
    env.pop("WOWCOACH_DB", None)
    subprocess.run([sys.executable, "-m", "wowcoach", *args], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: on Debian, apt-get install poppler-utils")
    (DOCS / "example-logo.png").write_bytes(logo_png())
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(DOCS / "example-consultant.yaml", work / "consultant.yaml")
        shutil.copy(DOCS / "example-logo.png", work / "example-logo.png")
        situation = "Mevrouw de Boer (84) brought her bike in for a repair, but the part only arrives in two weeks"
        wowcoach("suggest", "--no-input", "--shop-name", "Fietsen van Dijk", "--sector", "bike-shop", "--budget", "120",
                 "--situation", situation, "--save", "vandijk.yaml", "--format", "json", cwd=work)  # fmt: skip
        staff = ["--staff-name", "Anna", "--staff-name", "Bo"]
        wowcoach("plan", "--profile", "vandijk.yaml", *staff, "--month", "2027-02", "--record", "--db", "ledger.sqlite", "--format", "json", cwd=work)
        for day, by, what, cost in (("2027-02-03", "Anna", "Coffee while a customer waited", "3,50"), ("2027-02-10", "Bo", "A bell for a child's bike", "6")):
            wowcoach("log", "add", "--db", "ledger.sqlite", "--date", day, "--by", by, "--what", what, "--cost", cost, "--value", "deliver-wow", cwd=work)
        wowcoach("log", "outcome", "1", "--db", "ledger.sqlite", "--came-back", cwd=work)
        wowcoach("export", "--profile", "vandijk.yaml", *staff, "--month", "2027-03", "--date", "2027-02-25", "--db", "ledger.sqlite",
                 "--consultant", "consultant.yaml", "--no-situation", "--format", "pdf", cwd=work)  # fmt: skip
        for page, name in ((1, "export-cover"), (3, "export-summary")):
            prefix = work / name
            subprocess.run(["pdftoppm", "-r", RESOLUTION, "-png", "-singlefile", "-f", str(page), "-l", str(page), "vandijk.pdf", str(prefix)],
                           cwd=work, check=True)  # fmt: skip
            shutil.copy(prefix.with_suffix(".png"), IMAGES / f"{name}.png")
            print(f"wrote {(IMAGES / name).with_suffix('.png').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
