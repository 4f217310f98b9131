"""Benchmark: generate synthetic sites and time clinicsite's build and lint on them.

    python benchmarks/run.py --pages 1000 --pages 10000 [--repeat 3]

Each measurement runs in a fresh process; wall time is the median of the repeats and peak
memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def measure(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, child.returncode


def run_case(label: str, command: list[str], repeat: int) -> dict[str, object]:
    """Repeat one command; report the median wall time and the highest peak memory."""
    results = [measure(command) for _ in range(repeat)]
    codes = {code for _, _, code in results}
    return {"label": label, "wall": statistics.median(r[0] for r in results),
            "memory": max(r[1] for r in results), "codes": codes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, action="append",
                        help="site size (repeatable; default 1000 and 10000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    args = parser.parse_args()
    sizes = args.pages or [1000, 10000]
    python = sys.executable
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print("| pages | command | median wall (s) | pages/s | peak memory (MB) | exit |")
    print("|---:|---|---:|---:|---:|---|")
    for size in sizes:
        site = args.workdir / f"site-{size}"
        generate(site, size)
        cases = [
            ("build", [python, "build.py", "build", "--site", str(site), "--build-date",
                       "2026-11-23"]),
            ("lint", [python, "build.py", "lint", "--site", str(site), "--today", "2026-11-23",
                      "--format", "json", "--output", str(site / "lint.json")]),
        ]
        for label, command in cases:
            result = run_case(label, command, args.repeat)
            wall = float(result["wall"])  # type: ignore[arg-type]
            print(f"| {size:,} | {label} | {wall:.2f} | {size / wall:,.0f} | "
                  f"{float(result['memory']):.0f} | {sorted(result['codes'])} |", flush=True)


if __name__ == "__main__":
    main()
