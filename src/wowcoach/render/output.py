"""One result object, shown in the format asked for: JSON (the object's `to_json()`),
Markdown, CSV or the terminal. The renderer is chosen by the result's type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

from wowcoach.i18n import _
from wowcoach.render.environment import Environment

if TYPE_CHECKING:
    from wowcoach.report.export_types import ExportRun
    from wowcoach.report.ledger_types import EntryList, MonthList, ReviewReport, ShopsReport
    from wowcoach.report.plan_types import PlanReport
    from wowcoach.report.types import CaseList, CaseView, ChecklistResult, Notice, SuggestReport, ValueList, ValueView

    Result = Union[  # noqa: UP007 - names only imported for type checking
        CaseList,
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
    """`committed`: the command's write is done, so a reader that left early (`log add ... | true`)
    is no failure: exit 0, or a retry would log the gesture twice."""
    if not committed:
        _render(env, result, fmt)
        return
    try:
        _render(env, result, fmt)
        env.stdout.flush()
    except BrokenPipeError:
        env.discard_stdout()


def _render(env: Environment, result: Result, fmt: str) -> None:
    if fmt == "json":
        from wowcoach.render.json import write_json

        write_json(env.stdout, result.to_json())  # type: ignore[union-attr]
    elif fmt == "markdown":
        from wowcoach.render import markdown

        env.stdout.write(markdown.RENDERERS[type(result)](result) + "\n")
    elif fmt == "csv":
        from wowcoach.render import csv

        csv.entries(env.stdout, result)  # type: ignore[arg-type]
    else:
        from wowcoach.render import terminal

        terminal.render(env.console, result, env.verbose)


def write_export(env: Environment, run: ExportRun) -> None:
    """Each client's document in the client's language: to stdout, or one file each."""
    from wowcoach.errors import UserError
    from wowcoach.safeio import write_atomic

    if run.fmt == "pdf" and run.jobs[0].target is None and env.stdout_is_terminal:
        # A PDF's bytes on a terminal are noise at best, control sequences at worst.
        raise UserError(_("A PDF can't be shown in the terminal: write it to a file with -o FILE.pdf, or redirect the output."))
    render = _export_renderer(run.fmt)

    def build(job) -> str | bytes:
        env.use_language(job.lang)
        return render(job.build())

    if run.jobs[0].target is None:
        text = build(run.jobs[0])
        if isinstance(text, bytes):
            env.stdout.flush()
            env.stdout.buffer.write(text)  # type: ignore[attr-defined]
        else:
            env.stdout.write(text)
        return
    from rich.progress import Progress

    with Progress(console=env.err_console, transient=True, disable=len(run.jobs) < 2) as progress:
        task = progress.add_task(_("Writing"), total=len(run.jobs))
        for job in run.jobs:
            write_atomic(job.target, build(job), force=run.force)
            progress.advance(task)
    for job in run.jobs:
        env.note(_("Wrote {path}.").format(path=job.target))


def _export_renderer(fmt: str):
    """The renderer of one export format; WeasyPrint is loaded (or said to be missing) before
    any document is built."""
    if fmt == "html":
        from wowcoach.render.html import document as html_document

        return html_document
    if fmt == "pdf":
        from wowcoach.render import pdf
        from wowcoach.render.html import document as html_document

        pdf.load()
        return lambda doc: pdf.to_pdf(html_document(doc))
    if fmt == "json":
        import io

        from wowcoach.render.json import write_json

        def as_json(doc) -> str:
            buffer = io.StringIO()
            write_json(buffer, doc.to_json())
            return buffer.getvalue()

        return as_json
    from wowcoach.render.markdown import document

    return document
