"""Who a client document is from: the consultant's name, company, e-mail, phone, logo and
colour, set once in a YAML file (`consultant.yaml` in the user config folder, or `--consultant
FILE`) and checked like every other file a user writes: unknown keys, a logo that is not a PNG
or JPEG of sensible size, a colour CSS does not know, each named with the file and the field."""

from __future__ import annotations

import re
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from wowcoach.errors import DataError, Problem, UserError
from wowcoach.i18n import Msg
from wowcoach.safeio import read_bounded

FILE_NAME = "consultant.yaml"
LOGO_MAX_BYTES = 1024 * 1024  # a logo is printed a few centimetres wide; more only makes every document heavy
LOGO_MAX_SIDE = 4000  # pixels
LOGO_MIN_SIDE = 16
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class Logo(NamedTuple):
    path: Path
    media_type: str  # image/png | image/jpeg
    data: bytes
    width: int
    height: int


class Consultant(NamedTuple):
    name: str
    company: str = ""
    email: str = ""
    phone: str = ""
    logo: Logo | None = None
    colour: str | None = None  # #rrggbb, whatever CSS form the file wrote
    path: Path | None = None  # the file it was read from


def default_path() -> Path:
    """consultant.yaml in the user config folder (~/.config/wowcoach on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("wowcoach", appauthor=False)) / FILE_NAME


def find(path: Path | None) -> Consultant | None:
    """The consultant of `--consultant FILE`, else of the config folder's file when there is one;
    None when neither is given: a document then names no consultant."""
    if path is not None:
        return load(path)
    default = default_path()
    return load(default) if default.is_file() else None


@lru_cache(maxsize=1)
def _schema() -> type:
    from typing import Annotated

    from msgspec import Meta, Struct, defstruct

    Short = Annotated[str, Meta(max_length=120)]
    return defstruct(
        "ConsultantFile",
        [
            ("name", Annotated[str, Meta(min_length=1, max_length=120)]),
            ("company", Short, ""),
            ("email", Annotated[str, Meta(max_length=254)], ""),
            ("phone", Annotated[str, Meta(max_length=40)], ""),
            ("logo", Annotated[str, Meta(max_length=4096)], ""),
            ("colour", Annotated[str, Meta(max_length=60)], ""),
        ],
        bases=(Struct,),
        forbid_unknown_fields=True,
    )


EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,38}$")


def load(path: Path) -> Consultant:
    import msgspec

    from wowcoach.knowledge.schema_errors import describe
    from wowcoach.yamlio import load_yaml

    name = str(path)
    data = load_yaml(path, numbers_as_text=True)  # a phone number such as 0612345678 stays as written
    if not isinstance(data, dict):
        raise DataError([Problem(name, Msg("expected key: value lines (name, company, email, phone, logo, colour)."))])
    schema = _schema()
    try:
        valid: Any = msgspec.convert(data, schema, strict=False)
    except msgspec.ValidationError as exc:
        loc, message = describe(exc, schema)
        raise DataError([Problem(name, message, field=".".join(str(p) for p in loc) or None)]) from None

    def problem(field: str, message: Msg) -> DataError:
        return DataError([Problem(name, message, field=field)])

    text = {f: " ".join(str(getattr(valid, f)).split()) for f in ("name", "company", "email", "phone")}
    if not text["name"]:
        raise problem("name", Msg("must not be empty"))
    if text["email"] and not EMAIL.match(text["email"]):
        raise problem("email", Msg("'{text}' is not an e-mail address, such as anna@example.nl").format(text=text["email"]))
    if text["phone"] and not PHONE.match(text["phone"]):
        raise problem("phone", Msg("'{text}' is not a phone number: digits, spaces and + ( ) - only").format(text=text["phone"]))
    colour = None
    if valid.colour.strip():
        colour = css_colour(valid.colour.strip())
        if colour is None:
            raise problem(
                "colour",
                Msg("'{text}' is not a CSS colour: write it as #0b6e75, rgb(11 110 117) or a name such as teal").format(
                    text=valid.colour.strip()
                ),
            )
    logo = read_logo(path.parent / Path(valid.logo.strip()).expanduser(), name) if valid.logo.strip() else None
    return Consultant(text["name"], text["company"], text["email"], text["phone"], logo, colour, path)


def css_colour(text: str) -> str | None:
    """An opaque CSS colour (hex, a name, rgb(), hsl(), hwb()) as #rrggbb; None if CSS would not
    read it as one. tinycss2's parser, so the file takes exactly what a stylesheet takes."""
    import tinycss2
    import tinycss2.color4

    tokens = [t for t in tinycss2.parse_component_value_list(text) if t.type not in ("whitespace", "comment")]
    if len(tokens) != 1:
        return None
    parsed = tinycss2.color4.parse_color(tokens[0])
    if parsed is None or isinstance(parsed, str):  # None, or 'currentcolor'
        return None
    try:
        srgb = parsed.to("srgb")
    except (NotImplementedError, ValueError):  # lab(), oklch(): not turned into sRGB here
        return None
    if srgb.alpha < 1:
        return None  # a see-through colour would not print as the file says
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in srgb.coordinates)


def read_logo(path: Path, name: str) -> Logo:
    """A PNG or JPEG of at most 1 MB and 4000 pixels a side, recognised by its first bytes, not
    its name."""
    not_a_file = Msg("{path} is not a file: give the path of a PNG or JPEG image.")
    try:
        data = read_bounded(
            path,
            LOGO_MAX_BYTES,
            unit=1024,
            missing=Msg("{path} does not exist: check the path (a relative path is read from the folder of the consultant file)."),
            folder=not_a_file,
            not_regular=not_a_file,
            too_large=Msg("{path} is {kb} KB; a logo may be at most {limit} KB: save it smaller."),
        )
    except UserError as exc:  # said of the consultant file's logo field
        raise _logo_problem(name, exc.message) from None
    media_type = next((kind for magic, kind in LOGO_TYPES.items() if data.startswith(magic)), None)
    size_of = _png_size if media_type == "image/png" else _jpeg_size
    dimensions = size_of(data) if media_type else None
    if media_type is None or dimensions is None or len(data) > LOGO_MAX_BYTES:
        raise _logo_problem(name, Msg("{path} is not a PNG or JPEG image: save the logo as one of those.").format(path=path))
    width, height = dimensions
    if max(width, height) > LOGO_MAX_SIDE or min(width, height) < LOGO_MIN_SIDE:
        raise _logo_problem(
            name,
            Msg("{path} is {width}×{height} pixels; use an image of {low} to {high} pixels a side.").format(
                file=name, path=path, width=width, height=height, low=LOGO_MIN_SIDE, high=LOGO_MAX_SIDE
            ),
        )
    return Logo(path, media_type, data, width, height)


def _logo_problem(name: str, message: str | Msg) -> DataError:
    return DataError([Problem(name, message, field="logo")])


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in the first start-of-frame marker, walking the segments from the top."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # padding
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None
