"""Shell completion (`wowcoach --install-completion`): the ids a command takes, from the
shipped knowledge base (and WOWCOACH_CASES / WOWCOACH_VALUES), offered as the user types."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def _library():
    from wowcoach.app.sources import Sources

    return Sources().library


def _starting(ids: Iterable[str], incomplete: str) -> list[str]:
    return [i for i in ids if i.startswith(incomplete)]


def _safely(ids: Callable[[], Iterable[str]]) -> Callable[[str], list[str]]:
    """A completion never fails the shell: a broken data file simply offers nothing."""

    def complete(incomplete: str) -> list[str]:
        try:
            return _starting(ids(), incomplete)
        except Exception:
            return []

    return complete


complete_case = _safely(lambda: [c.id for c in _library().cases])
complete_value = _safely(lambda: [v.id for v in _library().values])
complete_gesture = _safely(lambda: [g.id for g in _library().gestures])
complete_sector = _safely(lambda: list(_library().sectors))
complete_situation = _safely(lambda: list(_library().situations))
