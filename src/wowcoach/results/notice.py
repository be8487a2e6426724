"""What a command did, in a sentence or a few."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(eq=False)
class Notice:
    """What a command did, in a sentence or a few (`log add`, `data check`): shown as plain lines."""

    lines: list[str]
    entry_id: int | None = None  # the ledger entry the command wrote, for a page that offers to undo it

    def to_json(self) -> dict[str, Any]:
        return {"lines": self.lines}
