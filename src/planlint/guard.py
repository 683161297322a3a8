"""The top of the process: run the command so that no input and no terminal ends in a traceback.

Exit codes mean something to CI (1 is "findings"), so every way out gets its own: a usage
error or an input error is 2 with its message; an unexpected exception (a bug) is 2 with one
line saying so, the traceback only with ``--debug``; a reader that went away (``| head -1``)
is 141, what a shell reports for a process ended by SIGPIPE, with nothing written; Ctrl-C is
130 (typer's own conversion).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from planlint.errors import PlanlintError
from planlint.messages import internal_error
from planlint.output import OutputClosed, one_line, setup_streams, write_error

EXIT_INPUT = 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, as a shell reports `planlint … | head -1`


def run(command: click.Command, args: Sequence[str] | None = None) -> int:
    """Run ``command`` on ``args`` (``sys.argv[1:]`` when None) and return the exit code."""
    argv = list(sys.argv[1:] if args is None else args)
    setup_streams(sys.stdout, sys.stderr)
    try:
        # click's own main, not typer's override of it: typer turns a broken pipe into
        # exit 1 even when not standalone, and 1 means "findings"
        code = click.Command.main(command, args=args, prog_name="planlint", standalone_mode=False)
        if sys.stdout is not None:  # a closed pipe must fail here, in the guard, not at exit
            sys.stdout.flush()
    except click.ClickException as exc:
        _show_usage_error(exc)
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        return 130
    except (BrokenPipeError, OutputClosed):
        _silence_output()
        return EXIT_BROKEN_PIPE
    except PlanlintError as exc:  # commands report these; one escaping is still the input's
        write_error(str(exc))
        return EXIT_INPUT
    except Exception as exc:
        _report_bug(exc, _option_value(argv, "--lang") or "zh", "--debug" in _options(argv))
        return EXIT_INPUT
    return code if isinstance(code, int) else 0


def _show_usage_error(exc: click.ClickException) -> None:
    """A usage error as typer shows it (its rich box), or click's plain lines without rich."""
    try:
        from typer import rich_utils

        rich_utils.rich_format_error(exc)
    except (ImportError, AttributeError):
        exc.show()


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
