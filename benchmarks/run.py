"""Benchmark: build the same synthetic clinic site with clinicsite and with peer generators.

    python benchmarks/run.py [--pages 1000 --pages 10000] [--repeat 3]
                             [--tools clinicsite,hugo,eleventy,pelican,mkdocs] [--timeout 900]
                             [--jobs J] [--compare REF] [--tasks 'lint,build + lint']

For each size, benchmarks/generate.py writes the corpus; benchmarks/peers/convert.py copies it,
with each peer's config from benchmarks/peers/<tool>/, into benchmarks/_work/<tool>-<N>/
(not timed). Then every build (and clinicsite's lint) runs --repeat times in a fresh process,
repeats interleaved across tools, each from an empty output folder. Reported: the median wall
time, pages per second (input pages / median), peak memory (the largest ru_maxrss that os.wait4
reports for the child: the child itself or the largest of its waited-for descendants), the
number of HTML files written, and clinicsite's median build time divided by each tool's.
clinicsite's cold build runs with --no-cache and its lint row starts with no cache either;
a "build + lint" row is the same cold build with its linter on (what `build` does by default);
three more clinicsite rows time rebuilds after a build that wrote its cache: nothing changed,
--force (every page from the cache), and one page edited (the edit and the warm-up build before
each run are not timed); a last row times `lint` right after a `build`, reusing its cache.
A tool that is not installed (see benchmarks/peers/install.sh) is skipped with a note.
--compare REF adds the cold lint and the cold build + lint of an earlier commit (its files
exported with `git archive` into the work folder, run with the same Python), interleaved with
the rest; their last column is this clinicsite's median over theirs. Every row gives the median
and the spread (fastest to slowest run).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from peers.convert import output_dir, prepare  # noqa: E402

TOOLS = ["clinicsite", "hugo", "eleventy", "pelican", "mkdocs"]
INSTALLED = HERE / "_work"  # where benchmarks/peers/install.sh puts Eleventy and the peers venv
NODE_MODULES = INSTALLED / "node" / "node_modules"
ELEVENTY = NODE_MODULES / "@11ty" / "eleventy" / "cmd.cjs"
PEERS_PYTHON = INSTALLED / "peers-venv" / "bin" / "python"
BUILD_DATE = "2026-11-23"
PYTHON = sys.executable


@dataclass
class Run:
    wall: float
    memory_mb: float
    code: int
    timed_out: bool


@dataclass
class Case:
    tool: str
    task: str
    command: list[str]
    cwd: Path
    clean: Path  # removed before each run (the output folder or report file)
    html_dir: Path | None
    before: Callable[[], None] | None = None  # instead of `clean`: sets up the run, not timed
    runs: list[Run] = field(default_factory=list)
    html_files: int | None = None

    @property
    def timed_out(self) -> bool:
        return any(run.timed_out for run in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(run.wall for run in self.runs)


# --- tools -------------------------------------------------------------------------------------

def capture(command: list[str], cwd: Path = REPO) -> str | None:
    """stdout of a short command, or None when it cannot run or fails."""
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def python_version_of(python: str | Path, *packages: str) -> str | None:
    """'pkg x.y (other a.b)' from importlib.metadata in the given interpreter."""
    code = ("import importlib.metadata as m, sys; v = [m.version(p) for p in sys.argv[1:]]; "
            "print(v[0] + ''.join(f' ({p} {x})' for p, x in zip(sys.argv[2:], v[1:])))")
    return capture([str(python), "-c", code, *packages])


def clinicsite_version() -> str | None:
    out = capture([PYTHON, "-c", "import clinicsite, markdown; "
                   "print(clinicsite.__version__, f'(Markdown {markdown.__version__})')"])
    return out


def hugo_version() -> str | None:
    hugo = shutil.which("hugo")
    out = capture([hugo, "version"]) if hugo else None
    match = re.search(r"v(\d[^\s]*)", out or "")
    return match.group(1) if match else None


def eleventy_version() -> str | None:
    node = shutil.which("node")
    if not node or not ELEVENTY.exists():
        return None
    version = capture([node, str(ELEVENTY), "--version"])
    return f"{version} (Node.js {capture([node, '--version'])})" if version else None


def tool_version(tool: str) -> str | None:
    """The tool's version, or None when it is not installed where run.py looks."""
    if tool == "clinicsite":
        return clinicsite_version()
    if tool == "hugo":
        return hugo_version()
    if tool == "eleventy":
        return eleventy_version()
    if not PEERS_PYTHON.exists():
        return None
    return python_version_of(PEERS_PYTHON, tool, "markdown")


