"""Reading YAML that a user may have written: safe loader only, and a clear error for every way
a file can be broken (missing, a folder, not UTF-8, not YAML, too big, alias bombs)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from wowcoach.errors import DataError, Problem, UserError
from wowcoach.i18n import Msg
from wowcoach.safeio import read_bounded


def _yaml():
    """PyYAML and its safe loader, imported when a YAML file is read: a JSON library with the
    compiled shipped files (hatch_build.py) needs no YAML at all."""
    import yaml

    try:  # The C loader is several times faster; fall back where libyaml is missing.
        from yaml import CSafeLoader as SafeLoader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader  # type: ignore[assignment]  # the pure-Python class stands in for the C one
    return yaml, SafeLoader


@functools.cache
def _strict_loaders() -> tuple[type, type]:
    """Loaders that refuse a key given twice (YAML would silently keep the last one); the second
    also leaves numbers as the text the user wrote, because YAML 1.1 reads `0050` as 40, `010`
    as 8, `1:30` as 90 and `0x10` as 16."""
    yaml, SafeLoader = _yaml()

    class NoDuplicates(SafeLoader):  # type: ignore[misc, valid-type]  # a base chosen at run time: the C loader or PyYAML's own
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: dict[object, int] = {}
                for key_node, _value in node.value:
                    key = self.construct_object(key_node, deep=True)
                    try:
                        first = seen.setdefault(key, key_node.start_mark.line + 1)
                    except TypeError:  # a key that is a list or a mapping: SafeLoader refuses it itself
                        continue
                    if first != key_node.start_mark.line + 1:
                        raise yaml.constructor.ConstructorError(
                            None,
                            None,
                            Msg("the key '{key}' is given twice (first on line {line}): keep one.").format(key=key, line=first),
                            key_node.start_mark,
                        )
            return super().construct_mapping(node, deep=deep)

    class NumbersAsText(NoDuplicates):
        pass

    number_tags = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    NumbersAsText.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in number_tags]
        for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
    }
    return NoDuplicates, NumbersAsText


# Twice a generated 10,000-story library with nine "applies when" sentences per language (67 MB);
# refuses runaway files quickly.
MAX_BYTES = 128 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """Read a user's file, turning every OS failure into a message: only a regular file (a FIFO
    would hang, a device such as /dev/zero never ends) of at most MAX_BYTES."""
    raw = read_bounded(
        path,
        MAX_BYTES,
        missing=Msg("{path} does not exist: check the path."),
        folder=Msg("{path} is a folder, not a file: give the path of a YAML file."),
        not_regular=Msg("{path} is not a regular file: give the path of a YAML file."),
        too_large=Msg("{path} is too large ({mb} MB); data files are limited to {limit} MB."),
    )
    if b"\x00" in raw:
        raise UserError(Msg("{path} is a binary file, not YAML.").format(path=path))
    return raw


def read_text(path: Path) -> str:
    """Read a user's file as UTF-8, turning every OS failure into a message."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(Msg("{path} is not UTF-8 (byte {pos}): save it as UTF-8 and try again.").format(path=path, pos=exc.start)) from None


