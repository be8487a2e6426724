"""Rich's prompts, bounded: a few unusable answers in a row end the run with a message, so
`yes notanumber | wowcoach suggest --ask` stops instead of asking forever."""

from __future__ import annotations

from rich.prompt import InvalidResponse, Prompt
from rich.text import Text

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.textclean import clean

MAX_TRIES = 5


def too_many_tries() -> UserError:
    return UserError(
        Msg("{n} answers in a row could not be used: answer the question, or give the answer as a flag or in --profile.").format(
            n=MAX_TRIES
        )
    )


class BoundedPrompt(Prompt):
    _bad = 0

    def on_validate_error(self, value: str, error: InvalidResponse) -> None:
        self._bad += 1
        if self._bad >= MAX_TRIES:
            raise too_many_tries()
        super().on_validate_error(value, error)

    def render_default(self, default: object) -> Text:
        # The default may come from a profile file: shown cleaned, like any text from a file.
        return Text(f"({clean(str(default))})", "prompt.default")
