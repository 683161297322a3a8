"""Benchmark: a batch of generated plans in every shape and format, against the floor.

    python benchmarks/bench_batch.py [--plans 1000] [--sizes 1000,10000,60000] [--jobs 0]
                                     [--shapes tab,web,...] [--no-pdf] [--runs 5]

Prints, for one cold ``planlint check DIR --format json`` over N generated plans (tab dump, pipe
dump, Markdown table, pandoc grid table, one cell a line, numbered prose, blank-line web page,
.docx, .xlsx, .html and .pdf in turn), plans/s next to the same machine's time for the floor:
the same files decoded or their text extracted (the fastest extractor at hand: pypdfium2 for
PDF) and scanned with ``str.find`` for every term of the core pack, on as many processes as
planlint uses. Then the cold-start wall time of one 60-item plan, and the time to check one plan
per shape as it grows (``--sizes``; the reading budgets and worker limits raised, since the
defaults refuse such plans), as CPU seconds and as milliseconds per item with the start-up left
out, to show whether time is linear in a plan's size. Issue 9's targets: 1,000 plans <= 10 s on
2 cores and within 10x of the floor; 60 items <= 0.35 s cold; linear up to 60,000 items.
``--plans 0``, ``--runs 0`` or ``--sizes ""`` leave a part out; ``--no-pdf`` leaves PDF out
(LibreOffice makes the PDFs; without it they are left out anyway).

Why the floor: it is what any checker of these files must at least pay (read the bytes, get the
text out, look for the words), so the ratio says how much planlint adds for parsing the table,
the owners and deadlines, and the matching with its look-alikes, windows and typos.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench_check import TASKS  # run as a script: benchmarks/ is on sys.path

HEADER = ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]
_GROUPS = [
    "加强政务公开组织领导",
    "推进重点领域信息公开",
    "强化政策解读回应",
    "规范依申请公开",
    "加强平台建设",
    "做好政府信息管理",
    "夯实工作基础",
]
_TASKS = [
    *TASKS,
    "按月公开医疗机构执业登记、校验和注销等信息，方便群众查询。",
    "分管领导听取政务公开工作情况汇报，协调解决存在的问题。",
    "组织开展农业技术政策培训，提升新型经营主体能力。",
    "及时公布家庭医生签约服务的服务内容、收费标准和签约团队名单。",
    "做好建筑市场信用信息和行政处罚结果公开，处罚决定作出后7个工作日内上网。",
    "优化政府网站栏目设置，及时更新信息内容，清理僵尸栏目。",
    "规范政府信息公开申请办理，做好依申清公开答复文书的合法性审查。",
    "完善基层政务公开标准目录，动态更新公开事项清单。",
]
_UNITS = ["办公室", "法规科", "计划财务科", "发展规划科", "信息中心", "政策法规科", "综合科"]
_DEADLINES = ["2024年6月底前", "2024年12月底前", "每季度末", "长期坚持", "2024年9月30日"]
SHAPES = ["tab", "pipe", "md", "grid", "cells", "prose", "web", "docx", "xlsx", "html", "pdf"]


def _rows(items: int, seed: int) -> list[list[str]]:
    """``items`` rows of (number, group, task, units, deadline), varied by ``seed``."""
    rnd = random.Random(seed)
    rows = []
    for n in range(1, items + 1):
        group = _GROUPS[(n - 1) // 5 % len(_GROUPS)]
        head = f"{'一二三四五六七八九十'[(n - 1) // 5 % 10]}、{group}" if n % 5 == 1 else ""
        task = _TASKS[rnd.randrange(len(_TASKS))]
        units = "、".join(rnd.sample(_UNITS, rnd.randint(1, 2)))
        rows.append([str(n), head, task, units, rnd.choice(_DEADLINES)])
    return rows


def _title(seed: int) -> str:
    return f"某市第{seed}区交通运输局2024年政务公开工作要点分工方案"


def _tab(rows: list[list[str]], seed: int) -> str:
    lines = [_title(seed), ""] + [f"\t{h}" for h in HEADER[1:]] + [""]
    for n, head, task, units, deadline in rows:
        lines += [f"\t{head}", f"\t{n}.{task}", f"\t{units}"]
        lines += [f"\t{deadline}", ""]
    return "\n".join(lines)


def _pipe(rows: list[list[str]], seed: int) -> str:
    lines = [_title(seed)] + [f"{h} |" for h in HEADER] + ["|"]
    for row in rows:
        lines += [f"{c} |" for c in row] + ["|"]
    return "\n".join(lines)


def _md(rows: list[list[str]], seed: int) -> str:
    lines = [f"# {_title(seed)}", "", "| " + " | ".join(HEADER) + " |", "|---" * 5 + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _prose(rows: list[list[str]], seed: int) -> str:
    lines = [_title(seed), ""]
    for n, head, task, units, deadline in rows:
        if head:
            lines.append(head)
        lines.append(f"{n}. {task}（责任单位：{units}；完成时限：{deadline}）")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a text takes in a monospaced layout: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _grid(rows: list[list[str]], seed: int) -> str:
    """A pandoc grid table (``pandoc -t markdown`` of a Word table), one line a row."""
    widths = [max(_width(r[j]) for r in [HEADER, *rows]) for j in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return "| " + " | ".join(padded) + " |"

    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [_title(seed), "", rule, line(HEADER), rule.replace("-", "=")]
    for row in rows:
        lines += [line(row), rule]
    return "\n".join(lines)


def _cells(rows: list[list[str]], seed: int) -> str:
    """One cell a line after the column names (LibreOffice's text export, a page copied from
    a browser): no blank lines, an empty cell left out."""
    lines = [_title(seed), *HEADER[1:]]
    for _, head, task, units, deadline in rows:
        lines += [p for p in (head, task, units, deadline) if p]
    return "\n".join(lines)


def _web(rows: list[list[str]], seed: int) -> str:
    """A web page copied as text: every cell its own paragraph, blank lines between."""
    parts = ["您现在所在的位置：首页 > 信息公开 > 计划总结", _title(seed), *HEADER[1:]]
    for _, head, task, units, deadline in rows:
        parts += [p for p in (head, task, units, deadline) if p]
    return "\n\n".join(parts)


def _html(rows: list[list[str]], seed: int) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    return (
        f'<html><head><meta charset="utf-8"><title>{_title(seed)}</title></head><body>'
        f"<h1>{_title(seed)}</h1><table>{head}\n{cells}</table></body></html>"
    )


def _docx(rows: list[list[str]], seed: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(_title(seed))
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(rows: list[list[str]], seed: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("分工方案")
    sheet.append([_title(seed)])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_TEXT: dict[str, tuple[str, Callable[[list[list[str]], int], str]]] = {
    "tab": (".txt", _tab),
    "pipe": (".txt", _pipe),
    "md": (".md", _md),
    "grid": (".md", _grid),
    "cells": (".txt", _cells),
    "prose": (".txt", _prose),
    "web": (".txt", _web),
    "html": (".html", _html),
}


def write_plan(folder: Path, shape: str, items: int, seed: int, pdfs: list[Path]) -> Path:
    """One plan file of ``shape``; PDFs are converted by LibreOffice once and reused."""
    rows = _rows(items, seed)
    stem = f"{seed:05d}-{shape}-{items}"
    if shape in _TEXT:
        suffix, make = _TEXT[shape]
        path = folder / f"{stem}{suffix}"
        path.write_text(make(rows, seed), encoding="utf-8")
    elif shape == "docx":
        path = folder / f"{stem}.docx"
        path.write_bytes(_docx(rows, seed))
    elif shape == "xlsx":
        path = folder / f"{stem}.xlsx"
        path.write_bytes(_xlsx(rows, seed))
    else:
        path = folder / f"{stem}.pdf"
        if not pdfs:
            raise RuntimeError("no PDF generator")
        shutil.copyfile(pdfs[seed % len(pdfs)], path)
    return path


def make_pdfs(folder: Path, items: int, count: int = 4) -> list[Path]:
    """A few PDFs printed from Word files by LibreOffice (``soffice``), if it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return []
    work = folder / "pdf-src"
    work.mkdir(exist_ok=True)
    sources = []
    for seed in range(count):
        path = work / f"pdf-{seed}-{items}.docx"
        path.write_bytes(_docx(_rows(items, 10_000 + seed), 10_000 + seed))
        sources.append(str(path))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), *sources],
        capture_output=True,
        timeout=600,
        check=False,
    )
    return sorted(work.glob("*.pdf"))