def parse_yaml(text: str, name: str, numbers_as_text: bool = False) -> Any:
    """Parse YAML safely. Aliases are refused: our files never need them, and refusing them
    keeps a "billion laughs" file from costing time or memory downstream.

    A file named *.json is read with the JSON parser: JSON is YAML too, and reads some thirty
    times faster, which matters for a consultant's library of thousands of stories.
    """
    if name.lower().endswith(".json"):
        import json

        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError([Problem(name, Msg("not valid JSON: {reason}").format(reason=exc.msg), line=exc.lineno)]) from None
        except RecursionError:
            raise DataError([Problem(name, Msg("nested too deeply to be a wowcoach file."))]) from None
        except ValueError as exc:  # a number of more than 4,300 digits
            raise DataError([_unreadable_value(name, exc)]) from None
    yaml, SafeLoader = _yaml()
    loader = _strict_loaders()[numbers_as_text]
    try:
        if "*" in text:  # cheap test first: no '*' means no alias
            for event in yaml.parse(text, Loader=SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise DataError([Problem(name, Msg("YAML aliases (*name) are not allowed; write the value out."), line=line)])
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        # Ours (a key given twice) is a Msg already; PyYAML's own are English, so they are said again in ours.
        indent = _indent_of(text, line)
        reason = exc.problem if isinstance(exc.problem, Msg) else yaml_problem(indent, exc.problem or "", exc.context or "")
        raise DataError([Problem(name, Msg("not valid YAML: {reason}").format(reason=reason), line=line)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, Msg("not valid YAML: {reason}").format(reason=yaml_problem(str(exc))))]) from None
    except RecursionError:
        raise DataError([Problem(name, Msg("nested too deeply to be a wowcoach file."))]) from None
    except ValueError as exc:  # what YAML's own types can't hold: a date 2027-02-30, a number of 5,000 digits
        raise DataError([_unreadable_value(name, exc)]) from None


def _unreadable_value(name: str, exc: ValueError) -> Problem:
    if "integer string conversion" in str(exc):
        return Problem(name, Msg("a number has more than 4300 digits: shorten it, or write it in quotes if it is text."))
    return Problem(name, Msg("a value can't be read ({reason}): correct it, or write it in quotes if it is text.").format(reason=str(exc)))


# PyYAML's (and libyaml's) problems, in English only, by the words that tell them apart: each
# said in the reader's language with what to do about it.
YAML_PROBLEMS: tuple[tuple[tuple[str, ...], Msg], ...] = (
    (("tab", "\t"), Msg("a tab is used for indentation: indent with spaces.")),
    (("mapping values are not allowed",), Msg("a colon (:) where YAML expects none: put the text in quotes, or check the indentation.")),
    (("quoted scalar", "end of stream"), Msg("a quoted text is not closed: add the closing quote.")),
    (("cannot start any token",), Msg("a value starts with a character YAML reserves (such as @, ` or %): put the value in quotes.")),
    (("escape",), Msg("a backslash starts an unknown escape in a double-quoted text: write \\\\ or use single quotes.")),
    (("constructor", "tag"), Msg("a YAML tag (!something) that wowcoach does not read: remove it.")),
    (("single document", "document start"), Msg("more than one YAML document (---) in the file: keep one.")),
    (("unhashable",), Msg("a list or a mapping is used as a key: write the key as plain text.")),
    (
        ("sequence entries", "'-' indicator", "expected ','", "expected ']'", "expected '}'", "flow"),
        Msg("a list or a mapping is not closed or not indented as the lines around it: check the brackets and the indentation."),
    ),
    (
        ("expected ':'", "expected key", "block end", "node content", "simple key"),
        Msg("the indentation or a missing colon (:) breaks the structure: check this line and the one before."),
    ),
)


def _indent_of(text: str, line: int | None) -> str:
    """The white space a line starts with ("\t" names a tab the C parser's message does not)."""
    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return ""
    row = lines[line - 1]
    return row[: len(row) - len(row.lstrip())]


def yaml_problem(*english: str) -> Msg:
    """What PyYAML found wrong (its problem, then where it was), said in our words and so in the
    reader's language."""
    for text in english:
        for words, message in YAML_PROBLEMS:
            if any(word in text.lower() for word in words):
                return message
    return Msg("the text is not valid YAML here: check the indentation, the colons and the quotes.")


def load_yaml(path: Path, numbers_as_text: bool = False) -> Any:
    return parse_yaml(read_text(path), str(path), numbers_as_text)


def line_of(text: str | bytes, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line where the value at `loc` (a path of keys and indexes) starts.

    Composing the node tree is only done on the error path, so valid files pay nothing.
    """
    yaml, SafeLoader = _yaml()
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    best = node
    for key in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            found = next((v for k, v in node.value if k.value == key), None)
            if found is None:
                break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        best = node
    return best.start_mark.line + 1 if best is not None else None
