"""``planlint check`` as a run: the settings and packs, the batch streamed through the
project's policy into the report, what is said at the end, and the exit code.

The order of what is said is part of the interface: the folder search's warnings before the
report; after it, the waivers' warnings, the notes, the files that failed, a step summary that
could not be written, and "no plans". A log holding both streams then has each on lines of
its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planlint.run.say import EXIT_INPUT
from planlint.workers import WorkerLimits

if TYPE_CHECKING:
    from planlint.config import Config
    from planlint.engine import Failure
    from planlint.progress import Progress
    from planlint.readers.limits import Limits
    from planlint.report.github import StepSummary
    from planlint.rules import Pack
    from planlint.rules.years import YearPacks
    from planlint.run.say import Say


@dataclass(frozen=True)
class CheckRequest:
    """The options of one ``planlint check``, resolved: ``fmt`` is a format's name (never
    ``auto``), ``lang`` the run's language. Empty or None means "not given": the
    configuration file's key, or the default, holds."""

    paths: tuple[str, ...]
    fmt: str
    lang: str
    packs: tuple[str, ...] = ()
    max_size: int = 50  # MB
    explain: bool = False
    workers: WorkerLimits = field(default_factory=WorkerLimits)
    limits: tuple[str, ...] = ()  # --limit NAME=VALUE, already checked
    output: str | None = None
    config: str | None = None
    isolated: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    exit_zero: bool = False
    exclude: tuple[str, ...] = ()
    waivers: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    stdin_filename: str | None = None
    against: str | None = None  # trace mode: the higher document
    year: str = "auto"


def run_check(request: CheckRequest, say: Say) -> int:
    """Check the plans of ``request``, write the report, and return the exit code: 0 no
    finding at or above fail-on, 1 such findings, 2 an input or usage error.

    A PlanlintError (a bad configuration, pack or baseline; a baseline that cannot be written)
    is raised, for the command line to say as one line with exit 2; when it comes while the
    report is written, an ``--output`` file is left as it was."""
    from planlint.messages import error_text
    from planlint.report.deliver import binary_refusal
    from planlint.run.files import notices_said, plans_given, reading_limits, stdin_name_alone

    lang = request.lang
    refusal = binary_refusal(request.fmt, request.output, lang)
    if refusal:
        say("error", refusal)
        return EXIT_INPUT
    settings = _settings(request)
    packs, years = _packs(request, settings)
    known = _known(request.baseline)
    reading = reading_limits(request.max_size, request.limits)
    if stdin_name_alone(request.paths, request.stdin_filename):
        say("error", error_text("stdin-name-alone", lang))
        return EXIT_INPUT
    given = plans_given(request.paths, reading.max_bytes, request.stdin_filename, settings.search)
    files, failures = notices_said(*given, lang, say)
    if request.against is not None:
        from planlint.trace import without_higher

        files = without_higher(files, request.against)
    return _checked(request, settings, packs, years, known, reading, files, failures, say)


def _settings(request: CheckRequest) -> Config:
    """The configuration file found (or named, or none), the flags in place of its keys."""
    from planlint.config import resolve_config

    return resolve_config(request.config, request.isolated).with_flags(
        packs=list(request.packs),
        select=list(request.select),
        ignore=list(request.ignore),
        fail_on=request.fail_on,
        exit_zero=request.exit_zero,
        exclude=list(request.exclude),
        waivers=request.waivers,
    )


def _packs(request: CheckRequest, settings: Config) -> tuple[list[Pack], YearPacks]:
    """The packs and year packs to check against; in trace mode, against the higher document
    (trace/), where no year pack is added."""
    from planlint.policy import load_packs_for_years

    if request.against is None:
        return load_packs_for_years(settings, request.year)
    return _traced_packs(request.against, bool(request.packs), settings, request.max_size)


def _traced_packs(
    higher: str, explicit: bool, settings: Config, max_size: int
) -> tuple[list[Pack], YearPacks]:
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


def _known(baseline: str | None) -> frozenset[str] | None:
    """The fingerprints of ``--baseline``, or None without one."""
    from planlint.baseline import load_baseline

    return load_baseline(baseline) if baseline else None


def _checked(
    request: CheckRequest,
    settings: Config,
    packs: list[Pack],
    years: YearPacks,
    known: frozenset[str] | None,
    reading: Limits,
    files: list,
    failures: list[Failure],
    say: Say,
) -> int:
    """The batch streamed (README "A batch"): each outcome settled (policy.py) and reported
    as it arrives, in the files' order, and let go; only compact rows stay for the summary.
    Then what there is to say, and the exit code."""
    from datetime import date
    from itertools import chain

    from planlint.engine import Failure, iter_check_files
    from planlint.messages import doc_text, error_text
    from planlint.policy import Settler
    from planlint.progress import batch_progress
    from planlint.report.deliver import ReportNotWritten
    from planlint.report.github import StepSummary

    lang = request.lang
    settle = Settler(settings, date.today(), known, request.write_baseline)
    step = StepSummary.wanted(lang) if request.fmt == "github" else None
    failed: list[Failure] = []
    with batch_progress(files, lang) as on_done:
        try:
            with _report(request, on_done) as report:
                checked = iter_check_files(
                    files,
                    packs,
                    reading.max_bytes,
                    request.workers,
                    reading,
                    settings.placeholders,
                    on_done,
                    years=years,
                )
                for outcome in chain(failures, checked):
                    settled = settle(
                        outcome.in_lang(lang) if isinstance(outcome, Failure) else outcome
                    )
                    report.add(settled)
                    if step is not None:
                        step.add(settled)
                    if isinstance(settled, Failure):
                        failed.append(settled)
                applied = settle.finish()  # the baseline written: a PlanlintError keeps --output
        except ReportNotWritten as exc:
            cause = exc.__cause__
            reason = getattr(cause, "strerror", None) or type(cause).__name__
            say("error", doc_text("cannot-write", lang, path=request.output, reason=reason))
            return EXIT_INPUT
    # said after the report, so a log holding both streams has them on lines of their own
    for message in applied.warnings:
        say("warning", message.render(lang))
    for message in applied.notes:
        say("note", message.render(lang))
    for failure in failed:
        say("error", failure.message)
    if step is not None:
        _step_summary(step, lang, say)
    if not settle.seen:
        say("error", error_text("no-plans", lang))
    return settle.exit_code()


def _report(request: CheckRequest, on_done: Progress | None):
    """The report written as outcomes are added (report/deliver.py), to stdout or
    ``--output``, with the progress bar put away while it prints."""
    from functools import partial

    from planlint.progress import hidden
    from planlint.report.deliver import report_stream

    around = partial(hidden, on_done)
    return report_stream(request.fmt, request.lang, request.output, request.explain, around)


def _step_summary(step: StepSummary, lang: str, say: Say) -> None:
    """In GitHub Actions, the Markdown report appended to ``$GITHUB_STEP_SUMMARY`` (set by the
    runner); a summary that cannot be written is a warning: the annotations are out already."""
    from planlint.messages import error_text, os_reason

    try:
        step.finish()
    except OSError as exc:
        say("warning", error_text("step-summary", lang, reason=os_reason(exc)))