INSTALL_HINT = {
    "hugo": "hugo is not on PATH (bash benchmarks/peers/install.sh hugo)",
    "eleventy": "node or benchmarks/_work/node has no Eleventy (bash benchmarks/peers/install.sh eleventy)",
    "pelican": "no Pelican in benchmarks/_work/peers-venv (bash benchmarks/peers/install.sh python)",
    "mkdocs": "no MkDocs in benchmarks/_work/peers-venv (bash benchmarks/peers/install.sh python)",
    "clinicsite": "clinicsite does not import with this Python",
}


def clinicsite_flags(jobs: int | None, tree: Path = REPO) -> tuple[list[str], list[str]]:
    """Extra build flags that the clinicsite in `tree` supports (detected from --help), and
    notes."""
    help_text = capture([PYTHON, "build.py", "build", "--help"], cwd=tree) or ""
    flags: list[str] = []
    notes: list[str] = []
    if "--force" in help_text:
        flags.append("--force")
    if "--no-cache" in help_text:  # cold: nothing from an earlier run may be reused
        flags.append("--no-cache")
    if "--no-lint" in help_text:  # the lint row measures the linter; build is the same work as peers
        flags.append("--no-lint")
        notes.append("clinicsite build ran with --no-lint; the lint row is the linter on its own "
                     "(it builds the site in memory first).")
    if jobs is not None and "--jobs" in help_text:
        flags += ["--jobs", str(jobs)]
        notes.append(f"clinicsite build ran with --jobs {jobs}.")
    elif jobs is not None:
        notes.append(f"--jobs {jobs} ignored: this clinicsite's `build --help` lists no --jobs.")
    elif "--jobs" in help_text:
        notes.append("clinicsite build ran with its default --jobs.")
    return flags, notes


# --- cases -------------------------------------------------------------------------------------

def site_commands(site: Path, flags: list[str]) -> tuple[list[str], list[str], Path, Path]:
    """The cold build and lint commands for `site` (run from a clinicsite checkout), and the
    output folder and report file they write."""
    out = site / "output"
    build = [PYTHON, "build.py", "build", "--site", str(site), "--build-date", BUILD_DATE,
             "--output", str(out), *flags]
    lint_file = site / "lint.json"
    lint = [PYTHON, "build.py", "lint", "--site", str(site), "--today", BUILD_DATE,
            "--format", "json", "--output", str(lint_file)]
    return build, lint, out, lint_file


def cold_lint_case(tool: str, lint: list[str], cwd: Path, site: Path, lint_file: Path) -> Case:
    """`lint` with nothing from a build to reuse: it builds everything itself."""

    def cold_lint() -> None:
        clean(lint_file)
        clean(site / ".clinicsite-cache")

    return Case(tool, "lint", lint, cwd, lint_file, None, before=cold_lint)


def clinicsite_cases(site: Path, flags: list[str]) -> list[Case]:
    build, lint, out, lint_file = site_commands(site, flags)
    cases = [Case("clinicsite", "build", build, REPO, out, out),
             cold_lint_case("clinicsite", lint, REPO, site, lint_file)]
    if "--no-lint" in flags:  # the default build lints the pages it built
        cases.append(Case("clinicsite", "build + lint", [a for a in build if a != "--no-lint"],
                          REPO, out, out))
    if "--no-cache" in flags:
        cases += incremental_cases(site, build)
        cases.append(lint_after_build_case(site, lint, lint_file))
    return cases


