"""Command line: ``planlint check PATH...``. Thin: options in, engine, report out."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from planlint import __version__
from planlint.report import FORMATS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lint government-openness division plans against the requirements they must carry out.",
)


Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at runtime on 3.10
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """planlint: 政务公开工作要点分工方案合规检查."""


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files or folders (searched recursively).")
    ],
    pack: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--pack", "-p", help="Rule pack name or YAML path; repeatable. Default: core."
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    lang: Annotated[Lang, typer.Option("--lang", help="Report language.")] = Lang.zh,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Largest plan file accepted, in MB.")
    ] = 50,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every matching item, its score and terms.")
    ] = False,
) -> None:
    """Check plans: each requirement covered, unassigned or missing.

    Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or input error.
    """
    from planlint.engine import Failure, check_files, expand
    from planlint.errors import PlanlintError
    from planlint.rules import load_pack

    try:
        packs = [load_pack(spec) for spec in (pack or ["core"])]
    except PlanlintError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    files, failures = expand(paths)
    outcomes = [*failures, *check_files(files, packs, max_bytes=max_size * 1024 * 1024)]
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            _error(outcome.message)
    if fmt is not Format.terminal:
        from planlint.report import text_renderer

        sys.stdout.write(text_renderer(fmt.value)(outcomes, lang.value) + "\n")
    else:
        from rich.console import Console

        from planlint.report.terminal import render_terminal

        results = [o for o in outcomes if not isinstance(o, Failure)]
        render_terminal(results, Console(), lang.value, explain)
    if any(isinstance(o, Failure) for o in outcomes) or not outcomes:
        if not outcomes:
            _error("no plan files found")
        raise typer.Exit(2)
    raise typer.Exit(1 if any(o.has_errors for o in outcomes) else 0)


@app.command("parse")
def parse_command(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files or folders (searched recursively).")
    ],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="terminal or json.")
    ] = Format.terminal,
    lang: Annotated[Lang, typer.Option("--lang", help="Report language.")] = Lang.zh,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Largest plan file accepted, in MB.")
    ] = 50,
) -> None:
    """Show what planlint read: the items (id, section, text, units, deadline, location) and the
    text it could not place. Exit 2 if a file cannot be read."""
    from planlint.engine import Failure, expand, parse_files

    files, failures = expand(paths)
    outcomes = parse_files(files, max_bytes=max_size * 1024 * 1024)
    failures += [o for o in outcomes if isinstance(o, Failure)]
    plans = [o for o in outcomes if not isinstance(o, Failure)]
    for failure in failures:
        _error(failure.message)
    if fmt is Format.json:
        from planlint.report.items import render_items_json

        errors = [{"path": f.path, "message": f.message} for f in failures]
        sys.stdout.write(render_items_json(plans, errors) + "\n")
    elif fmt is Format.terminal:
        from rich.console import Console

        from planlint.report.items import render_items_terminal

        render_items_terminal(plans, Console(), lang.value)
    else:
        _error(f"--format {fmt.value} is for check; parse writes terminal or json")
        raise typer.Exit(2)
    if failures or not (plans or failures):
        if not plans and not failures:
            _error("no plan files found")
        raise typer.Exit(2)


def _error(message: str) -> None:
    sys.stderr.write(f"planlint: error: {message}\n")


def main() -> None:
    app()
