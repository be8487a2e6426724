"""The output formats, in one table: which formats each kind of result can be shown in, and the
file suffix of each format an exported document can be written in.

The command line makes every `--format` option's choices from these sets (`cli/options.py`),
so Typer checks the value, completes it and lists the choices in --help; `cli/output.py` holds
the renderer of each. A new format is a name here and its renderer there.
"""

from __future__ import annotations

# What each command prints, by the shape of its result; the first is the default.
LISTING = ("table", "json")  # lists, one value, the checklist, the ledger's months
DOCUMENT = ("table", "json", "markdown")  # the results with a Markdown form (render/blocks.py)
LEDGER = ("table", "json", "csv")  # the ledger's entries, for a spreadsheet too
PRINTED = ("html", "pdf")  # a document written to a file (or stdout) rather than shown
REVIEW = DOCUMENT + PRINTED  # the month's review, also as a document for the owner

# A client's document (`wowcoach export`): each format and the suffix of the file it writes.
EXPORT_SUFFIXES = {"markdown": ".md", "html": ".html", "pdf": ".pdf", "json": ".json"}
EXPORT = tuple(EXPORT_SUFFIXES)