def reference_cases(site: Path, tree: Path, label: str, flags: list[str]) -> list[Case]:
    """The cold lint and the cold build with its linter on, as the clinicsite in `tree` (an
    earlier commit, see --compare) runs them on the same site."""
    build, lint, out, lint_file = site_commands(site, [f for f in flags if f != "--no-lint"])
    return [cold_lint_case(label, lint, tree, site, lint_file),
            Case(label, "build + lint", build, tree, out, out)]


def reference_tree(ref: str, workdir: Path) -> tuple[Path, str]:
    """The files of commit `ref` (git archive), under workdir/ref-<commit>, and its label."""
    commit = capture(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    if commit is None:
        raise SystemExit(f"--compare: '{ref}' is not a commit of this repository")
    tree = workdir / f"ref-{commit[:12]}"
    if not (tree / "build.py").is_file():
        clean(tree)
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPO,
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    return tree, f"clinicsite@{commit[:9]}"


def lint_after_build_case(site: Path, lint: list[str], lint_file: Path) -> Case:
    """`lint` right after a `build` (which lints too) left its cache: the lint reuses the
    build's pages and findings. Both use today's date, as they do when run by hand or in CI."""
    build = [PYTHON, "build.py", "build", "--site", str(site), "--force"]

    def built() -> None:
        clean(lint_file)
        subprocess.run(build, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)

    today = [arg for arg in lint if arg not in ("--today", BUILD_DATE)]
    return Case("clinicsite", "lint after build", today, REPO, lint_file, None, before=built)


def incremental_cases(site: Path, cold: list[str]) -> list[Case]:
    """Rebuilds after a build that wrote its cache: nothing changed (the up-to-date check),
    --force with every page in the cache, and one page's text edited."""
    warm = [arg for arg in cold if arg not in ("--force", "--no-cache")]
    out = site / "output"
    page = sorted((site / "content" / "conditions").glob("*.md"))[0]

    def warm_up() -> None:  # --force when the cold build (which writes no cache) was the last
        force = [] if (site / ".clinicsite-cache" / "build.json").exists() else ["--force"]
        subprocess.run([*warm, *force], cwd=REPO, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)

    def edit_one_page() -> None:
        warm_up()
        page.write_text(page.read_text("utf-8") + "\nOne more sentence for the benchmark.\n",
                        "utf-8")

    return [Case("clinicsite", "rebuild, no change", warm, REPO, out, None, before=warm_up),
            Case("clinicsite", "rebuild --force, cached", [*warm, "--force"], REPO, out, None,
                 before=warm_up),
            Case("clinicsite", "rebuild, 1 page edited", warm, REPO, out, None,
                 before=edit_one_page)]


def peer_command(tool: str, work: Path) -> list[str]:
    if tool == "hugo":
        return [str(shutil.which("hugo")), "--source", str(work), "--destination",
                str(output_dir(tool, work)), "--quiet"]
    if tool == "eleventy":
        return [str(shutil.which("node")), str(ELEVENTY), "--config=eleventy.config.js", "--quiet"]
    if tool == "pelican":
        return [str(PEERS_PYTHON), "-m", "pelican", "content", "-s", "pelicanconf.py",
                "-o", "output", "--quiet"]
    return [str(PEERS_PYTHON), "-m", "mkdocs", "build", "--quiet", "-f", "mkdocs.yml"]


def peer_case(tool: str, site: Path, workdir: Path, size: int) -> Case:
    """Convert the corpus for `tool` (not timed) and describe its build."""
    work = workdir / f"{tool}-{size}"
    prepare(tool, site, work, NODE_MODULES)
    out = output_dir(tool, work)
    return Case(tool, "build", peer_command(tool, work), work, out, out)


# --- measuring ---------------------------------------------------------------------------------

def kill_group(pid: int, fired: threading.Event) -> None:
    fired.set()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def measure(command: list[str], cwd: Path, timeout: float, log: Path) -> Run:
    """Wall time, peak RSS (MB) and exit code of one child, killed after `timeout` seconds."""
    fired = threading.Event()
    with log.open("ab") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors,
                                 start_new_session=True)
        timer = threading.Timer(timeout, kill_group, (child.pid, fired))
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_maxrss / 1024, child.returncode, fired.is_set())


