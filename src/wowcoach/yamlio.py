"""Reading YAML that a user may have written: safe loader only, and a clear error for every way
a file can be broken (missing, a folder, not UTF-8, not YAML, too big, alias bombs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wowcoach.errors import Problem, DataError, UserError
from wowcoach.i18n import _


def _yaml():
    """PyYAML and its safe loader, imported when a YAML file is read: a JSON library with the
    compiled shipped files (hatch_build.py) needs no YAML at all."""
    import yaml

    try:  # The C loader is several times faster; fall back where libyaml is missing.
        from yaml import CSafeLoader as SafeLoader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader  # type: ignore[assignment]
    return yaml, SafeLoader

MAX_BYTES = 64 * 1024 * 1024  # above a 10,000-story library (about 25 MB); refuses runaway files quickly


def read_bytes(path: Path) -> bytes:
    """Read a user's file, turning every OS failure into a message."""
    try:
        if path.is_dir():
            raise UserError(_("{path} is a folder, not a file: give the path of a YAML file.").format(path=path))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(
                _("{path} is too large ({mb} MB); data files are limited to {limit} MB.").format(
                    path=path, mb=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("{path} does not exist: check the path.").format(path=path)) from None
    except PermissionError:
        raise UserError(_("{path} cannot be read: check its permissions.").format(path=path)) from None
    except OSError as exc:
        raise UserError(_("{path} cannot be read: {reason}.").format(path=path, reason=exc.strerror)) from None
    if b"\x00" in raw:
        raise UserError(_("{path} is a binary file, not YAML.").format(path=path))
    return raw


def read_text(path: Path) -> str:
    """Read a user's file as UTF-8, turning every OS failure into a message."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            _("{path} is not UTF-8 (byte {pos}): save it as UTF-8 and try again.").format(
                path=path, pos=exc.start
            )
        ) from None


def parse_yaml(text: str, name: str) -> Any:
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
            raise DataError([Problem(name, _("not valid JSON: {reason}").format(reason=exc.msg), line=exc.lineno)]) from None
        except RecursionError:
            raise DataError([Problem(name, _("nested too deeply to be a wowcoach file."))]) from None
    yaml, SafeLoader = _yaml()
    try:
        if "*" in text:  # cheap test first: no '*' means no alias
            for event in yaml.parse(text, Loader=SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise DataError([Problem(name, _("YAML aliases (*name) are not allowed; write the value out."), line=line)])
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader (C or Python)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        raise DataError([Problem(name, _("not valid YAML: {reason}").format(reason=reason), line=line)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, _("not valid YAML: {reason}").format(reason=str(exc).splitlines()[0]))]) from None
    except RecursionError:
        raise DataError([Problem(name, _("nested too deeply to be a wowcoach file."))]) from None


def load_yaml(path: Path) -> Any:
    return parse_yaml(read_text(path), str(path))


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
