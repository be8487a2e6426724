"""JSON output: the result object's own `to_json()` shape, indented."""

from __future__ import annotations

import json
from typing import IO, Any

from wowcoach.textclean import json_safe


def write_json(stream: IO[str], data: Any) -> None:
    # Escape non-ASCII where the output can't carry it, rather than lose characters.
    utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
    # Controls and bidi overrides in stored text become \\u escapes: the same data, inert on a terminal.
    stream.write(json_safe(json.dumps(data, ensure_ascii=not utf8, indent=2)) + "\n")
