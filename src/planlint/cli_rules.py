"""``planlint rules …``: the pack tooling (list, show, test, validate, draft). Thin like
cli.py: options in, the run (planlint.run.rules) called, its exit code out."""

from __future__ import annotations

from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import click
import typer

if TYPE_CHECKING:
    from collections.abc import Callable

app = typer.Typer(
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Rule packs: list, show a rule, run the embedded tests, validate a pack file.",
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


_LANG = typer.Option("--lang", help="Report language.")


@app.command("list")
def list_command(
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """The shipped packs: name, version, year, rule count, the pack it extends, title."""
    from planlint.run.rules import list_packs

    _exit(list_packs, lang=lang)


_PACK = typer.Option("--pack", "-p", help="Look in this pack (name or YAML path) only.")


@app.command("show")
def show_command(
    rule: Annotated[str, typer.Argument(help="A rule id, or pack/id.")],
    pack: Annotated[Optional[str], _PACK] = None,  # noqa: UP045
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """One rule: title, description, source, patterns and embedded tests. Exit 2 if no pack
    has it."""
    from planlint.run.rules import show_rule

    _exit(show_rule, rule, pack, lang=lang)


@app.command("test")
def test_command(
    packs: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help="Packs (names or YAML paths); default: every shipped pack."),
    ] = None,
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """Run the packs' embedded tests (tests.match / tests.no_match). Exit 0 when all pass,
    1 when one fails, 2 when a pack cannot be loaded."""
    from planlint.run.rules import test_packs

    _exit(test_packs, tuple(packs or ()), lang=lang)


@app.command("validate")
def validate_command(
    paths: Annotated[list[str], typer.Argument(help="Pack files (YAML).")],
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """Check pack files: the schema, then duplicate ids, an unknown or circular extends, a
    drop of a rule the base lacks, term groups that can never match, windows too long or too
    short. Each problem as FILE:LINE: message; exit 2 if there is one."""
    from planlint.run.rules import validate_packs

    _exit(validate_packs, tuple(paths), lang=lang)


@app.command("draft")
def draft_command(
    higher: Annotated[str, typer.Argument(help="The higher document (key points), any format.")],
    output: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on 3.10
        typer.Option("--output", "-o", metavar="FILE", help="Write the pack to FILE, not stdout."),
    ] = None,
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """Draft a pack from a higher document: one rule per task, with weighted match terms and
    tests from the document's own text (README "Trace mode"). Exit 2 if it cannot be read."""
    from planlint.run.rules import draft_pack

    _exit(draft_pack, higher, output, lang=lang)


def _exit(run: Callable[..., int], *args: object, lang: Lang | None) -> NoReturn:
    """``run(*args, lang, say)`` (planlint.run.rules) done in the command's language, its exit
    code the command's; a PlanlintError it raises is one error line and exit 2 (cli.py), all of
    it, level word included, in that language."""
    from planlint.cli import exit_code_of

    said_in = _said_in(lang)
    raise typer.Exit(exit_code_of(partial(run, *args, said_in), said_in))


def _said_in(lang: Lang | None) -> str:
    """The run's language: ``--lang`` of the command, else of planlint, else the locale."""
    from planlint.helptext import command_language

    if lang is None:
        ctx = click.get_current_context(silent=True)
        given = ctx.params.get("lang") if ctx is not None else None
        lang = Lang(given) if given in {m.value for m in Lang} else None
    return command_language(lang.value if lang is not None else None)
