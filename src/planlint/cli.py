"""Command line: ``planlint check PATH...``. Thin: options in, engine, report out."""

from __future__ import annotations

import contextlib
import sys
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Optional

import click
import typer

from planlint import __version__
from planlint.helptext import command_language
from planlint.messages import error_text, os_reason, word
from planlint.output import write_document, write_error
from planlint.report import FORMATS
from planlint.workers import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, WorkerLimits

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from planlint.config import Config
    from planlint.engine import Failure
    from planlint.policy import Applied, Settler
    from planlint.progress import Progress
    from planlint.report.deliver import ReportStream
    from planlint.report.github import StepSummary

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint government-openness division plans against the requirements they must carry out.",
)


# "auto" (check's default): the rich terminal report on a terminal, plain text anywhere else
Format = Enum("Format", {name: name for name in ("auto", *FORMATS)}, type=str)  # type: ignore[misc]


def _resolved_format(fmt: Format, output: str | None) -> Format:
    """``--format auto`` as what it means here: ``terminal`` when the report goes to a
    terminal, ``text`` when it goes to a file or a pipe, where nothing should be cut."""
    if fmt is not Format.auto:
        return fmt
    try:
        on_terminal = output is None and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: not a terminal
        on_terminal = False
    return Format.terminal if on_terminal else Format.text


# Each file is read in a worker process under these (workers.py).
_JOBS = typer.Option("--jobs", "-j", min=0, help="Files read at once (0: one per CPU).")
_TIMEOUT = typer.Option(
    "--timeout", min=1.0, help="Seconds one file may take before it is given up."
)
_MEMORY = typer.Option("--memory", min=64, help="Memory (MB) one file's reader may use.")


def _limit_specs(specs: list[str] | None) -> list[str]:
    """Check each ``--limit NAME=VALUE`` as it is parsed, so a bad one is a usage error (2)."""
    from planlint.readers.limits import parse_limit

    for spec in specs or []:
        try:
            parse_limit(spec)
        except ValueError as exc:
            raise typer.BadParameter(exc.args[0]) from None  # a Phrase: guard.py says it
    return specs or []


# One reading budget raised (or lowered); the names and defaults: README, "Limits".
_LIMIT = typer.Option(
    "--limit",
    metavar="NAME=VALUE",
    callback=_limit_specs,
    help="Change one reading limit (README, 'Limits'), e.g. max_cells=500000; repeatable.",
)


def _reading_limits(max_size: int, specs: list[str] | None):
    """The reader's Limits for this run: ``--max-size`` in MB, then each ``--limit`` over it."""
    from planlint.readers.limits import Limits, with_limits

    return with_limits(Limits(max_bytes=max_size * 1024 * 1024), specs or [])


# Any format to a file, written atomically (report/deliver.py); xlsx needs it on a terminal.
_OUTPUT = typer.Option(
    "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically), not stdout."
)


@contextlib.contextmanager
def _reporting(
    fmt: str, lang: str, output: str | None, explain: bool, on_done: Progress | None
) -> Iterator[ReportStream]:
    """The report written as outcomes are added (report/deliver.py), to stdout or
    ``--output``, with the progress bar put away while it prints; a file that cannot be
    written is exit 2."""
    from planlint.messages import doc_text
    from planlint.progress import hidden
    from planlint.report.deliver import ReportNotWritten, report_stream

    try:
        with report_stream(fmt, lang, output, explain, partial(hidden, on_done)) as report:
            yield report
    except ReportNotWritten as failed:
        exc = failed.__cause__
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        _error(doc_text("cannot-write", lang, path=output, reason=reason), lang)
        raise typer.Exit(2) from None


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


# The project's settings (config.py, policy.py, README "Configuration"); flags override the file.
_FILE = {"metavar": "FILE"}
_CONFIG = typer.Option("--config", **_FILE, help="Read settings from FILE, not the one found.")
_ISOLATED = typer.Option("--isolated", help="Use no configuration file.")
_SELECT = typer.Option("--select", help="Only these rules (ids or pack/id; commas or repeated).")
_IGNORE = typer.Option("--ignore", help="Not these rules (ids or pack/id; commas or repeated).")
_FAIL_ON = typer.Option("--fail-on", help="Exit 1 on a finding at or above this level.")
_EXIT_ZERO = typer.Option("--exit-zero", help="Exit 0 even with findings (2 still for errors).")
_EXCLUDE = typer.Option("--exclude", help="Globs the folder search skips (commas or repeated).")
_WAIVERS = typer.Option("--waivers", **_FILE, help="Accept the findings FILE waives.")
_BASELINE = typer.Option("--baseline", **_FILE, help="Report only findings not in FILE.")
_WRITE_BASELINE = typer.Option("--write-baseline", **_FILE, help="Record the findings in FILE.")


