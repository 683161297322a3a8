"""Report wording, Chinese first (the reader is a civil servant), English on request.

Every user-facing text is here, one module per catalogue, each entry in both languages:

- ``findings.py``  the findings' sentences (``render``), reading doubts included
- ``words.py``     single words: verdicts, severities, plan kinds, reading names (``word``)
- ``reading.py``   the ``planlint parse`` line on how a file was read (``reading_line``)
- ``near.py``      near misses: where a missing requirement's words appear (``near_*``)
- ``places.py``    places in a file: 第2表第20行第3格, p. 4 (``location_text``)
- ``documents.py`` the HTML, xlsx and summary reports, ``planlint rules …`` (``doc_text``)
- ``ci.py``        the CI formats: SARIF, GitHub, JUnit, GitLab, Markdown (``ci_text``)
- ``errors.py``    the error catalogue ``_ERRORS`` and its kind/OS tables; ``internal_error``
- ``language.py``  the run's language (``language``), ``Phrase`` and ``error_text``

Callers import from ``planlint.messages``; the modules are where a text is written.
"""

from __future__ import annotations

from planlint.messages.ci import _CI as _CI
from planlint.messages.ci import ci_text
from planlint.messages.documents import _DOC as _DOC
from planlint.messages.documents import doc_text
from planlint.messages.errors import _ERRORS as _ERRORS
from planlint.messages.errors import _INTERNAL as _INTERNAL
from planlint.messages.errors import _KINDS as _KINDS
from planlint.messages.errors import _OS as _OS
from planlint.messages.errors import internal_error, os_reason
from planlint.messages.findings import _TEMPLATES as _TEMPLATES
from planlint.messages.findings import render
from planlint.messages.language import LANGS, Phrase, error_text, known_error, language
from planlint.messages.language import _phrase as _phrase
from planlint.messages.near import _NEAR as _NEAR
from planlint.messages.near import _ROLES as _ROLES
from planlint.messages.near import near_detail, near_none, near_place
from planlint.messages.places import _PLACE_WORDS as _PLACE_WORDS
from planlint.messages.places import location_text
from planlint.messages.reading import _READING as _READING
from planlint.messages.reading import reading_line
from planlint.messages.words import _WORDS as _WORDS
from planlint.messages.words import word

__all__ = [
    "LANGS",
    "Phrase",
    "ci_text",
    "doc_text",
    "error_text",
    "internal_error",
    "known_error",
    "language",
    "location_text",
    "near_detail",
    "near_none",
    "near_place",
    "os_reason",
    "reading_line",
    "render",
    "word",
]