def clean(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def count_html(folder: Path | None) -> int | None:
    if folder is None:
        return None
    return sum(1 for _ in folder.rglob("*.html")) if folder.exists() else 0


def run_cases(cases: list[Case], repeat: int, timeout: float, logs: Path, size: int) -> None:
    """Run every case `repeat` times, interleaved, so background load hits all tools alike."""
    for number in range(1, repeat + 1):
        for case in cases:
            if case.timed_out:
                continue
            if case.before:
                case.before()
            else:
                clean(case.clean)
            log = logs / f"{case.tool}-{case.task}-{size}.log"
            run = measure(case.command, case.cwd, timeout, log)
            case.runs.append(run)
            state = "timed out" if run.timed_out else f"exit {run.code}"
            print(f"  {size:,} pages, {case.tool} {case.task}, run {number}/{repeat}: "
                  f"{run.wall:.2f} s, {run.memory_mb:.0f} MB, {state}", file=sys.stderr, flush=True)
    for case in cases:
        case.html_files = count_html(case.html_dir)


# --- report ------------------------------------------------------------------------------------

HEADER = ("| pages | tool | task | median wall (s) | spread (s) | pages/s | peak RSS (MB) | "
          "HTML files | clinicsite ÷ tool | exit |\n|---:|---|---|---:|---:|---:|---:|---:|---:|---|")


def ratio(reference: Case | None, case: Case, timeout: float) -> str:
    """clinicsite's median time over this case's (same size, same run): its build against a
    peer's build, or any task against the same task of an earlier commit (--compare)."""
    if reference is None or not reference.runs or (case.task != "build"
                                                    and not case.tool.startswith("clinicsite@")):
        return "—"
    if reference.timed_out:
        return "—" if case.timed_out else f"> {timeout / case.median:.2f}"
    if case.timed_out:
        return f"< {reference.median / timeout:.2f}"
    return f"{reference.median / case.median:.2f}"


def spread(case: Case) -> str:
    walls = [run.wall for run in case.runs if not run.timed_out]
    return f"{min(walls):.2f}–{max(walls):.2f}" if walls else "—"


def row(size: int, case: Case, reference: Case | None, timeout: float) -> str:
    codes = ", ".join(str(c) for c in sorted({r.code for r in case.runs if not r.timed_out}))
    memory = f"{max(r.memory_mb for r in case.runs):.0f}"
    if case.timed_out:
        wall, speed, codes = f"> {timeout:.0f}", f"< {size / timeout:,.1f}", "killed"
    else:
        wall, speed = f"{case.median:.2f}", f"{size / case.median:,.0f}"
    html = "—" if case.html_files is None else f"{case.html_files:,}"
    return (f"| {size:,} | {case.tool} | {case.task} | {wall} | {spread(case)} | {speed} | "
            f"{memory} | {html} | {ratio(reference, case, timeout)} | {codes} |")


def table_rows(size: int, cases: list[Case], timeout: float) -> list[str]:
    current = {c.task: c for c in cases if c.tool == "clinicsite"}
    return [row(size, case, current.get("build" if case.task == "build"
                                        or not case.tool.startswith("clinicsite@")
                                        else case.task), timeout)
            for case in cases if case.runs]


def sanity_notes(size: int, cases: list[Case]) -> list[str]:
    """Warn when a build wrote fewer HTML files than there are input pages, or failed."""
    notes = []
    for case in cases:
        if case.task == "build" and not case.timed_out and (case.html_files or 0) < size:
            notes.append(f"{size:,} pages: {case.tool} wrote only {case.html_files} HTML files.")
        if case.timed_out and case.html_dir is not None:
            notes.append(f"{size:,} pages: {case.tool} was killed at the timeout; it had written "
                         f"{case.html_files:,} HTML files by then.")
        if any(r.code for r in case.runs if not r.timed_out):
            notes.append(f"{size:,} pages: {case.tool} {case.task} exited non-zero; see "
                         f"benchmarks/_work/logs/{case.tool}-{case.task}-{size}.log.")
    return notes


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine()
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.machine()


def machine_lines() -> list[str]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [f"- machine: {cpu_model()}, {platform.machine()}, {os.cpu_count()} cores, "
            f"{memory:.0f} GiB memory, {platform.system()} {platform.release()}",
            f"- Python {platform.python_version()} (runs clinicsite and the runner)",
            f"- load average (1, 5, 15 min) at start: {load}"]


def write_results(path: Path, header: list[str], rows: list[str], notes: list[str]) -> None:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = "\n".join([*header, f"- load average at end: {load}", "", HEADER, *rows, "",
                      *(f"- {n}" for n in notes)])
    path.write_text(text + "\n", "utf-8")


# --- main --------------------------------------------------------------------------------------

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, action="append",
                        help="site size (repeatable; default 1000 and 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="comma-separated subset of " + ",".join(TOOLS) + " (default: all)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds per run before a tool is killed (default 900)")
    parser.add_argument("--jobs", type=int, help="passed to clinicsite build if it has --jobs")
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    parser.add_argument("--compare", metavar="REF", action="append", default=[],
                        help="also time the cold lint and the cold build + lint of this earlier "
                             "commit on the same site, interleaved (repeatable)")
    parser.add_argument("--tasks", help="comma-separated tasks to time (default: all), e.g. "
                                        "'lint,build + lint'")
    args = parser.parse_args()
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = sorted(set(args.tools) - set(TOOLS))
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)} (choose from {', '.join(TOOLS)})")
    return args


