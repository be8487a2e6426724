"""What msgspec says is wrong with a file, as a field path and a message a shop owner can act on.

msgspec reports one problem as English text ("Expected `str` of length >= 1 - at `$.story.da`").
We read back the path and the kind of problem, and say it in the user's language.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
import msgspec.inspect as mi

from wowcoach.i18n import Msg
from wowcoach.knowledge.schema import ID_PATTERN, OWN_CHECKS

_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]")
_OWN = re.compile(r"^(?P<field>[a-z_]+): (?P<msg>.+)$", re.S)  # raised by kb's checks: "en: ..."
_TYPE = re.compile(r"^Expected `(?P<want>[^`]+)`, got `(?P<got>\w+)`$")
_LENGTH = re.compile(r"^Expected `(?P<kind>str|array)` of length (?P<op>>=|<=) (?P<n>\d+)$")
_BOUND = re.compile(r"^Expected `(?:int|float)` (?P<op>>=|<=|>|<) (?P<n>[\d.]+)$")
_REGEX = re.compile(r"^Expected `str` matching regex '(?P<pattern>.*)'$", re.S)


def _template(text: str) -> re.Pattern[str]:
    """A regex that reads the values back out of a message made from `text`."""
    parts = re.split(r"\{(\w+)\}", text)
    return re.compile("^" + "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts)) + "$", re.S)


_OWN_TEMPLATES = [(text, _template(text)) for text in OWN_CHECKS]


def _own(message: str) -> Msg | str:
    """One of the schema's own checks, as the Msg it was made from."""
    for text, pattern in _OWN_TEMPLATES:
        if m := pattern.match(message):
            return Msg(text, **m.groupdict())
    return message


def _type_name(name: str) -> Msg | str:
    return {
        "str": Msg("text"),
        "int": Msg("a whole number"),
        "float": Msg("a number"),
        "decimal": Msg("a number"),
        "bool": Msg("true or false"),
        "array": Msg("a list"),
        "object": Msg("a mapping (key: value)"),
        "null": Msg("nothing"),
    }.get(name, name)


def _pattern_hint(pattern: str) -> Msg:
    if pattern == ID_PATTERN:
        return Msg("must be lowercase letters, digits and dashes, such as 'late-delivery'")
    if pattern == r"^[a-z]{2}$":
        return Msg("must be a two-letter language code, such as 'nl'")
    if pattern == r"^[A-Z]{3}$":
        return Msg("must be a three-letter currency code, such as 'EUR'")
    if pattern.startswith("^https?"):
        return Msg("must be a web address starting with http:// or https://")
    if pattern in (r"\S", r"^\S(.*\S)?$"):
        return Msg("must not be blank or start or end with a space")
    return Msg("does not have the expected form")


def _choices(root: type, loc: tuple[str | int, ...]) -> list[str]:
    """The values a Literal field allows, found by walking the types along `loc`."""
    info: Any = mi.type_info(root)
    for step in loc:
        while isinstance(info, mi.UnionType):  # "X | None": the X
            info = next(t for t in info.types if not isinstance(t, mi.NoneType))
        if isinstance(info, mi.StructType) and isinstance(step, str):
            info = next((f.type for f in info.fields if f.encode_name == step), None)
        elif isinstance(info, (mi.VarTupleType, mi.ListType)) and isinstance(step, int):
            info = info.item_type
        else:
            return []
    while isinstance(info, (mi.VarTupleType, mi.ListType, mi.UnionType)):  # a list's items; "X | None": the X
        info = info.item_type if not isinstance(info, mi.UnionType) else next(t for t in info.types if not isinstance(t, mi.NoneType))
    return [str(v) for v in info.values] if isinstance(info, mi.LiteralType) else []


def describe(exc: msgspec.ValidationError, root: type) -> tuple[tuple[str | int, ...], Msg | str]:
    """(path inside the checked value, message) for one msgspec validation error."""
    parts = _AT.match(str(exc))
    msg, path = (parts["msg"], parts["path"]) if parts else (str(exc), None)  # the pattern matches any text
    loc: tuple[str | int, ...] = tuple(int(index) if index else name for name, index in _STEP.findall(path or ""))
    if m := re.match(r"^Object missing required field `(.+)`$", msg):
        return (*loc, m[1]), Msg("missing")
    if m := re.match(r"^Object contains unknown field `(.+)`$", msg):
        return (*loc, m[1]), Msg("unknown field (check its spelling)")
    if m := re.match(r"^Invalid enum value (.+)$", msg):
        allowed = _choices(root, loc)
        if allowed:
            return loc, Msg("{value} is not one of: {allowed}").format(value=m[1], allowed=", ".join(allowed))
        return loc, Msg("{value} is not allowed here").format(value=m[1])
    if m := _TYPE.match(msg):
        # An optional field expects "int | null": the null goes without saying.
        want = [_type_name(t) for t in m["want"].split(" | ") if t != "null"] or [_type_name("null")]
        return loc, Msg("expected {want}, got {got}").format(want=Msg.join(" / ", want), got=_type_name(m["got"]))
    if m := _LENGTH.match(msg):
        n = int(m["n"])
        if m["kind"] == "str":
            if m["op"] == ">=":
                return loc, Msg("must not be empty") if n == 1 else Msg("must be at least {n} characters long").format(n=n)
            return loc, Msg("is too long: at most {n} characters").format(n=n)
        if m["op"] == ">=":
            return loc, Msg.plural("needs at least {n} item", "needs at least {n} items", n).format(n=n)
        return loc, Msg.plural("takes at most {n} item", "takes at most {n} items", n).format(n=n)
    if m := _BOUND.match(msg):
        text = {
            ">=": Msg("must be at least {n}"),
            "<=": Msg("must be at most {n}"),
            ">": Msg("must be more than {n}"),
            "<": Msg("must be less than {n}"),
        }[m["op"]]
        return loc, text.format(n=m["n"])
    if m := _REGEX.match(msg):
        return loc, _pattern_hint(m["pattern"].replace("\\\\", "\\"))  # msgspec doubles backslashes
    if msg.startswith("Invalid decimal"):
        return loc, Msg('must be an amount such as "4.50"')
    if m := _OWN.match(msg):
        return (*loc, m["field"]), _own(m["msg"])
    return loc, msg
