"""``planlint rules …`` as runs: the pack tooling's loops over packs, their lines on standard
output and exit codes (cli_rules.py declares the options). The work itself is in
``planlint.rules`` and ``planlint.trace``; here one pack that cannot be loaded is said and
the others still go through."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planlint.run.say import EXIT_INPUT

if TYPE_CHECKING:
    from planlint.run.say import Say


def list_packs(lang: str, say: Say) -> int:
    """The shipped packs, one tab-separated line each: name, version, year, rule count, the
    pack it extends, title. 2 when one cannot be loaded."""
    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.rules import builtin_packs, load_pack

    status = 0
    rows = [doc_text("rules-list-head", lang)]
    for spec in builtin_packs():
        try:
            pack = load_pack(spec)
        except PlanlintError as exc:
            say("error", exc.render(lang))
            status = EXIT_INPUT
            continue
        cells = (pack.version, pack.year, len(pack.rules), ", ".join(pack.extends), pack.title)
        rows.append(
            "\t".join([pack.name, *(str(c) if c not in (None, "") else "-" for c in cells)])
        )
    _print(rows)
    return status


def show_rule(rule: str, pack: str | None, lang: str, say: Say) -> int:
    """One rule described (rules/describe.py); 2 when no pack has it. A pack that cannot be
    loaded is a PlanlintError, raised."""
    from planlint.messages import doc_text
    from planlint.rules.describe import find_rule, rule_lines

    found = find_rule(rule, pack)
    if found is None:
        say("error", doc_text("rules-no-rule", lang, rule=rule))
        return EXIT_INPUT
    _print(rule_lines(found, lang))
    return 0


def test_packs(packs: Sequence[str], lang: str, say: Say) -> int:
    """The packs' embedded tests run (every shipped pack when ``packs`` is empty): 0 when all
    pass, 1 when one fails, 2 when a pack cannot be loaded."""
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
            say("error", exc.render(lang))
            status = EXIT_INPUT
            continue
        results = run_pack(loaded)
        failed = [r for r in results if not r.passed]
        lines = [failure_line(r, lang) for r in failed]
        if not results:
            lines.append(doc_text("rules-test-none", lang, pack=loaded.name))
        summary = doc_text(
            "rules-test-pack",
            lang,
            pack=loaded.name,
            rules=len(loaded.rules),
            cases=len(results),
            failed=len(failed),
        )
        _print([*lines, summary])
        if failed and status == 0:
            status = 1
    return status


def validate_packs(paths: Sequence[str], lang: str, say: Say) -> int:
    """Each pack file linted (rules/lint.py), its problems said as ``FILE:LINE: message``,
    then built; 2 when one has a problem."""
    from pathlib import Path

    from planlint.errors import PlanlintError
    from planlint.messages import doc_text
    from planlint.rules import load_pack
    from planlint.rules.lint import lint_file
    from planlint.run.say import PLAIN

    status = 0
    for spec in paths:
        problems = lint_file(Path(spec))
        for problem in problems:
            where = f"{spec}:{problem.line}" if problem.line else spec
            say(PLAIN, f"{where}: {problem.phrase.render(lang)}")
        if problems:
            status = EXIT_INPUT
            continue
        try:
            count = len(load_pack(spec).rules)
        except PlanlintError as exc:  # what only building finds (a $set the pack lacks ...)
            say("error", exc.render(lang))
            status = EXIT_INPUT
            continue
        _print([doc_text("rules-valid", lang, path=spec, rules=count)])
    return status


def draft_pack(higher: str, output: str | None, lang: str, say: Say) -> int:
    """A pack drafted from a higher document (trace/), to ``output`` (atomically) or standard
    output; 2 when the file cannot be written. A document that cannot be read is a
    PlanlintError, raised."""
    from planlint.messages import doc_text
    from planlint.output import write_atomic, write_document
    from planlint.rules import pack_from_data
    from planlint.trace import draft_file, to_yaml

    data = draft_file(higher)
    pack_from_data(data, higher)  # a draft that does not validate is a bug, said as such
    text = to_yaml(data).rstrip("\n")
    if output is None:
        write_document(text, json_syntax=False)
        return 0
    try:
        write_atomic(output, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        say("error", doc_text("cannot-write", lang, path=output, reason=reason))
        return EXIT_INPUT
    return 0


def _print(lines: list[str]) -> None:
    """Lines on standard output, as one text document."""
    from planlint.output import write_document

    write_document("\n".join(lines), json_syntax=False)
