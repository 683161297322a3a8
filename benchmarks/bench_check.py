"""Benchmark: one 60-item plan checked against the core pack, each run a fresh process.

    python benchmarks/bench_check.py [--runs 7]

Prints the wall time of `planlint check PLAN --format json` from a cold start (new process,
empty pack cache) and with the pack cache warm, the CPU time of each (steadier than the wall time
on a shared machine), and the peak memory of one run. The target (issue 9) is <= 0.35 s wall for
the cold start. The plan is of 2024, a year no shipped year pack serves: `--year auto` (the
default) then loads no year pack at all.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.35

TASKS = [  # one task per core requirement, and two that carry none
    "主要负责同志每年至少听取1次政务公开工作汇报，专题研究部署政务公开工作。",
    "年内至少组织一次政务公开业务培训，实现政务公开工作人员全员培训。",
    "对上一年度工作要点落实情况开展“回头看”，对未完成事项督促整改。",
    "将本要点落实情况纳入政府信息公开工作年度报告予以公开。",
    "建立本年度政务公开重点任务台账，明确责任主体和时限，逐项推动落实。",
    "落实政策解读“三同步”，政策文件与解读材料同步发布。",
    "加强政务舆情监测研判，及时回应社会关切。",
    "在门户网站集中公开现行有效的行政规范性文件，标注有效性并动态更新。",
    "依法依规办理政府信息公开申请，按时答复申请人。",
    "确保政府网站和政务新媒体安全平稳运行。",
    "做好财政预决算信息公开，及时更新专栏内容。",
    "推进重大建设项目批准和实施信息公开。",
]


def make_plan(folder: Path, items: int = 60) -> Path:
    """A tab-dump division plan with `items` items in groups of five."""
    lines = ["某市某区交通运输局2024年政务公开工作要点分工方案", ""]
    lines += ["\t工作任务", "\t具体要求", "\t责任科室", "\t完成时限", ""]
    for n in range(1, items + 1):
        group = (
            f"\t{'一二三四五六七八九十'[(n - 1) // 5 % 10]}、第{(n - 1) // 5 + 1}组任务"
            if n % 5 == 1
            else "\t"
        )
        lines += [
            group,
            f"\t{n}.{TASKS[n % len(TASKS)]}",
            "\t办公室、法规科",
            "\t2024年12月底前",
            "",
        ]
    path = folder / "plan-60.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_once(plan: Path, env: dict[str, str]) -> tuple[float, float]:
    """The wall time and the CPU time (user and system) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planlint", "check", str(plan), "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    # a user's install keeps compiled bytecode; without it every start compiles every module
    # and the figure measures the compiler, not planlint
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print("note: PYTHONDONTWRITEBYTECODE is set here; unset for the runs, as on an install")
    with tempfile.TemporaryDirectory() as tmp:
        plan = make_plan(Path(tmp))
        run_once(plan, {**base, "PLANLINT_CACHE_DIR": str(Path(tmp) / "cache-warmup")})
        cold, warm = [], []
        for i in range(args.runs):
            env = {**base, "PLANLINT_CACHE_DIR": str(Path(tmp) / f"cache-{i}")}
            cold.append(run_once(plan, env))
            warm.append(run_once(plan, env))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median
    print(f"plan: 60 items, core pack, {args.runs} runs each")
    for label, runs in (
        ("cold start (new process, empty pack cache):", cold),
        ("warm pack cache:                           ", warm),
    ):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(
            f"{label} median {median(walls):.3f} s, best {min(walls):.3f} s"
            f" (CPU median {median(cpus):.3f} s)"
        )
    print(f"peak memory of one run: {peak:.0f} MB")
    cold_wall = median([w for w, _ in cold])
    verdict = "OK" if cold_wall <= TARGET_SECONDS else "OVER"
    print(f"target <= {TARGET_SECONDS} s cold: {verdict}")


if __name__ == "__main__":
    main()