# Trace mode (trace/, README "Trace mode"): the tasks of the document above as the requirements.
_AGAINST = typer.Option(
    "--against",
    metavar="HIGHER",
    help="Check against the tasks of this higher document (key points); --pack adds packs.",
)


def _traced_packs(higher: str, explicit: bool, settings: Config, max_size: int) -> tuple:
    """The higher document drafted into a pack (trace/), first, then the packs ``--pack``
    named (``explicit``), and no year pack; the settings' rule selection and severities apply
    to them all, so ``--select t-1-2-3`` names a task of the higher document."""
    from planlint.policy import configured_packs
    from planlint.rules import load_pack
    from planlint.rules.years import year_packs
    from planlint.trace import higher_pack

    named = [load_pack(spec) for spec in settings.packs] if explicit else []
    drafted = higher_pack(higher, max_size * 1024 * 1024)
    return configured_packs([drafted, *named], settings), year_packs("none", named)


# The year pack (rules/years.py, README "Year packs"): auto picks the plan's year's pack.
_YEAR = typer.Option(
    "--year",
    metavar="auto|none|YEAR",
    help="Year pack: auto (by the plan's year), none, or a year such as 2021.",
)


# Standard input as a plan (stdin.py): ``planlint check -``; the name gives reports a file name
# and the reader the format the suffix claims (README "Use in CI").
_STDIN_FILENAME = typer.Option(
    "--stdin-filename", metavar="NAME", help="The name of the plan read from - (standard input)."
)


