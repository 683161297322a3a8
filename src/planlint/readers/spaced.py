"""Tables as ``pdftotext -raw`` writes them: cells of one row on one line, a single space apart.

In raw mode pdftotext writes text in the order the PDF draws it and puts runs that share a
baseline on one line. A word processor draws a table cell by cell, so a line holds the first
lines of the cells that start level with each other (``1 一、强化政策解``, ``办公室 2025 年 6 月 30
日``), the last line of a cell next to the last line of the one after it (``…办事指南。 前``),
and a wrapped cell's other lines follow, each on a line of its own. The same single space also
stands inside a cell: around digits set in another font (``2025 年 6 月``, ``在 24 小时内``) and
where quotes drawn in another font were moved out of the line onto a line of their own (``“ ”``
above ``开展 回头看 ，``).

This reading cuts lines into pieces at the spaces that separate cells, keeps the spaces that do
not, joins a cell's wrapped lines where the text shows they belong together, and hands the
pieces to the row decoder (parse/rows.py) as a stream of cell pieces. It is offered only when a
header line names the columns a single space apart, and parse keeps it only when it explains
the text better than the other readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planlint.cellkinds import (
    cjk_len,
    is_deadline_like,
    is_placeholder,
    is_unit_like,
    marker,
)
from planlint.model import Block, Cell, CellStream, Location, Paragraph
from planlint.readers.layout import display_width
from planlint.textnorm import normalize
from planlint.vocab import header_role

_HEADER_SCAN = 60  # how far into the text the header may stand
_MIN_SPLIT_LINES = 3  # lines in the body holding several cells: evidence of the shape
_WRAPPED_HEAD = 3  # lines of a header name wrapped in a narrow column (序 / 号)
_UNIT_WRAP = 3  # more lines a unit list may wrap over
_UNIT_PIECE = 12  # a unit list's wrapped line is short
_ROW_PIECES = 16  # the most cells a row split by a page break is searched back over
_MAX_CELLS = 12  # more cells than this on one line: no table row (and bounded work)
_MAX_CELL_CHARS = 2000  # no cell runs longer: lines stop joining (and work stays linear)

# what may follow a number inside a cell: 2025 年, 24 小时, 20 个工作日, 2 次
_MEASURE = re.compile(
    r"^(年|月|日|号|个|小时|天|周|季度|次|项|件|份|家|条|名|人|批|期|万|亿|元|%|％|倍|余|多|届"
    r"|轮|分|秒|岁|户|类|篇|场|台|套|米|公里|平方)"
)
_DATE_END = re.compile(r"\d\s*[年月]$")  # "2025 年" goes on with "6 月"
_DATE_TAIL = re.compile(r"^(日|号)?(前|以前|之前|底|底前|末|内|以内)?$")
_CLOSING = "，。、；：！？）》」』”’,.;:!?)%％"
_OPENING = "（《「『“‘("
_QUOTES = set("“”‘’\"'「」")
_RUNNING = re.compile(r"^\d{1,3}$")


@dataclass
class Piece:
    """A run of one cell's text on one line, and where it starts; ``first`` when it opens its
    line (a row can start there), ``whole`` when it is the whole line."""

    text: str
    line: int
    column: int
    first: bool
    whole: bool
    width: int = 0  # display width of the piece's last line
    last: str = ""  # the piece's last line: what the next line may go on from
    broken: bool = False  # the line was cut short by quotes: it goes on on the next line


def spaced_cells(lines: list[str]) -> list[Block] | None:
    """The text as paragraphs before the header, then one stream of cell pieces; None when no
    header line names the columns a single space apart or too few lines hold several cells."""
    head = _header_line(lines)
    if head is None:
        return None
    header = lines[head].split()
    above = _wrapped_header_above(lines, head)
    below = head + 1
    sub = lines[below].split() if below < len(lines) else []
    if sub and all(header_role(normalize(t)) for t in sub):  # a two-row header
        header, below = header + sub, below + 1
    start = head - len(above)
    blocks: list[Block] = [
        Paragraph(lines[i].strip(), Location(line=i + 1, column=1))
        for i in range(start)
        if lines[i].strip()
    ]
    cells = [Cell(text, Location(line=i + 1, column=1)) for text, i in above]
    cells += [Cell(t, Location(line=head + 1, column=1)) for t in lines[head].split()]
    cells += [Cell(t, Location(line=head + 2, column=1)) for t in sub if below > head + 1]
    body = _body_pieces(lines, below, header)
    if body is None or sum(1 for p in body[0] if not p.first) < _MIN_SPLIT_LINES:
        return None
    pieces, repeats = body
    hints: dict[int, float] = {}
    for piece in pieces:
        cells.append(Cell(piece.text, Location(line=piece.line + 1, column=piece.column + 1)))
        if not piece.first:  # a row starts on a line of its own
            hints[len(cells) - 1] = float("-inf")
    loc = Location(line=start + 1, column=1)
    blocks.append(CellStream(cells, loc, hints, pieces=True, blanks_hidden=True))
    blocks.extend(Paragraph(lines[i].strip(), Location(line=i + 1, column=1)) for i in repeats)
    return blocks


def _header_line(lines: list[str]) -> int | None:
    """The first line naming three or more columns, each a single space from the next, an
    owner's or a deadline's among them: a header row's names stand level, so pdftotext writes
    them on one line. (A line of aligned columns, with runs of spaces, is layout.py's; a
    header whose names stand on lines of their own is a table written column by column.)"""
    for i, line in enumerate(lines[:_HEADER_SCAN]):
        text = line.strip()
        if "  " in text or "\t" in text:
            continue
        roles = [header_role(normalize(n)) for n in text.split(" ")]
        if len(roles) >= 3 and all(roles) and {"unit", "deadline"} & set(roles):
            return i
    return None


def _wrapped_header_above(lines: list[str], head: int) -> list[tuple[str, int]]:
    """A narrow column's name wrapped one character a line above the header line (序 / 号):
    the lines right above that together make a column name."""
    for count in range(_WRAPPED_HEAD, 1, -1):
        if head - count < 0:
            continue
        texts = [lines[head - count + k].strip() for k in range(count)]
        if all(t and cjk_len(t) <= 2 for t in texts) and header_role(normalize("".join(texts))):
            return [("".join(texts), head - count)]
    return []


def _body_pieces(
    lines: list[str], start: int, header: list[str]
) -> tuple[list[Piece], list[int]] | None:
    """The body's pieces, wrapped lines joined; and the lines that repeat the header after a
    page break (left out of the stream, kept as paragraphs). None when a line holds more
    cells than a table row has: the text is not a table written a row a line."""
    pieces: list[Piece] = []
    repeats: list[int] = []
    quotes: list[str] = []
    row_start = 0  # index of the piece that opened the current row
    after_break: list[Piece] | None = None
    repeated = _repeated_headers(lines, start, header)
    for i in range(start, len(lines)):
        text = lines[i].strip()
        if i in repeated:
            repeats.append(i)
            after_break = []
            continue
        if not text:
            continue
        tokens = text.split(" ")
        tokens, quotes, broken = _restore_quotes(tokens, quotes)
        line_pieces = _cut_line(tokens, lines[i], i)
        if len(line_pieces) > _MAX_CELLS:
            return None
        if not line_pieces:
            continue
        line_pieces[-1].broken = broken
        if after_break is not None and not _RUNNING.match(line_pieces[0].text):
            after_break.extend(line_pieces)
            continue
        if after_break:
            _continue_row(pieces[max(row_start, len(pieces) - _ROW_PIECES) :], after_break)
        after_break = None
        for piece in line_pieces:
            if piece.first and pieces and _continues(pieces[-1], piece):
                pieces[-1].text = _glue(pieces[-1].text, piece.text)
                pieces[-1].width, pieces[-1].last = piece.width, piece.text
                continue
            if piece.first and _RUNNING.match(piece.text):
                row_start = len(pieces)
            pieces.append(piece)
    if after_break:
        _continue_row(pieces[max(row_start, len(pieces) - _ROW_PIECES) :], after_break)
    if quotes and pieces:  # quotes never put back: kept, not lost
        pieces[-1].text += "".join(quotes)
    return _join_unit_lists(pieces), repeats


def _repeated_headers(lines: list[str], start: int, header: list[str]) -> set[int]:
    """The lines that repeat the header after a page break, with a column name wrapped one
    character a line above them (序 / 号)."""
    out: set[int] = set()
    for i in range(start, len(lines)):
        if lines[i].split() == header:
            out.add(i)
            above = _wrapped_header_above(lines, i)
            if above:
                out.update(range(above[0][1], i))
    return out


def _restore_quotes(tokens: list[str], pending: list[str]) -> tuple[list[str], list[str], bool]:
    """Put quotes moved out of a line back where the line has a space for them, and take the
    quotes this line ends in as pending for the next; and whether the line ends in quotes
    after some text. pdftotext writes quotes drawn in another font apart from their words
    and leaves a space where each stood; quotes drawn before the rest of their line end the
    raw line early, and the rest of the line follows on the next."""
    gaps = list(range(len(tokens) - 1))
    # quotes enclose words: spaces between two Chinese words first, then any
    words = [g for g in gaps if not (_ascii_end(tokens[g]) or _ascii_start(tokens[g + 1]))]
    chosen = sorted((words + [g for g in gaps if g not in words])[: len(pending)])
    out: list[str] = []
    for k, token in enumerate(tokens):
        if k - 1 in chosen:
            out[-1] += pending[chosen.index(k - 1)] + token
        else:
            out.append(token)
    trailing: list[str] = []
    while out and out[-1] and set(out[-1]) <= _QUOTES:
        trailing.insert(0, out.pop())
    quotes = [*pending[len(chosen) :], *(q for t in trailing for q in t)]
    return [t for t in out if t], quotes, bool(trailing and out)


def _ascii_end(token: str) -> bool:
    return token[-1:].isascii() and token[-1:].isalnum()


def _ascii_start(token: str) -> bool:
    return token[:1].isascii() and token[:1].isalnum()


def _cut_line(tokens: list[str], raw: str, line: int) -> list[Piece]:
    """Cut a line's tokens into pieces at the spaces that separate cells."""
    if not tokens:
        return []
    indent = len(raw) - len(raw.lstrip())
    pieces: list[Piece] = []
    text, column = tokens[0], indent
    pos = indent + len(tokens[0]) + 1
    for token in tokens[1:]:
        if _separates(text, token):
            pieces.append(Piece(text, line, column, not pieces, False))
            text, column = token, pos
        else:
            text += " " + token
        pos += len(token) + 1
    pieces.append(Piece(text, line, column, not pieces, False))
    if len(pieces) == 1:
        pieces[0].whole = True
    for piece in pieces:
        piece.width, piece.last = display_width(piece.text), piece.text
    return pieces


