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