def _extract(path: Path) -> str:
    """The file's text by the fastest means at hand: what any checker must at least pay."""
    suffix = path.suffix
    if suffix in (".txt", ".md", ".html"):
        return path.read_bytes().decode("utf-8")
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join(parts)
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(str(path), read_only=True)
        return "\n".join(
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def _floor_one(args: tuple[Path, tuple[str, ...]]) -> int:
    path, terms = args
    text = _extract(path)
    return sum(text.find(t) != -1 for t in terms)


def floor(paths: list[Path], terms: tuple[str, ...], jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds to extract and scan every file, on ``jobs`` processes like
    planlint."""
    cpu = _cpu()
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pool.map(_floor_one, [(p, terms) for p in paths], chunksize=8)
    return time.perf_counter() - start, _cpu() - cpu


def core_terms() -> tuple[str, ...]:
    from planlint.rules import load_pack

    pack = load_pack("core")
    terms = {
        t
        for rule in pack.rules
        for p in rule.match.patterns
        for g in (*p.groups, *p.none)
        for t in g
    }
    return tuple(sorted(terms))


def _env(cache: Path) -> dict[str, str]:
    # a user's install keeps compiled bytecode: without it the figure measures the compiler
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}
    return {**env, "PLANLINT_CACHE_DIR": str(cache), "CI": "1"}


def _cpu() -> float:
    """CPU seconds of this process's finished children (and theirs): on a shared machine the
    wall time says as much about the neighbours as about planlint."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# The sweep's plans are far past the default reading budgets and worker limits (a 60,000-item
# plan has 300,000 cells): they are raised for it, so that it measures time, not refusals.
SWEEP_LIMITS = [
    *("--limit", "max_cells=100000000", "--limit", "max_chars=1000000000"),
    *("--limit", "max_xml_nodes=1000000000", "--limit", "max_xml_bytes=2000000000"),
    *("--limit", "max_unzipped=4000000000", "--limit", "max_ratio=100000"),
    *("--max-size", "1000", "--memory", "16000", "--timeout", "7200"),
]


def check(
    target: Path, cache: Path, jobs: int, extra: tuple[str, ...] = ()
) -> tuple[float, int, float]:
    """Wall seconds of one cold ``planlint check``, its exit code and its CPU seconds."""
    cpu = _cpu()
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "planlint", "check", str(target), "--format", "json", *extra]
        + (["--jobs", str(jobs)] if jobs else []),
        env=_env(cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    return time.perf_counter() - start, run.returncode, _cpu() - cpu


def sweep_sizes(root: Path, sizes: list[int], args: argparse.Namespace, pdfs: list[Path]) -> None:
    """One plan per shape and size, each checked cold with the budgets raised: CPU seconds and
    milliseconds per item, so that time growing faster than the plan shows at a glance."""
    shapes = args.shapes.split(",")
    sweep = root / "sweep"
    sweep.mkdir(exist_ok=True)
    base = None
    print()
    print(f"{'items':>8}" + "".join(f"{s:>9}" for s in shapes))
    per_item: dict[str, list[float]] = {s: [] for s in shapes}
    for size in sizes:
        cells = []
        for shape in shapes:
            if shape == "pdf" and (size > args.pdf_max or not pdfs):
                cells.append(f"{'-':>9}")
                continue
            pdf_sized = make_pdfs(sweep, size, 1) if shape == "pdf" else []
            path = write_plan(sweep, shape, size, 7, pdf_sized)
            _, code, cpu = check(path, root / "cache-sweep", 1, tuple(SWEEP_LIMITS))
            if base is None:  # the start-up every check pays, measured on the smallest plan
                base = _startup(root)
            ms = 1000 * max(cpu - base, 0.0) / size
            per_item[shape].append(ms)
            cells.append(f"{cpu:8.2f}{'' if code in (0, 1) else '!'}")
            path.unlink()
        print(f"{size:>8}" + "".join(f"{c:>9}" for c in cells), flush=True)
    print("(CPU seconds of one cold check; ! marks a plan that could not be checked)")
    print()
    print("ms per item, start-up left out (flat along a column: time linear in the plan's size)")
    for i, size in enumerate(sizes):
        row = [per_item[s][i] if i < len(per_item[s]) else None for s in shapes]
        print(f"{size:>8}" + "".join(f"{'-':>9}" if v is None else f"{v:9.3f}" for v in row))


def _startup(root: Path) -> float:
    """CPU seconds of a cold check of a 5-item plan: interpreter, imports, pack, report."""
    one = root / "startup"
    one.mkdir(exist_ok=True)
    plan = write_plan(one, "tab", 5, 1, [])
    return min(check(plan, root / "cache-startup", 1)[2] for _ in range(3))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=1000, help="plans in the batch (0: none)")
    ap.add_argument("--sizes", default="1000,10000,60000", help="items per plan for the sweep")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="shapes in the sweep")
    ap.add_argument("--pdf-max", type=int, default=600, help="largest PDF in the sweep")
    ap.add_argument("--jobs", type=int, default=0, help="planlint --jobs (0: its default)")
    ap.add_argument("--runs", type=int, default=5, help="cold runs of the 60-item plan")
    ap.add_argument("--keep", type=Path, help="write the plans here and keep them")
    ap.add_argument("--no-pdf", action="store_true", help="leave PDF out of batch and sweep")
    args = ap.parse_args()
    if args.no_pdf:
        args.shapes = ",".join(s for s in args.shapes.split(",") if s != "pdf")
    jobs = args.jobs or os.cpu_count() or 1
    terms = core_terms()
    tmp = Path(tempfile.mkdtemp(prefix="planlint-bench-"))
    root = args.keep or tmp
    try:
        batch = root / "batch"
        batch.mkdir(parents=True, exist_ok=True)
        pdfs = [] if args.no_pdf else make_pdfs(root, 40)
        shapes = SHAPES if pdfs else [s for s in SHAPES if s != "pdf"]
        t0 = time.perf_counter()
        paths = [
            write_plan(batch, shapes[i % len(shapes)], 20 + (i * 7) % 41, i, pdfs)
            for i in range(args.plans)
        ]
        made = time.perf_counter() - t0
        print(
            f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}"
        )
        print(
            f"batch: {len(paths)} plans, 20-60 items, shapes {'/'.join(shapes)} (made in {made:.0f} s)"
        )
        print(f"core pack terms in the floor scan: {len(terms)}; processes: {jobs}")
        if paths:
            floor_s, floor_cpu = floor(paths, terms, jobs)
            check_s, code, check_cpu = check(batch, root / "cache-batch", args.jobs)
            print(
                f"load average (1 min) after the batch, other work included: {os.getloadavg()[0]:.1f}"
            )
            print()
            print(f"{'':28}{'wall s':>9}{'plans/s':>9}{'CPU s':>9}")
            print(
                f"{'planlint check (cold)':28}{check_s:9.2f}{len(paths) / check_s:9.1f}"
                f"{check_cpu:9.1f}   exit {code}"
            )
            print(
                f"{'floor: extract + str.find':28}{floor_s:9.2f}{len(paths) / floor_s:9.1f}"
                f"{floor_cpu:9.1f}"
            )
            print(
                f"{'ratio check / floor':28}{check_s / floor_s:9.1f}x{check_cpu / floor_cpu:17.1f}x"
            )

        if args.runs:
            one = root / "one"
            one.mkdir(exist_ok=True)
            plan = write_plan(one, "tab", 60, 1, pdfs)
            check(plan, root / "cache-warm", 1)
            runs = [check(plan, root / f"cache-one-{i}", 1) for i in range(args.runs)]
            cold = [r[0] for r in runs]
            print()
            print(
                f"one 60-item plan, cold start: median {statistics.median(cold):.3f} s,"
                f" best {min(cold):.3f} s, median CPU {statistics.median(r[2] for r in runs):.3f} s"
                f" ({args.runs} runs)"
            )

        sweep_sizes(root, [int(s) for s in args.sizes.split(",") if s], args, pdfs)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