def _separates(left: str, right: str) -> bool:
    """Whether the space between the piece so far and the next token separates two cells.

    Spaces around digits are mostly a font change inside a cell (2025 年 6 月, 在 24 小时内):
    they separate only after a running number that opens the line, or before a date or number
    that follows a unit list or a finished sentence. A space right inside punctuation never
    separates. Between two Chinese words a space is a cell boundary."""
    if right[0] in _CLOSING or left[-1] in _OPENING:
        return False
    digit_left, digit_right = _ascii_end(left), _ascii_start(right)
    if digit_left and _MEASURE.match(right):
        return False
    if _RUNNING.match(left):
        return True
    if digit_right and _DATE_END.search(left):
        return False
    if digit_left:  # a piece ending in a number or a Latin word is no unit list or sentence
        return False
    if digit_right:
        return _complete_cell(left)
    return True


def _complete_cell(text: str) -> bool:
    """A piece that is a whole cell before a number: a unit list, a placeholder, a sentence."""
    return is_unit_like(text) or is_placeholder(text) or text.rstrip()[-1:] in "。；;"


def _continues(prev: Piece, piece: Piece) -> bool:
    """Whether a line's first piece goes on with the piece before it (the last of the line
    above): a wrapped cell's next line that cannot be a cell of its own. A date's tail
    (``日`` / ``前``), a measure after a number (``20`` / ``个工作日内``), one or two characters
    that are no number, placeholder or deadline (``室``, ``设``); and a number with its
    measure after a line holding several cells, whose last cell that line started."""
    text = piece.text
    if len(prev.text) > _MAX_CELL_CHARS:
        return False
    if prev.last.rstrip()[-1:] in "。；;" or (prev.first and _RUNNING.match(prev.text)):
        return False
    if _RUNNING.match(text) or marker(text):
        return False
    if prev.broken:
        return True
    if prev.text[-1].isdigit() and _MEASURE.match(text):
        return True
    if _DATE_TAIL.match(text) and re.search(r"\d", prev.last):
        return True
    short = piece.whole and cjk_len(text) <= 2
    if short and not (text.isdigit() or is_placeholder(text) or is_deadline_like(text)):
        return not marker(text)
    number_first = re.match(r"^\d+\s*", text)
    if number_first and _MEASURE.match(text[number_first.end() :]):
        # a unit list wrapped over lines (基础教育科、办公 / 室) is a whole cell before a date
        whole_units = is_unit_like(prev.last) or is_unit_like(prev.text)
        return not prev.whole and not prev.first and not whole_units
    return _wrapped_text(prev, piece)


