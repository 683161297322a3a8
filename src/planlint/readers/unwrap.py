"""Hard-wrapped prose: lines that a tool broke at a fixed width, joined back into paragraphs.

pdftotext, w3m, PDF text layers and mail clients break a paragraph wherever the line is full,
often mid-word ("…及时做好政策解读和舆情回" / "应工作。"). A line that fills the text's usual
width and stops mid-sentence goes on in the next line. Readers offer the joined text as one
more reading; parse keeps it when it explains the plan better.
"""

from __future__ import annotations

from planlint.model import Paragraph
from planlint.readers.layout import display_width

_SENTENCE_END = tuple("。；;！!？?：:）)」”")
_MIN_WRAP = 40  # display columns: a text wrapped narrower than this is not hard-wrapped prose


def unwrap(paras: list[Paragraph]) -> list[Paragraph] | None:
    """The paragraphs with wrapped lines joined; None when nothing looks wrapped.

    Lines join only when they follow each other (the next line of the file, or the first line
    of the next page): a blank line between two lines always ends a paragraph.
    """
    widths = [display_width(p.text) for p in paras]
    if len(widths) < 4:
        return None
    wrap = sorted(widths)[int(len(widths) * 0.9)]
    if wrap < _MIN_WRAP:
        return None
    out: list[Paragraph] = []
    joined = 0
    i = 0
    while i < len(paras):
        first = paras[i]
        parts = [first.text]  # joined once: adding line by line would copy a long run each time
        while (
            widths[i] >= wrap - 2
            and not parts[-1].endswith(_SENTENCE_END)
            and i + 1 < len(paras)
            and _adjacent(paras[i], paras[i + 1])
        ):
            i += 1
            nxt = paras[i].text
            if parts[-1][-1].isascii() and nxt[0].isascii():
                parts.append(" ")
            parts.append(nxt)
            joined += 1
        out.append(Paragraph("".join(parts), first.loc))
        i += 1
    return out if joined else None


def _adjacent(a: Paragraph, b: Paragraph) -> bool:
    if a.loc.page != b.loc.page:
        return True  # a paragraph running on over a page break
    return a.loc.line is not None and b.loc.line == a.loc.line + 1