def _expand(
    paths: list[str],
    max_bytes: int,
    stdin_name: str | None,
    settings: Config | None = None,
    lang: str = "zh",
) -> tuple[list, list[Failure]]:
    """The files to read: folders searched, ``-`` read from standard input in its place.
    ``--stdin-filename`` without ``-`` is a usage error: the name would silently go unused."""
    from planlint.stdin import STDIN, expand_with_stdin

    if stdin_name is not None and STDIN not in paths:
        _error(error_text("stdin-name-alone", lang), lang)
        raise typer.Exit(2)
    return expand_with_stdin(paths, max_bytes, stdin_name, settings.search if settings else None)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at runtime on 3.10
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an internal error, show its traceback too."),
    ] = False,
    lang: Annotated[
        Optional[Lang],  # noqa: UP045
        typer.Option("--lang", help="Language of help and messages (else by the locale)."),
    ] = None,
) -> None:
    """planlint: 政务公开工作要点分工方案合规检查.

    ``--debug`` is declared here so that it parses; ``planlint.guard`` reads it, since it acts
    where the command has already failed.
    """


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files or folders (searched recursively); - for stdin.")
    ],
    pack: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--pack", "-p", help="Rule pack name or YAML path; repeatable. Default: core."
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="Output format (auto: terminal on a tty, else text)."),
    ] = Format.auto,
    lang: Annotated[
        Optional[Lang],  # noqa: UP045
        typer.Option(
            "--lang", help="Report language (else by the locale: Chinese unless English)."
        ),
    ] = None,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Largest plan file accepted, in MB.")
    ] = 50,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every matching item, its score and terms.")
    ] = False,
    jobs: Annotated[int, _JOBS] = 0,
    timeout: Annotated[float, _TIMEOUT] = DEFAULT_SECONDS,
    memory: Annotated[int, _MEMORY] = DEFAULT_MEMORY_MB,
    limit: Annotated[Optional[list[str]], _LIMIT] = None,  # noqa: UP045
    output: Annotated[Optional[str], _OUTPUT] = None,  # noqa: UP045
    config: Annotated[Optional[str], _CONFIG] = None,  # noqa: UP045
    isolated: Annotated[bool, _ISOLATED] = False,
    select: Annotated[Optional[list[str]], _SELECT] = None,  # noqa: UP045
    ignore: Annotated[Optional[list[str]], _IGNORE] = None,  # noqa: UP045
    fail_on: Annotated[Optional[Level], _FAIL_ON] = None,  # noqa: UP045
    exit_zero: Annotated[bool, _EXIT_ZERO] = False,
    exclude: Annotated[Optional[list[str]], _EXCLUDE] = None,  # noqa: UP045
    waivers: Annotated[Optional[str], _WAIVERS] = None,  # noqa: UP045
    baseline: Annotated[Optional[str], _BASELINE] = None,  # noqa: UP045
    write_baseline: Annotated[Optional[str], _WRITE_BASELINE] = None,  # noqa: UP045
    stdin_filename: Annotated[Optional[str], _STDIN_FILENAME] = None,  # noqa: UP045
    against: Annotated[Optional[str], _AGAINST] = None,  # noqa: UP045
    year: Annotated[str, _YEAR] = "auto",
) -> None:
    """Check plans: each requirement covered, unassigned or missing.

    Exit codes: 0 no finding at or above --fail-on (error), 1 such findings, 2 usage or input
    error.
    """
    from datetime import date
    from itertools import chain

    from planlint.baseline import load_baseline
    from planlint.config import resolve_config
    from planlint.engine import Failure, iter_check_files
    from planlint.errors import PlanlintError
    from planlint.policy import Settler, load_packs_for_years
    from planlint.progress import batch_progress
    from planlint.report.deliver import binary_refusal
    from planlint.report.github import StepSummary

    lang = Lang(command_language(lang and lang.value))
    fmt = _resolved_format(fmt, output)
    refusal = binary_refusal(fmt.value, output, lang.value)
    if refusal:
        _error(refusal, lang.value)
        raise typer.Exit(2)
    try:
        settings = resolve_config(config, isolated).with_flags(
            packs=pack,
            select=select,
            ignore=ignore,
            fail_on=fail_on.value if fail_on else None,
            exit_zero=exit_zero,
            exclude=exclude,
            waivers=waivers,
        )
        if against is None:
            packs, years = load_packs_for_years(settings, year)
        else:  # trace mode checks against the higher document: no year pack is added there
            packs, years = _traced_packs(against, bool(pack), settings, max_size)
        known = load_baseline(baseline) if baseline else None
    except PlanlintError as exc:
        _error(exc.render(lang.value), lang.value)
        raise typer.Exit(2) from None
    reading = _reading_limits(max_size, limit)
    files, failures = _notices_said(
        *_expand(paths, reading.max_bytes, stdin_filename, settings, lang.value), lang.value
    )
    if against is not None:
        from planlint.trace import without_higher

        files = without_higher(files, against)
    limits = WorkerLimits(timeout, memory, jobs)
    # A batch streams (README "A batch"): each outcome is settled (policy.py) and reported as
    # it arrives, in the files' order, and let go; only compact rows stay for the summary.
    settle = Settler(settings, date.today(), known, write_baseline)
    step = StepSummary.wanted(lang.value) if fmt.value == "github" else None
    failed: list[Failure] = []
    with (
        batch_progress(files, lang.value) as on_done,
        _reporting(fmt.value, lang.value, output, explain, on_done) as report,
    ):
        checked = iter_check_files(
            files,
            packs,
            reading.max_bytes,
            limits,
            reading,
            settings.placeholders,
            on_done,
            years=years,
        )
        for outcome in chain(failures, checked):
            settled = settle(
                outcome.in_lang(lang.value) if isinstance(outcome, Failure) else outcome
            )
            report.add(settled)
            if step is not None:
                step.add(settled)
            if isinstance(settled, Failure):
                failed.append(settled)
        applied = _settled(settle, lang.value)
    # said after the report, so a log holding both streams has them on lines of their own
    for message in applied.warnings:
        _warning(message.render(lang.value), lang.value)
    for message in applied.notes:
        write_error(message.render(lang.value), level=word("note", lang.value))
    for failure in failed:
        _error(failure.message, lang.value)
    if step is not None:
        _step_summary(step, lang.value)
    if not settle.seen:
        _error(error_text("no-plans", lang.value), lang.value)
    raise typer.Exit(settle.exit_code())


