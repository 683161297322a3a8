"""A progress bar on standard error while a batch is checked, for a person at a terminal.

A batch of hundreds of plans takes a while, and a silent terminal looks hung. The bar shows
files done out of all and the file the batch is waiting on. It is drawn on standard error so it
never mixes with the report, and only when someone can see it: both standard output and
standard error are terminals (a report piped to a file, or a log, gets no cursor tricks) and
the ``CI`` environment variable is not set (CI runners give a pseudo-terminal to some steps).
The bar is transient, and it is put away while the report, which a batch prints plan by plan
as they arrive, writes to the same screen (:func:`hidden`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

Progress = Callable[[int, int], None]


def wanted(
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether a person is watching: both streams are terminals and ``CI`` is not set."""
    env = os.environ if environ is None else environ
    if env.get("CI"):
        return False
    return _is_terminal(stdout or sys.stdout) and _is_terminal(stderr or sys.stderr)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: not a terminal
        return False


@contextlib.contextmanager
def batch_progress(
    paths: Sequence[Path], lang: str = "zh", stderr: TextIO | None = None
) -> Iterator[Progress | None]:
    """A callback for ``engine.check_files(on_done=…)`` that moves a bar on standard error,
    or None when nobody would see one (see :func:`wanted`) or there is one file only."""
    if len(paths) < 2 or not wanted(stderr=stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from planlint.output import printable

    console = Console(file=stderr or sys.stderr, markup=False, emoji=False, highlight=False)
    label = "检查" if lang == "zh" else "checking"
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}", markup=False),
        console=console,
        transient=True,
    )
    task = bar.add_task(label, total=len(paths), name=printable(paths[0].name))

    def on_done(done: int, total: int) -> None:
        name = printable(paths[done].name) if done < len(paths) else ""
        bar.update(task, completed=done, name=name)

    @contextlib.contextmanager
    def put_away() -> Iterator[None]:
        bar.stop()
        try:
            yield
        finally:
            bar.start()

    on_done.hidden = put_away  # type: ignore[attr-defined]
    with bar:
        yield on_done


def hidden(on_done: Progress | None) -> contextlib.AbstractContextManager[object]:
    """The bar of ``on_done`` (a :func:`batch_progress` callback) put away for the time of a
    ``with`` block: the report printed on the terminal under it would otherwise be drawn over
    by the bar's next refresh. Nothing to do without a bar."""
    put_away = getattr(on_done, "hidden", None)
    return put_away() if put_away is not None else contextlib.nullcontext()
