"""The pack cache is an optimisation: whatever sits where an entry belongs, a run goes on.

Corrupt, foreign and non-regular entries are planted in a real cache folder; the real command
line must then load the pack from its YAML, never hang, never trace back, and leave a good entry
(a regular file) in place for the next run.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pack_cli_support import MAX_SECONDS, MINIMAL_PACK, run_check
from planlint import cache
from planlint.regularfile import FileTooLarge, NotRegularFile, read_regular
from planlint.rules import load_pack

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


@pytest.fixture
def pack(tmp_path) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(MINIMAL_PACK, encoding="utf-8")
    return path


@pytest.fixture
def entry(pack, tmp_path, monkeypatch) -> Path:
    """The cache entry of ``pack`` after one load, in a cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(folder))
    load_pack(str(pack))
    (path,) = folder.glob("*.json")
    return path


def _replace(path: Path, content: bytes) -> None:
    path.unlink()
    path.write_bytes(content)


def _plant_text(text: str):
    return lambda path: _replace(path, text.encode("utf-8"))


def _plant_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _plant_link(target: str):
    def plant(path: Path) -> None:
        path.unlink()
        path.symlink_to(target)

    return plant


def _plant_folder(with_file: bool):
    def plant(path: Path) -> None:
        path.unlink()
        path.mkdir()
        if with_file:
            (path / "inside").write_text("x")

    return plant


def _plant_foreign(path: Path) -> None:
    """A well-formed entry of the right name whose data is not a pack at all."""
    _replace(path, cache.encode(path.stem, {"pack": 1, "rules": {"not": "a list"}}))


def _plant_huge(path: Path) -> None:
    _replace(path, b" " * (17 * 1024 * 1024))


PLANTS = {
    "json list": _plant_text("[1, 2, 3]"),
    "empty object": _plant_text("{}"),
    "missing keys": _plant_text('{"format": "planlint-cache/2"}\n{"pack": "demo"}'),
    "wrong types": _plant_text('{"pack": 5, "rules": "x"}'),
    "truncated": None,  # the real entry cut in half
    "payload edited": None,  # the real entry with its payload changed, header kept
    "foreign": _plant_foreign,
    "not utf-8": None,  # the real entry behind two bytes that are not UTF-8
    "deep json": _plant_text("[" * 100_000 + "]" * 100_000),
    "huge": _plant_huge,
    "fifo": _plant_fifo,
    "link to /dev/zero": _plant_link("/dev/zero"),
    "dangling link": _plant_link("/nowhere/at/all"),
    "empty folder": _plant_folder(False),
    "folder with a file": _plant_folder(True),
}
POSIX_ONLY = {"fifo", "link to /dev/zero", "dangling link"}


def _plant(kind: str, path: Path) -> None:
    good = path.read_bytes()
    if kind == "truncated":
        _replace(path, good[: len(good) // 2])
    elif kind == "payload edited":
        _replace(path, good.replace("演示".encode(), "改过".encode()))
    elif kind == "not utf-8":
        _replace(path, b"\xff\xfe" + good)
    else:
        PLANTS[kind](path)


@pytest.mark.parametrize(
    "kind",
    [pytest.param(k, marks=posix_only) if k in POSIX_ONLY else pytest.param(k) for k in PLANTS],
)
def test_a_bad_entry_is_ignored_and_rewritten(kind, pack, entry, tmp_path):
    _plant(kind, entry)
    run = run_check(pack, entry.parent)
    assert "Traceback" not in run.stderr and "error" not in run.stderr, run.stderr[-2000:]
    assert run.returncode in (0, 1), run.stderr
    assert run.seconds < MAX_SECONDS
    assert json.loads(run.stdout)["plans"], run.stdout[:500]
    if kind == "folder with a file":
        assert entry.is_dir()  # somebody's folder: left alone, the cache simply misses
        return
    assert stat.S_ISREG(os.lstat(entry).st_mode), kind
    data = cache.get(entry.stem)
    assert isinstance(data, dict) and data["pack"] == "demo"
    assert not list(entry.parent.glob(".*.tmp")), "a temporary file was left behind"


def test_a_good_entry_is_used(pack, entry):
    """The hit path: the entry's data is what the pack is built from (here, one we wrote)."""
    data = cache.get(entry.stem)
    data["rules"][0]["title"] = "来自缓存"
    entry.write_bytes(cache.encode(entry.stem, data))
    run = run_check(pack, entry.parent, "--lang", "zh")
    assert run.returncode in (0, 1), run.stderr
    assert "来自缓存" in run.stdout


def test_an_entry_renamed_to_another_key_is_a_miss(entry, tmp_path, monkeypatch):
    other = entry.with_name("0" * 32 + ".json")
    other.write_bytes(entry.read_bytes())
    assert cache.get(other.stem) is None
    assert cache.get(entry.stem) is not None


def test_a_pack_that_fails_is_never_cached(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(folder))
    path = tmp_path / "pack.yaml"
    path.write_text(MINIMAL_PACK + MINIMAL_PACK.split("rules:\n", 1)[1], encoding="utf-8")
    with pytest.raises(Exception, match="规则编号重复"):
        load_pack(str(path))
    assert not list(folder.glob("*.json"))


def test_an_unwritable_cache_is_ignored(pack, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(blocker))
    assert load_pack(str(pack)).name == "demo"


# --- the bounded reader both the cache and the pack loader use ----------------------------------


@posix_only
def test_read_regular_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match="a FIFO"):
        read_regular(fifo, 100)


@posix_only
def test_read_regular_refuses_links_only_when_told(tmp_path):
    target = tmp_path / "target"
    target.write_bytes(b"abc")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert read_regular(link, 100) == b"abc"
    with pytest.raises(NotRegularFile, match="a symbolic link"):
        read_regular(link, 100, follow=False)
    with pytest.raises(NotRegularFile, match="a character device"):
        read_regular("/dev/zero", 100)


def test_read_regular_caps_the_size(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    assert read_regular(path, 101) == b"x" * 101
    with pytest.raises(FileTooLarge, match="101 bytes; the limit is 100"):
        read_regular(path, 100)
