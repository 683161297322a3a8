"""What `planlint parse` shows: the items read from a plan and the text left unplaced, so a user
can see whether planlint read the plan as they would."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from planlint import __version__
from planlint.messages import reading_line, word
from planlint.model import Plan
from planlint.output import printable
from planlint.report.json import plan_dict
from planlint.report.jsontext import dumps

_HEAD = {
    "zh": ("编号", "所属部分", "工作任务", "责任单位", "完成时限", "位置", "未归入事项的文字"),
    "en": ("id", "section", "text", "units", "deadline", "location", "text not placed in any item"),
}


def render_plan(plan: Plan, lang: str = "zh") -> Group:
    h = _HEAD[lang]
    head = Text(
        f"{printable(plan.path)}  ·  {plan.agency or '?'}  ·  {plan.year or '?'}  ·  "
        f"{word(plan.kind, lang)}  ·  {len(plan.items)}"
    )
    table = Table(expand=True, show_lines=True, pad_edge=False)
    table.add_column(h[0], no_wrap=True)
    table.add_column(h[1], ratio=2, overflow="fold")
    table.add_column(h[2], ratio=5, overflow="fold")
    table.add_column(h[3], ratio=2, overflow="fold")
    table.add_column(h[4], ratio=1, overflow="fold")
    table.add_column(h[5], no_wrap=True, style="dim")
    for item in plan.items:
        units = "、".join(item.assignees) or (item.placeholder or "")
        if item.assisting:
            units += f" (+{'、'.join(item.assisting)})"
        # plan text as Text: a "[/b]" in a cell is text, not rich markup
        cells = (item.id, item.section, item.text, units, item.deadline or "", item.loc.describe())
        table.add_row(*(Text(cell) for cell in cells))
    parts: list = [head]
    if plan.reading is not None:
        parts.append(Text(reading_line(plan.reading, lang), style="dim"))
    parts.append(table)
    if plan.unplaced:
        rest = Table.grid(padding=(0, 1))
        for frag in plan.unplaced:
            rest.add_row(
                Text(frag.loc.describe(), style="dim"),
                Text(frag.role, style="dim"),
                Text(frag.text),
            )
        parts += [Text(h[6], style="bold"), rest]
    return Group(*parts)


def render_items_terminal(plans: list[Plan], console: Console, lang: str = "zh") -> None:
    for plan in plans:
        console.print(Panel(render_plan(plan, lang), title="planlint parse", expand=True))


def render_items_json(plans: list[Plan], errors: list[dict[str, str]]) -> str:
    doc = {"version": __version__, "plans": [plan_dict(p) for p in plans], "errors": errors}
    return dumps(doc)
