"""``planlint rules …``: the pack tooling (list, show, test, validate). Thin like cli.py:
the work is in ``planlint.rules``; here only options in and lines out."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import click
import typer

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
    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.rules import builtin_packs, load_pack

    status = 0
    rows = [doc_text("rules-list-head", _said_in(lang))]
    for spec in builtin_packs():
        try:
            pack = load_pack(spec)
        except PlanlintError as exc:
            _error(exc.render(_said_in(lang)))
            status = 2
            continue
        cells = (pack.version, pack.year, len(pack.rules), ", ".join(pack.extends), pack.title)
        rows.append(
            "\t".join([pack.name, *(str(c) if c not in (None, "") else "-" for c in cells)])
        )
    _say(rows)
    raise typer.Exit(status)


_PACK = typer.Option("--pack", "-p", help="Look in this pack (name or YAML path) only.")


@app.command("show")
def show_command(
    rule: Annotated[str, typer.Argument(help="A rule id, or pack/id.")],
    pack: Annotated[Optional[str], _PACK] = None,  # noqa: UP045
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """One rule: title, description, source, patterns and embedded tests. Exit 2 if no pack
    has it."""
    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.rules.describe import find_rule, rule_lines

    try:
        found = find_rule(rule, pack)
    except PlanlintError as exc:
        _error(exc.render(_said_in(lang)))
        raise typer.Exit(2) from None
    if found is None:
        _error(doc_text("rules-no-rule", _said_in(lang), rule=rule))
        raise typer.Exit(2)
    _say(rule_lines(found, _said_in(lang)))


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
    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.rules import builtin_packs, load_pack
    from planlint.rules.describe import failure_line
    from planlint.rules.selftest import run_pack

    status = 0
    for spec in packs or builtin_packs():
        try:
            loaded = load_pack(spec)
        except PlanlintError as exc:
            _error(exc.render(_said_in(lang)))
            status = 2
            continue
        results = run_pack(loaded)
        failed = [r for r in results if not r.passed]
        lines = [failure_line(r, _said_in(lang)) for r in failed]
        if not results:
            lines.append(doc_text("rules-test-none", _said_in(lang), pack=loaded.name))
        summary = doc_text(
            "rules-test-pack",
            _said_in(lang),
            pack=loaded.name,
            rules=len(loaded.rules),
            cases=len(results),
            failed=len(failed),
        )
        _say([*lines, summary])
        if failed and status == 0:
            status = 1
    raise typer.Exit(status)


@app.command("validate")
def validate_command(
    paths: Annotated[list[str], typer.Argument(help="Pack files (YAML).")],
    lang: Annotated[Optional[Lang], _LANG] = None,  # noqa: UP045
) -> None:
    """Check pack files: the schema, then duplicate ids, an unknown or circular extends, a
    drop of a rule the base lacks, term groups that can never match, windows too long or too
    short. Each problem as FILE:LINE: message; exit 2 if there is one."""
    from pathlib import Path

    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.rules import load_pack
    from planlint.rules.lint import lint_file

    status = 0
    for spec in paths:
        problems = lint_file(Path(spec))
        for problem in problems:
            where = f"{spec}:{problem.line}" if problem.line else spec
            _error(f"{where}: {problem.phrase.render(_said_in(lang))}", plain=True)
        if problems:
            status = 2
            continue
        try:
            count = len(load_pack(spec).rules)
        except PlanlintError as exc:  # what only building finds (a $set the pack lacks ...)
            _error(exc.render(_said_in(lang)))
            status = 2
            continue
        _say([doc_text("rules-valid", _said_in(lang), path=spec, rules=count)])
    raise typer.Exit(status)


def _say(lines: list[str]) -> None:
    from planlint.output import write_document

    write_document("\n".join(lines), json_syntax=False)


def _error(message: str, plain: bool = False) -> None:
    """One error line on standard error; ``plain``: as ``file:line: message``, the form
    editors and CI logs link to, without the ``planlint: error:`` prefix (``planlint: 错误:``
    in Chinese)."""
    from planlint.messages import word
    from planlint.output import one_line, write_error

    if plain:
        typer.echo(one_line(message), err=True)
    else:
        write_error(message, level=word("error", _said_in(None)))


def _said_in(lang: Lang | None) -> str:
    """The run's language: ``--lang`` of the command, else of planlint, else the locale."""
    from planlint.helptext import command_language

    if lang is None:
        ctx = click.get_current_context(silent=True)
        given = ctx.params.get("lang") if ctx is not None else None
        lang = given if isinstance(given, Lang) else None
    return command_language(lang.value if lang is not None else None)


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
    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.output import write_atomic, write_document
    from planlint.rules import pack_from_data
    from planlint.trace import draft_file, to_yaml

    try:
        data = draft_file(higher)
        pack_from_data(data, higher)  # a draft that does not validate is a bug, said as such
    except PlanlintError as exc:
        _error(exc.render(_said_in(lang)))
        raise typer.Exit(2) from None
    text = to_yaml(data).rstrip("\n")
    if output is None:
        write_document(text, json_syntax=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        _error(doc_text("cannot-write", _said_in(lang), path=output, reason=reason))
        raise typer.Exit(2) from None
