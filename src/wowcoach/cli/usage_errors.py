"""Typer's usage errors in the run's language.

Typer (its own copy of Click) writes them in English and offers no way to translate them. Each
is said again here from what the exception holds: the option or argument it is about, what was
typed, and for a value its type refused, Click's sentence read back by its fixed wording. A
sentence not recognised here stays as Typer wrote it. Typer's frame around it ("Usage", "Try …
for help", "Error") stays English (docs/cli.md).
"""

from __future__ import annotations

import re
from typing import Any

from wowcoach.i18n import Msg, Translator

# Click's sentences about a value its type refused, and ours in their place.
_VALUE = (
    (re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.", re.S), Msg("'{value}' is not one of {choices}.")),
    (re.compile(r"'(?P<value>.*)' is not a valid int(?:eger)?(?: range)?\.", re.S), Msg("'{value}' is not a whole number.")),
    (re.compile(r"'(?P<value>.*)' is not a valid float(?: range)?\.", re.S), Msg("'{value}' is not a number.")),
    (re.compile(r"(?P<value>.*) is not in the range (?P<range>.*)\.", re.S), Msg("{value} is not in the range {range}.")),
)
_OTHER = (
    (
        re.compile(r"No such command '(?P<name>.*)'\. Did you mean '(?P<command>.*)'\?", re.S),
        Msg("No such command '{name}'. Did you mean '{command}'?"),
    ),
    (re.compile(r"No such command '(?P<name>.*)'\.", re.S), Msg("No such command '{name}'.")),
    (re.compile(r"Option '(?P<option>.*)' requires an argument\.", re.S), Msg("Option '{option}' needs a value after it.")),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<arguments>.*)\)", re.S), Msg("Unexpected extra words: {arguments}.")),
)


def say_again(exc: Any, t: Translator) -> str | None:
    """The sentence of a usage error in t's language, or None to leave it as Typer wrote it."""
    found = _said(exc)
    return None if found is None else t(found)


def _said(exc: Any) -> Msg | None:
    param = getattr(exc, "param", None)
    hint = (
        param.get_error_hint(exc.ctx)
        if param is not None and getattr(exc, "param_hint", None) is None
        else getattr(exc, "param_hint", None)
    )
    if hasattr(exc, "possibilities") and hasattr(exc, "option_name"):  # an option no command has
        options = ", ".join(sorted(exc.possibilities or ()))
        if options:
            return Msg("No such option: {option}. Did you mean: {options}?").format(option=exc.option_name, options=options)
        return Msg("No such option: {option}.").format(option=exc.option_name)
    if hasattr(exc, "param_type") and isinstance(hint, str) and not exc.message:  # a required one left out
        if (exc.param_type or getattr(param, "param_type_name", "")) == "argument":
            return Msg("Missing argument {name}.").format(name=hint)
        return Msg("Missing option {name}.").format(name=hint)
    message = str(getattr(exc, "message", ""))
    if param is not None and isinstance(hint, str):  # a value its type refused
        for pattern, said in _VALUE:
            match = pattern.fullmatch(message)
            if match:
                return Msg("Invalid value for {name}: {reason}").format(name=hint, reason=said.format(**match.groupdict()))
        return None
    for pattern, said in _OTHER:
        match = pattern.fullmatch(message)
        if match:
            return said.format(**match.groupdict())
    return None
