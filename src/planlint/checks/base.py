"""The data checks produce."""

from __future__ import annotations

from dataclasses import dataclass, field

from planlint.match import Hit
from planlint.match.near import NearMiss
from planlint.messages import render
from planlint.model import Item, Location
from planlint.rules import Rule
from planlint.selection import OWN_PACK

STATUSES = ("covered", "unassigned", "not-applicable", "missing")


@dataclass
class Verdict:
    """One requirement's status in one plan, and the items behind it."""

    rule: Rule
    status: str  # one of STATUSES
    hits: list[Hit] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    deadline: str | None = None
    best_item: str | None = None  # the id of the item that best carries it
    near: list[NearMiss] = field(default_factory=list)  # when missing: where its words appear

    @property
    def items(self) -> list[str]:
        return [h.item for h in self.hits]

    @property
    def score(self) -> float:
        return max((h.score for h in self.hits), default=0.0)


@dataclass
class Finding:
    rule: str  # bare rule id
    pack: str
    severity: str  # error | warning | info
    kind: str  # missing, unassigned, not-applicable, diffuse-owner, no-deadline, vague-deadline,
    # late-deadline
    message: str  # Chinese by default; report/ may translate by kind
    item: str | None = None
    loc: Location | None = None
    params: dict[str, str] = field(default_factory=dict)
    template: str = ""  # the messages/findings.py template the message was rendered from

    def message_in(self, lang: str) -> str:
        if lang == "zh" or not self.template:
            return self.message
        return render(self.template, self.params, lang)

    @property
    def line(self) -> int | None:
        return self.loc.line if self.loc else None


def finding(
    rule: Rule,
    severity: str,
    kind: str,
    template: str,
    params: dict[str, str],
    item: Item | None = None,
    loc: Location | None = None,
) -> Finding:
    """A finding whose message is rendered (in Chinese) from a messages/findings.py template; ``loc``
    places a finding that no item carries (a missing requirement mentioned in a note)."""
    return _rendered(rule.id, rule.pack, severity, kind, template, params, item, loc)


def own_finding(
    kind: str,
    severity: str,
    params: dict[str, str],
    item: Item | None = None,
    loc: Location | None = None,
    template: str | None = None,
) -> Finding:
    """One of planlint's own findings (pack ``planlint``, the rule named by its kind: reading,
    untraced, unknown-department), which no pack's rule stands behind; ``template`` defaults
    to the kind."""
    return _rendered(kind, OWN_PACK, severity, kind, template or kind, params, item, loc)


def _rendered(
    rule: str,
    pack: str,
    severity: str,
    kind: str,
    template: str,
    params: dict[str, str],
    item: Item | None,
    loc: Location | None,
) -> Finding:
    return Finding(
        rule=rule,
        pack=pack,
        severity=severity,
        kind=kind,
        message=render(template, params),
        item=item.id if item else None,
        loc=item.loc if item else loc,
        params=params,
        template=template,
    )