_FULL = 4  # display columns a wrapped line may fall short of the next line of its cell


def _wrapped_text(prev: Piece, piece: Piece) -> bool:
    """A cell's text wrapped onto the next line: the line before is unfinished and at least
    as wide as this one (a wrapped line fills its column; a new cell in another column is
    wider or narrower at will), and this line is no cell of another kind (a unit list, a
    date). Text that starts a new cell rarely passes: a new row opens with its number."""
    if is_unit_like(piece.text) or is_deadline_like(piece.text) or is_placeholder(piece.text):
        return False
    if is_unit_like(prev.last) or is_deadline_like(prev.last):
        return False
    return prev.width + _FULL >= piece.width


def _glue(left: str, right: str) -> str:
    """Two pieces of one cell's text: no space between Chinese characters, one between ASCII
    words."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return left + " " + right
    return left + right


def _continue_row(before: list[Piece], after: list[Piece]) -> None:
    """A row split by a page break: after the repeated header, each cell's remaining lines
    come in the same column order as the cells' first lines before it. Each piece after the
    break goes on with the first piece before it, in order, that it can continue: a date's
    tail (``底前``, ``30 日前``) a date, text an unfinished text. A space before a number
    after the break separates (``区 30 日前``: a unit list's tail, a date's)."""
    cursor = 0
    leftover: list[str] = []
    for text in (t for piece in after for t in re.split(r" (?=\d)", piece.text)):
        tail = bool(_DATE_TAIL.match(text) or text[0].isdigit())
        for k in range(cursor, len(before)):
            cell = before[k].text
            if _RUNNING.match(cell) or cell.rstrip()[-1:] in "。；;":
                continue
            if tail == bool(re.search(r"\d", cell)) and (tail or not is_deadline_like(cell)):
                before[k].text = _glue(cell, text)
                cursor = k
                break
        else:
            leftover.append(text)
    if before and leftover:  # kept, not lost
        before[-1].text = _glue(before[-1].text, " ".join(leftover))


def _join_unit_lists(pieces: list[Piece]) -> list[Piece]:
    """A unit list wrapped over lines of its own (综合执法大队、登记 / 注册科、价格监督检 / 查科):
    a piece that is no unit list, and the short lines after it that together with it make one,
    are one cell. Line breaks are kept: parse joins names cut mid-word."""
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        end = _unit_list_end(pieces, k)
        if end > k:
            joined = "\n".join(p.text for p in pieces[k : end + 1])
            out.append(Piece(joined, piece.line, piece.column, piece.first, piece.whole))
            k = end + 1
            continue
        out.append(piece)
        k += 1
    return out


def _unit_list_end(pieces: list[Piece], k: int) -> int:
    """The last piece of a unit list wrapped over lines that starts at piece k, or k."""
    text = pieces[k].text
    if is_unit_like(text) or not _short_words(text) or not re.search(r"[、，,]", text):
        return k
    for end in range(k + 1, min(len(pieces), k + 1 + _UNIT_WRAP)):
        nxt = pieces[end]
        if not (nxt.whole and _short_words(nxt.text)):
            return k
        text += "\n" + nxt.text
        if is_unit_like(text):
            return end
    return k


def _short_words(text: str) -> bool:
    return cjk_len(text) <= _UNIT_PIECE and not re.search(r"[。；;\d]", text)
