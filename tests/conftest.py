from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PLANLINT_SHARED", ROOT.parent / "shared"))

# the ten core requirement ids of the domain notes, in the core pack's order
CORE_IDS = (
    "leader-briefing",
    "training",
    "lookback",
    "annual-report",
    "task-ledger",
    "policy-interpretation",
    "public-concern-response",
    "normative-documents",
    "on-request-disclosure",
    "platforms",
)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's pack cache."""
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _neutral_locale(monkeypatch):
    """Tests run as under a ``C.UTF-8`` locale, whatever the developer's: planlint speaks
    Chinese unless ``--lang en`` or an English locale asks otherwise (README "Language"),
    and a test that wants English says so itself."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def core_pack():
    from planlint.rules import load_pack

    return load_pack("core")


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not (corpus / "seeds").is_dir() or not (corpus / "gold").is_dir():
        pytest.skip("../shared/corpus is not here")
    return corpus
