"""Command line: ``planlint check PATH...``. Thin: options declared here, resolved (the
language, ``--format auto``) into a request, one call to the run (planlint.run), and its exit
code out; a PlanlintError the run raises is one line and exit code 2 (:func:`exit_code_of`)."""

from __future__ import annotations

import sys
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Optional

import click
import typer

from planlint import __version__
from planlint.helptext import command_language
from planlint.report import FORMATS
from planlint.workers import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, WorkerLimits

if TYPE_CHECKING:
    from collections.abc import Callable

    from planlint.run import Say

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


# What check and parse both take: the plans, the report's language, the largest file.
_PATHS = typer.Argument(help="Plan files or folders (searched recursively); - for stdin.")
_REPORT_LANG = typer.Option(
    "--lang", help="Report language (else by the locale: Chinese unless English)."
)
_MAX_SIZE = typer.Option("--max-size", help="Largest plan file accepted, in MB.")

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


# Any format to a file, written atomically (report/deliver.py); xlsx needs it on a terminal.
_OUTPUT = typer.Option(
    "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically), not stdout."
)


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
    paths: Annotated[list[str], _PATHS],
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
    lang: Annotated[Optional[Lang], _REPORT_LANG] = None,  # noqa: UP045
    max_size: Annotated[int, _MAX_SIZE] = 50,
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
    from planlint.run import CheckRequest, run_check

    said_in = command_language(lang and lang.value)
    request = CheckRequest(
        paths=tuple(paths),
        fmt=_resolved_format(fmt, output).value,
        lang=said_in,
        packs=tuple(pack or ()),
        max_size=max_size,
        explain=explain,
        workers=WorkerLimits(timeout, memory, jobs),
        limits=tuple(limit or ()),
        output=output,
        config=config,
        isolated=isolated,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        fail_on=fail_on.value if fail_on else None,
        exit_zero=exit_zero,
        exclude=tuple(exclude or ()),
        waivers=waivers,
        baseline=baseline,
        write_baseline=write_baseline,
        stdin_filename=stdin_filename,
        against=against,
        year=year,
    )
    raise typer.Exit(exit_code_of(partial(run_check, request), said_in))


@app.command("parse")
def parse_command(
    paths: Annotated[list[str], _PATHS],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="terminal or json.")
    ] = Format.terminal,
    lang: Annotated[Optional[Lang], _REPORT_LANG] = None,  # noqa: UP045
    max_size: Annotated[int, _MAX_SIZE] = 50,
    jobs: Annotated[int, _JOBS] = 0,
    timeout: Annotated[float, _TIMEOUT] = DEFAULT_SECONDS,
    memory: Annotated[int, _MEMORY] = DEFAULT_MEMORY_MB,
    limit: Annotated[Optional[list[str]], _LIMIT] = None,  # noqa: UP045
    stdin_filename: Annotated[Optional[str], _STDIN_FILENAME] = None,  # noqa: UP045
) -> None:
    """Show what planlint read: the items (id, section, text, units, deadline, location) and the
    text it could not place. Exit 2 if a file cannot be read."""
    from planlint.run import ParseRequest, run_parse

    said_in = command_language(lang and lang.value)
    request = ParseRequest(
        paths=tuple(paths),
        fmt=fmt.value,
        lang=said_in,
        max_size=max_size,
        workers=WorkerLimits(timeout, memory, jobs),
        limits=tuple(limit or ()),
        stdin_filename=stdin_filename,
    )
    raise typer.Exit(exit_code_of(partial(run_parse, request), said_in))


def exit_code_of(run: Callable[[Say], int], lang: str, say: Say | None = None) -> int:
    """The exit code of ``run`` (a command's run, planlint.run), given ``say`` (standard error,
    its level words in ``lang``) to say its lines on; a PlanlintError it raises (a bad input
    the user can fix) is one ``planlint: 错误: …`` line in ``lang`` and exit code 2."""
    from planlint.errors import PlanlintError
    from planlint.run.say import EXIT_INPUT, stderr_say

    say = say or stderr_say(lang)
    try:
        return run(say)
    except PlanlintError as exc:
        say("error", exc.render(lang))
        return EXIT_INPUT


def _register_subcommands() -> None:
    """``planlint rules …`` (cli_rules.py): pack tooling in its own module."""
    from planlint.cli_rules import app as rules_app

    app.add_typer(rules_app, name="rules")


_register_subcommands()


def main() -> None:
    """The console script: the app run under the guard (exit codes, encodings, broken pipes)."""
    from planlint.guard import run

    sys.exit(run(command_tree()))


def command_tree() -> click.Command:
    """The click command tree of ``app`` for one run, each command with ``-V``/``--version``
    (guard.py then gives it its help in the run's language)."""
    from planlint.helptext import with_version

    return with_version(typer.main.get_command(app), __version__)