@app.command("parse")
def parse_command(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files or folders (searched recursively); - for stdin.")
    ],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="terminal or json.")
    ] = Format.terminal,
    lang: Annotated[
        Optional[Lang],  # noqa: UP045
        typer.Option(
            "--lang", help="Report language (else by the locale: Chinese unless English)."
        ),
    ] = None,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Largest plan file accepted, in MB.")
    ] = 50,
    jobs: Annotated[int, _JOBS] = 0,
    timeout: Annotated[float, _TIMEOUT] = DEFAULT_SECONDS,
    memory: Annotated[int, _MEMORY] = DEFAULT_MEMORY_MB,
    limit: Annotated[Optional[list[str]], _LIMIT] = None,  # noqa: UP045
    stdin_filename: Annotated[Optional[str], _STDIN_FILENAME] = None,  # noqa: UP045
) -> None:
    """Show what planlint read: the items (id, section, text, units, deadline, location) and the
    text it could not place. Exit 2 if a file cannot be read."""
    from planlint.engine import Failure, parse_files

    lang = Lang(command_language(lang and lang.value))
    reading = _reading_limits(max_size, limit)
    expanded = _expand(paths, reading.max_bytes, stdin_filename, lang=lang.value)
    files, failures = _notices_said(*expanded, lang.value)
    workers = WorkerLimits(timeout, memory, jobs)
    outcomes = parse_files(files, reading.max_bytes, workers, reading)
    failures += [o.in_lang(lang.value) for o in outcomes if isinstance(o, Failure)]
    plans = [o for o in outcomes if not isinstance(o, Failure)]
    for failure in failures:
        _error(failure.message, lang.value)
    if fmt is Format.json:
        from planlint.report.items import render_items_json

        errors = [{"path": f.path, "message": f.message} for f in failures]
        write_document(render_items_json(plans, errors), json_syntax=True)
    elif fmt is Format.terminal:
        from planlint.report.console import make_console
        from planlint.report.items import render_items_terminal

        render_items_terminal(plans, make_console(), lang.value)
    else:
        _error(error_text("parse-format", lang.value, format=fmt.value), lang.value)
        raise typer.Exit(2)
    if failures or not (plans or failures):
        if not plans and not failures:
            _error(error_text("no-plans", lang.value), lang.value)
        raise typer.Exit(2)


def _register_subcommands() -> None:
    """``planlint rules …`` (cli_rules.py): pack tooling in its own module."""
    from planlint.cli_rules import app as rules_app

    app.add_typer(rules_app, name="rules")


_register_subcommands()


def _step_summary(step: StepSummary, lang: str = "zh") -> None:
    """In GitHub Actions, the Markdown report appended to ``$GITHUB_STEP_SUMMARY`` (set by the
    runner); a summary that cannot be written is a warning: the annotations are out already."""
    try:
        step.finish()
    except OSError as exc:
        _warning(error_text("step-summary", lang, reason=os_reason(exc)), lang)


def _settled(settle: Settler, lang: str = "zh") -> Applied:
    """The end of the project's settings (policy.py): the baseline written, the warnings
    (waivers that rot) and notes (what waivers and the baseline left out) to say; a baseline
    not written is exit 2 (and an ``--output`` file is then left as it was)."""
    from planlint.errors import PlanlintError

    try:
        return settle.finish()
    except PlanlintError as exc:
        _error(exc.render(lang), lang)
        raise typer.Exit(2) from None


def _notices_said(
    files: list[Path], failures: list[Failure], lang: str = "zh"
) -> tuple[list[Path], list[Failure]]:
    """Say the folder search's warnings (entries skipped with nothing lost) on standard error
    and keep only the errors, which go into the report and make the exit code 2; all of them
    in ``lang``."""
    failures = [f.in_lang(lang) for f in failures]
    for failure in failures:
        if failure.severity != "error":
            _warning(failure.message, lang)
    return files, [f for f in failures if f.severity == "error"]


def _warning(message: str, lang: str = "zh") -> None:
    """One ``planlint: 警告: …`` (warning) line on standard error, escaped like an error line."""
    write_error(message, level=word("warning", lang))


def _error(message: str, lang: str = "zh") -> None:
    """One ``planlint: 错误: …`` (error) line on standard error: escaped and cut so a file
    name cannot forge more. ``message`` is already in ``lang``; the level word is put in it."""
    write_error(message, level=word("error", lang))


def main() -> None:
    """The console script: the app run under the guard (exit codes, encodings, broken pipes)."""
    from planlint.guard import run

    sys.exit(run(command_tree()))


def command_tree() -> click.Command:
    """The click command tree of ``app`` for one run, each command with ``-V``/``--version``
    (guard.py then gives it its help in the run's language)."""
    from planlint.helptext import with_version

    return with_version(typer.main.get_command(app), __version__)
