"""One result object, shown in the format asked for: the terminal, JSON (the object's
`to_json()`), Markdown or CSV; each format of `wowcoach.formats` has its renderer here, which
picks the view of the result's type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Union

from wowcoach.cli.environment import Environment
from wowcoach.i18n import Msg, translator

if TYPE_CHECKING:
    from pathlib import Path

    from wowcoach.results.cases import CaseList, CaseView, ChecklistResult, TagList, ValueList, ValueView
    from wowcoach.results.export import Document, ExportRun
    from wowcoach.results.ledger import EntryList, MonthList, ReviewReport, ShopsReport
    from wowcoach.results.notice import Notice
    from wowcoach.results.plan import PlanReport
    from wowcoach.results.suggest import SuggestReport

    Result = Union[  # noqa: UP007 - names only imported for type checking
        CaseList,
        TagList,
        CaseView,
        ValueList,
        ValueView,
        ChecklistResult,
        SuggestReport,
        PlanReport,
        EntryList,
        MonthList,
        ReviewReport,
        ShopsReport,
        Notice,
    ]


def output(env: Environment, result: Result, fmt: str = "table", committed: bool = False) -> None:
    """`committed`: the command's write is done, so output that can't be written is no failure:
    a reader that left early (`log add ... | true`) or a full disk (`> /dev/full`) gives exit 0,
    with a note on stderr that says what was saved (the entry's number), or a retry would log
    the gesture twice. Without a commit, a full disk is exit 1 with its message."""
    fmt = fmt.lower()
    try:
        _render(env, result, fmt)
        env.stdout.flush()
    except BrokenPipeError:
        if not committed:
            raise
        env.discard_stdout()
    except OSError as exc:
        env.discard_stdout()  # what could not be written is dropped, so the flush at exit can't fail again
        if not committed:
            raise _unwritable(exc) from None
        from wowcoach.results.notice import Notice

        done = result.lines[0] if isinstance(result, Notice) and result.lines else env.t("The change was saved.")
        env.note(
            env.t("The output could not be written ({reason}), but this was saved, so don't run the command again: {done}").format(
                reason=exc.strerror or exc, done=done
            )
        )


def _unwritable(exc: OSError) -> Exception:
    from wowcoach.errors import UserError

    return UserError(
        Msg("The output could not be written ({reason}): free some space, or send the output elsewhere, and try again.").format(
            reason=exc.strerror or exc
        )
    )


def _render(env: Environment, result: Result, fmt: str) -> None:
    RENDERERS[fmt](env, result)


def _table(env: Environment, result: Result) -> None:
    from wowcoach.render import terminal

    terminal.render(env.console, result, env.t, env.verbose)


def _json(env: Environment, result: Result) -> None:
    from wowcoach.render.json import write_json

    write_json(env.stdout, result.to_json())


def _markdown(env: Environment, result: Result) -> None:
    from wowcoach.render import markdown

    env.stdout.write(markdown.RENDERERS[type(result)](result, env.t) + "\n")


def _csv(env: Environment, result: Result) -> None:
    from wowcoach.render import csv
    from wowcoach.results.ledger import EntryList

    if not isinstance(result, EntryList):  # formats.LEDGER is offered by `log list` only
        raise TypeError(f"{type(result).__name__} has no CSV form")
    csv.entries(env.stdout, result, env.t, bom=not env.stdout_is_terminal)


# The renderer of each output format (wowcoach.formats); a command offers the ones its result has.
RENDERERS: dict[str, Callable[[Environment, Result], None]] = {"table": _table, "json": _json, "markdown": _markdown, "csv": _csv}


def write_export(env: Environment, run: ExportRun) -> None:
    """Each client's document, already built, in the client's language: to stdout, or one file
    each; the note on each file is in its client's language too."""
    from wowcoach.errors import UserError
    from wowcoach.safeio import write_atomic

    if run.fmt == "pdf" and run.jobs[0].target is None and env.stdout_is_terminal:
        # A PDF's bytes on a terminal are noise at best, control sequences at worst.
        raise UserError(Msg("A PDF can't be shown in the terminal: write it to a file with -o FILE.pdf, or redirect the output."))
    render = _export_renderer(run.fmt)
    if run.jobs[0].target is None:
        text = render(run.jobs[0].doc)
        try:
            if isinstance(text, bytes):
                env.stdout.flush()
                env.stdout.buffer.write(text)
            else:
                env.stdout.write(text)
            env.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            env.discard_stdout()
            raise _unwritable(exc) from None
        return
    from rich.progress import Progress

    with Progress(console=env.err_console, transient=True, disable=len(run.jobs) < 2) as progress:
        task = progress.add_task(env.t("Writing"), total=len(run.jobs))
        for job in run.jobs:
            assert job.target is not None  # every job has its file when the first has one (prepare_export)
            write_atomic(job.target, render(job.doc), force=run.force)
            progress.advance(task)
    for job in run.jobs:
        t = translator(job.doc.lang)
        env.note(t("Wrote {path}.").format(path=job.target))


def document_target(out: str | None, force: bool, reads: Sequence[Path | None] = ()) -> Path | None:
    """The file -o names for a document (a review, a chain report), checked before the document
    is made; None for stdout. Never a file the command reads (`reads`)."""
    from pathlib import Path

    from wowcoach.errors import UsageError
    from wowcoach.safeio import check_target

    if out is not None and not out.strip():
        raise UsageError(Msg("-o is empty: give a file name, or - for stdout."))
    target = None if out is None or out == "-" else Path(out)
    if target is not None:
        check_target(target, force, reads)
    return target


def write_document(env: Environment, doc: Document, fmt: str, target: Path | None, force: bool) -> None:
    """One document to the file `document_target` checked, or to stdout."""
    from wowcoach.results.export import ExportJob, ExportRun

    write_export(env, ExportRun([ExportJob(doc, target)], force, fmt))


def _export_renderer(fmt: str) -> Callable[[Document], str | bytes]:
    """The renderer of one document format; WeasyPrint is loaded (or said to be missing) before
    any document is rendered."""
    if fmt == "html":
        from wowcoach.render.html import document as html_document

        return html_document
    if fmt == "pdf":
        from wowcoach.render import pdf

        pdf.load()
        return pdf.to_pdf
    if fmt == "json":
        import io

        from wowcoach.render.json import write_json

        def as_json(doc: Document) -> str:
            buffer = io.StringIO()
            write_json(buffer, doc.to_json())
            return buffer.getvalue()

        return as_json
    from wowcoach.render.markdown import document

    return document
