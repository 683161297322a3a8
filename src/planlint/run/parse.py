"""``planlint parse`` as a run: what planlint read from each plan (the items, and the text it
could not place), in the terminal's layout or as JSON; a file that cannot be read is said and
makes the exit code 2, and the others are still shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planlint.run.say import EXIT_INPUT
from planlint.workers import WorkerLimits

if TYPE_CHECKING:
    from planlint.run.say import Say
PARSE_FORMATS = ("terminal", "json")


@dataclass(frozen=True)
class ParseRequest:
    """The options of one ``planlint parse``, resolved (``lang`` the run's language)."""

    paths: tuple[str, ...]
    fmt: str
    lang: str
    max_size: int = 50  # MB
    workers: WorkerLimits = field(default_factory=WorkerLimits)
    limits: tuple[str, ...] = ()  # --limit NAME=VALUE, already checked
    stdin_filename: str | None = None


def run_parse(request: ParseRequest, say: Say) -> int:
    """Read and parse the plans of ``request``, show them, and return the exit code: 0 when
    every file was read, 2 when one was not, none was given, or the format is not one of
    :data:`PARSE_FORMATS` (said once the files are read, as before)."""
    from planlint.engine import Failure, parse_files
    from planlint.messages import error_text
    from planlint.run.files import notices_said, plans_given, reading_limits, stdin_name_alone

    lang = request.lang
    reading = reading_limits(request.max_size, request.limits)
    if stdin_name_alone(request.paths, request.stdin_filename):
        say("error", error_text("stdin-name-alone", lang))
        return EXIT_INPUT
    given = plans_given(request.paths, reading.max_bytes, request.stdin_filename, None)
    files, failures = notices_said(*given, lang, say)
    outcomes = parse_files(files, reading.max_bytes, request.workers, reading)
    failures += [o.in_lang(lang) for o in outcomes if isinstance(o, Failure)]
    plans = [o for o in outcomes if not isinstance(o, Failure)]
    for failure in failures:
        say("error", failure.message)
    if request.fmt == "json":
        from planlint.output import write_document
        from planlint.report.items import render_items_json

        errors = [{"path": f.path, "message": f.message} for f in failures]
        write_document(render_items_json(plans, errors), json_syntax=True)
    elif request.fmt == "terminal":
        from planlint.report.console import make_console
        from planlint.report.items import render_items_terminal

        render_items_terminal(plans, make_console(), lang)
    else:
        say("error", error_text("parse-format", lang, format=request.fmt))
        return EXIT_INPUT
    if not plans and not failures:
        say("error", error_text("no-plans", lang))
    return EXIT_INPUT if failures or not plans else 0
