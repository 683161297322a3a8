"""Machine-readable report: one JSON document for the whole run (see README for the shape)."""

from __future__ import annotations

from typing import Any

from planlint import __version__
from planlint.checks import Result
from planlint.checks.base import STATUSES, Verdict
from planlint.engine import Failure
from planlint.match.near import NearMiss
from planlint.messages import word
from planlint.model import Item, Plan, ReadingNote
from planlint.report.jsontext import dumps
from planlint.report.stream import Out, collect, json_array, reindented


def item_dict(item: Item) -> dict[str, Any]:
    """An item as parse left it: its deadline as written and as parse read it (kind, date)."""
    deadline = item.deadline_read
    return {
        "id": item.id,
        "section": item.section,
        "text": item.text,
        "assignees": item.assignees,
        "leads": item.leads,
        "assisting": item.assisting,
        "placeholder": item.placeholder,
        "deadline": item.deadline,
        "deadline_kind": deadline.kind if deadline else None,
        "deadline_date": deadline.date.isoformat() if deadline and deadline.date else None,
        "line": item.loc.line,
        "location": item.loc.to_dict(),
    }


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "path": plan.path,
        "format": plan.format,
        "title": plan.title,
        "agency": plan.agency,
        "year": plan.year,
        "kind": plan.kind,
        "placeholders": plan.placeholders,
        "items": [item_dict(i) for i in plan.items],
        "unplaced": [
            {"text": f.text, "role": f.role, "line": f.loc.line, "location": f.loc.to_dict()}
            for f in plan.unplaced
        ],
        "reading": reading_dict(plan.reading),
    }


def reading_dict(note: ReadingNote | None) -> dict[str, Any] | None:
    if note is None:
        return None
    return {
        "name": note.name,
        "confidence": note.confidence,
        "score": note.score,
        "facts": note.facts,
        "beaten": note.beaten,
        "doubts": [
            {"kind": d.kind, "detail": d.detail, "location": d.loc.to_dict() if d.loc else None}
            for d in note.doubts
        ],
    }


def near_dict(near: NearMiss) -> dict[str, Any]:
    """A near miss of a missing requirement (see match/near.py): where, what hit, what did not."""
    return {
        "kind": near.kind,
        "item": near.item,
        "role": near.role,
        "line": near.loc.line,
        "location": near.loc.to_dict(),
        "pattern": near.pattern,
        "share": near.share,
        "found": list(near.found),
        "lacking": [list(g) for g in near.lacking],
        "excluded": list(near.excluded),
        "vetoed": list(near.vetoed),
        "apart": near.apart,
        "excerpt": near.excerpt,
    }


def result_dict(result: Result, lang: str = "zh") -> dict[str, Any]:
    out = plan_dict(result.plan)
    out["packs"] = result.pack_names
    out["year_pack"] = result.year.to_dict() if result.year else None  # --year's choice
    out["requirements"] = [
        {
            "rule": v.rule.id,
            "pack": v.rule.pack,
            "title": v.rule.title if lang == "zh" else (v.rule.title_en or v.rule.title),
            "status": v.status,
            "status_text": word(v.status, lang),
            "severity": v.rule.severity,
            "source": {"document": v.rule.source_document, "section": v.rule.source_section},
            "items": v.items,
            "owners": v.owners,
            "deadline": v.deadline,
            "due": _due(v, result.plan),
            "score": v.score,
            "evidence": [
                {"item": h.item, "score": h.score, "terms": list(h.terms), "via": h.via}
                for h in v.hits
            ],
            "near_misses": [near_dict(n) for n in v.near],
        }
        for v in result.verdicts
    ]
    out["findings"] = [
        {
            "rule": f.rule,
            "pack": f.pack,
            "severity": f.severity,
            "kind": f.kind,
            "message": f.message_in(lang),
            "item": f.item,
            "line": f.line,
            "location": f.loc.to_dict() if f.loc else None,
        }
        for f in result.findings
    ]
    counts = {s: sum(v.status == s for v in result.verdicts) for s in STATUSES}
    out["summary"] = {"requirements": len(result.verdicts), **counts}
    return out


def _due(verdict: Verdict, plan: Plan) -> str | None:
    """The requirement's due date for this plan (rules/due.py: by its year and its issuer's
    kind), when it has one and the plan's year is known."""
    due = verdict.rule.due
    if due is None or plan.year is None:
        return None
    return due.applied(plan.year, plan.issuer_kind).date.isoformat()


def render_json(outcomes: list[Result | Failure], lang: str = "zh") -> str:
    parts: list[str] = []
    collect(JsonWriter(parts.append, lang), outcomes)
    return "".join(parts)


class JsonWriter:
    """The JSON document written plan by plan (report/stream.py): ``plans`` as they arrive,
    then ``errors`` (the failures, kept: a line each), laid out as ``json.dumps`` with
    ``indent=2`` lays out the whole document."""

    def __init__(self, out: Out, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.errors: list[dict[str, str]] = []
        out("{\n  " + dumps({"version": __version__})[4:-2] + ',\n  "plans": ')
        self.plans = json_array(out, 2)

    def add(self, outcome: Result | Failure) -> None:
        if isinstance(outcome, Failure):
            self.errors.append({"path": outcome.path, "message": outcome.message})
        else:
            self.plans(dumps(result_dict(outcome, self.lang)))

    def finish(self) -> None:
        self.plans(None)
        self.out(',\n  "errors": ' + reindented(dumps(self.errors), 2) + "\n}")
