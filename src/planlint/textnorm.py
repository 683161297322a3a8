"""Text normalisation shared by the parser and the matcher.

Reports quote the plan as written; matching works on a normalised copy: NFKC, simplified
characters, no inline pinyin glosses (關(guān) from scraped pages), no whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ruby glosses that scrapers leave after a character: 關(guān), 據(jù), 為(wèi).
PINYIN_GLOSS = re.compile(r"[(（][a-z\u00e0-\u01dc]{1,7}[)）]")
SPACE = re.compile(r"[\s\u3000]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use: keeps `planlint --help` and start-up fast

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (ASCII is left alone without loading OpenCC)."""
    if text.isascii():
        return text
    return _t2s().convert(text)


def strip_glosses(text: str) -> str:
    return PINYIN_GLOSS.sub("", text)


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """The matcher's view of a text: NFKC, glosses removed, simplified, no whitespace, lower case."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = strip_glosses(text)
    text = to_simplified(text)
    return SPACE.sub("", text)


def squash(text: str) -> str:
    """Collapse runs of whitespace to nothing between CJK characters, one space elsewhere."""
    text = text.replace("\u3000", " ").strip()
    text = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text)
    return re.sub(r"\s+", " ", text)
