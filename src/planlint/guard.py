"""The top of the process: run the command so that no input and no terminal ends in a traceback.

Exit codes mean something to CI (1 is "findings"), so every way out gets its own: a usage
error or an input error is 2 with its message, one line in the run's language; an unexpected
exception (a bug) is 2 with one line saying so, the traceback only with ``--debug``; a reader that went away (``| head -1``)
is 141, what a shell reports for a process ended by SIGPIPE, with nothing written; Ctrl-C is
130 (typer's own conversion).
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Sequence

import click

from planlint.errors import PlanlintError
from planlint.helptext import localise, speaking
from planlint.messages import Phrase, error_text, internal_error, language, word
from planlint.output import OutputClosed, one_line, setup_streams, write_error

EXIT_INPUT = 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, as a shell reports `planlint … | head -1`


def run(command: click.Command, args: Sequence[str] | None = None) -> int:
    """Run ``command`` on ``args`` (``sys.argv[1:]`` when None) and return the exit code.

    The language of help and errors is ``--lang`` wherever it stands on the command line (read
    here, before click parses: ``--help`` acts as soon as it is parsed), else the locale
    (``messages.language``). ``command`` is the tree built for this run; its help is set in
    that language (helptext.py)."""
    argv = list(sys.argv[1:] if args is None else args)
    lang = language(_option_value(argv, "--lang"))
    setup_streams(sys.stdout, sys.stderr)
    localise(command, lang)
    try:
        with speaking(lang):
            # click's own main, not typer's override of it: typer turns a broken pipe into
            # exit 1 even when not standalone, and 1 means "findings"
            code = click.Command.main(
                command, args=args, prog_name="planlint", standalone_mode=False
            )
            if sys.stdout is not None:  # a closed pipe must fail here, in the guard, not at exit
                sys.stdout.flush()
    except click.ClickException as exc:
        _show_usage_error(exc, lang)
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        return 130
    except (BrokenPipeError, OutputClosed):
        _silence_output()
        return EXIT_BROKEN_PIPE
    except PlanlintError as exc:  # commands report these; one escaping is still the input's
        write_error(exc.render(lang), level=word("error", lang))
        return EXIT_INPUT
    except Exception as exc:
        _report_bug(exc, lang, "--debug" in _options(argv))
        return EXIT_INPUT
    return code if isinstance(code, int) else 0


def _show_usage_error(exc: click.ClickException, lang: str) -> None:
    """A usage error as one ``planlint: error: …`` line in ``lang``, with where to find the
    usage. Built from the exception's attributes (the option, the parameter, click's message,
    which click's gettext calls gave in ``lang``; helptext.py), not from its English text.
    A command given no arguments has shown its help already (typer's no_args_is_help): that
    is all there is to say."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # click >= 8.2 only, so not imported
        return
    try:
        line = usage_line(exc, lang)
    except Exception:  # a kind of error not foreseen: click's own words, still one line
        line = exc.format_message()
    with contextlib.suppress(OSError, ValueError, AttributeError, OutputClosed):
        write_error(line, level=word("error", lang))  # unless no standard error is left


def usage_line(exc: click.ClickException, lang: str) -> str:
    """What was wrong with the command line, in ``lang``, and how to see the usage."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.NoSuchOption):
        near = sorted(exc.possibilities or ())
        key = "usage-no-such-option-near" if near else "usage-no-such-option"
        problem = error_text(key, lang, option=exc.option_name, near=", ".join(near))
    elif isinstance(exc, click.MissingParameter):
        param = exc.param
        key = (
            "usage-missing-option" if isinstance(param, click.Option) else "usage-missing-argument"
        )
        problem = error_text(key, lang, name=_hint(exc, ctx))
    elif isinstance(exc, click.BadParameter):
        message = exc.message
        said = message.render(lang) if isinstance(message, Phrase) else str(message)
        problem = error_text("usage-bad-value", lang, name=_hint(exc, ctx), message=said)
    else:
        problem = exc.format_message()
    if ctx is None:
        return problem
    return error_text("usage-help", lang, problem=problem, command=ctx.command_path)


def _hint(exc: click.BadParameter | click.MissingParameter, ctx: click.Context | None) -> str:
    """The parameter as the user wrote it: ``--format`` / ``-f``, or ``PATHS...``."""
    if exc.param_hint:
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if exc.param is not None and ctx is not None:
        return exc.param.get_error_hint(ctx)
    return "?"


def _report_bug(exc: BaseException, lang: str, debug: bool) -> None:
    """One line naming the exception; the traceback above it only when asked for."""
    line = internal_error(one_line(_describe(exc), limit=160), lang)
    try:
        if debug:
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        sys.stderr.write(f"planlint: {one_line(line)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no standard error left to say it on
        pass


def _describe(exc: BaseException) -> str:
    """``Type: message``; just the type when the message is empty or cannot be made."""
    try:
        message = str(exc)
    except Exception:
        message = ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _silence_output() -> None:
    """Point standard output and error at the null device, so the flush at exit does not
    raise again (the recipe of Python's signal documentation): after a closed pipe, nothing
    more is worth saying."""
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            continue


def _options(argv: list[str]) -> list[str]:
    """The arguments before a ``--`` (after it, everything is a path)."""
    return argv[: argv.index("--")] if "--" in argv else argv


def _option_value(argv: list[str], name: str) -> str | None:
    """The value given to ``name`` (``--lang en`` or ``--lang=en``), read from the raw
    arguments because the command's own parsing may be what failed."""
    opts = _options(argv)
    for i, arg in enumerate(opts):
        if arg == name and i + 1 < len(opts):
            return opts[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None
