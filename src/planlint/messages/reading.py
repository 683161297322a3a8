"""The line ``planlint parse`` shows on how a file was read: the reading kept, what it
explains, and the readings it beat. (The doubts about a reading are findings: ``findings.py``.)
"""

from __future__ import annotations

from planlint.messages.words import word

_READING = {
    "zh": "读取方式：{name}（可信度 {confidence:.0%}）：{items} 项，其中 {owned} 项有责任单位、{dated} 项有完成时限{extra}{beaten}",
    "en": "read as {name} (confidence {confidence:.0%}): {items} items, {owned} with owners, {dated} with deadlines{extra}{beaten}",
}


def reading_line(note, lang: str = "zh") -> str:
    """One line on how a file was read and why: the reading kept, what it explains, and
    the readings it beat with their scores."""
    name = "+".join(word(part, lang) for part in note.name.split("+"))
    facts = note.facts
    extra = ""
    if facts.get("not-task-like"):
        extra += (
            f"，{facts['not-task-like']} 项不像工作任务"
            if lang == "zh"
            else f", {facts['not-task-like']} not task-like"
        )
    if facts.get("lost-chars"):
        extra += (
            f"，{facts['lost-chars']} 字疑似任务未归入事项"
            if lang == "zh"
            else f", {facts['lost-chars']} task-like characters unplaced"
        )
    beaten = ""
    if note.beaten:
        others = "、".join(f"{word(n, lang)} {s}" for n, s in note.beaten.items())
        beaten = (
            f"；得分 {note.score}，高于 {others}"
            if lang == "zh"
            else f"; score {note.score} over {others}"
        )
    return _READING.get(lang, _READING["zh"]).format(
        name=name,
        confidence=note.confidence,
        items=facts.get("items", 0),
        owned=facts.get("owned", 0),
        dated=facts.get("dated", 0),
        extra=extra,
        beaten=beaten,
    )