def available_tools(tools: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(installed tools, version lines, skip notes)."""
    found, versions, notes = [], [], []
    for tool in tools:
        version = tool_version(tool)
        if version is None:
            notes.append(f"skipped {tool}: {INSTALL_HINT[tool]}.")
        else:
            found.append(tool)
            versions.append(f"- {tool} {version}")
    return found, versions, notes


def cases_for(size: int, tools: list[str], workdir: Path, flags: list[str],
              references: list[tuple[Path, str, list[str]]], tasks: set[str] | None
              ) -> list[Case]:
    site = workdir / f"site-{size}"
    generate(site, size)
    cases = clinicsite_cases(site, flags) if "clinicsite" in tools else []
    for tree, label, tree_flags in references:
        cases += reference_cases(site, tree, label, tree_flags)
    cases += [peer_case(t, site, workdir, size) for t in tools if t != "clinicsite"]
    return [c for c in cases if tasks is None or c.task in tasks]


def main() -> None:
    args = parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    logs = args.workdir / "logs"
    logs.mkdir(exist_ok=True)
    tools, versions, notes = available_tools(args.tools)
    flags, job_notes = clinicsite_flags(args.jobs) if "clinicsite" in tools else ([], [])
    notes += job_notes
    references = []
    for ref in args.compare:
        tree, label = reference_tree(ref, args.workdir)
        references.append((tree, label, clinicsite_flags(args.jobs, tree)[0]))
        versions.append(f"- {label}: the files of commit {ref} ({label.split('@')[1]}), "
                        f"run with the same Python and packages")
    tasks = {t.strip() for t in args.tasks.split(",")} if args.tasks else None
    header = ["# clinicsite and peers: build benchmark", "",
              f"- run: {dt.datetime.now():%Y-%m-%d %H:%M}, --repeat {args.repeat}, "
              f"--timeout {args.timeout:.0f} s", *machine_lines(), *versions]
    print("\n".join(header))
    results = args.workdir / f"results-{dt.datetime.now():%Y%m%d-%H%M%S}.md"
    rows: list[str] = []
    for size in args.pages or [1000, 10000]:
        cases = cases_for(size, tools, args.workdir, flags, references, tasks)
        for log in logs.glob(f"*-{size}.log"):
            log.unlink()
        run_cases(cases, args.repeat, args.timeout, logs, size)
        rows += table_rows(size, cases, args.timeout)
        notes += sanity_notes(size, cases)
        write_results(results, header, rows, notes)
    print("\n" + HEADER + "\n" + "\n".join(rows) + "\n")
    print("\n".join(f"- {n}" for n in notes))
    print(f"\nwritten to {results.relative_to(REPO) if results.is_relative_to(REPO) else results}")


if __name__ == "__main__":
    main()
