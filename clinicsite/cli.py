"""Command line: `build` (default), `check` and `lint`; maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clinicsite import __version__
from clinicsite.cache import CACHE_DIR, check_cache_dir, save_cache
from clinicsite.config import Overrides, load_config
from clinicsite.errors import Level, Problem, SiteError
from clinicsite.pipeline import (
    BuildResult,
    build_in_memory,
    keep_in_cache,
    lint_build,
    lint_memo_from,
    open_cache,
    timed,
)
from clinicsite.uptodate import input_fingerprint, is_up_to_date, marker_text
from clinicsite.write import check_output_dir, write_site

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help",
                                                                                "--version")):
        args_list.insert(0, "build")
    parser = make_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code == 0 else EXIT_USAGE
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s")
    logging.getLogger("MARKDOWN").setLevel(logging.WARNING)  # -v: not every extension it loads
    try:
        return int(args.handler(args))
    except SiteError as error:
        print_problems(error.problems, args.verbose, Path(args.site))
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence prints a report, not a crash
        print("internal error in clinicsite (please report this with the text below):",
              file=sys.stderr)
        traceback.print_exc()
        return EXIT_INTERNAL


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build, check and lint a clinic or academy website.",
        epilog="Run 'build.py COMMAND --help' for the options of a command. "
               "With no command, 'build' runs.")
    parser.add_argument("--version", action="version", version=f"clinicsite {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    build = commands.add_parser("build", help="build the site into the output folder (default)")
    _site_options(build)
    build.add_argument("--output", metavar="DIR", help="output folder (default: SITE/output)")
    build.add_argument("--strict", action="store_true", help="fail when the linter finds errors")
    build.add_argument("--manifest", action="store_true",
                       help="also write manifest.json: every output file with its SHA-256")
    build.add_argument("--force", action="store_true",
                       help="build even when no input changed since the last build")
    build.add_argument("--no-lint", action="store_true",
                       help="skip the linter (for example when CI runs `lint` as its own step)")
    build.add_argument("--cache-dir", metavar="DIR",
                       help=f"build cache folder (default: SITE/{CACHE_DIR})")
    build.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the build cache: render every page")
    build.set_defaults(handler=run_build)
    check = commands.add_parser("check", help="validate pages, links and lint; write nothing")
    _site_options(check)
    check.set_defaults(handler=run_check)
    diff = commands.add_parser("diff", help="list pages added, changed and removed since a "
                                            "manifest")
    _site_options(diff)
    diff.add_argument("old_manifest", metavar="OLD_MANIFEST", help="manifest.json of a build")
    diff.add_argument("--json", action="store_true", help="print the difference as JSON")
    diff.set_defaults(handler=run_diff)
    serve = commands.add_parser("serve", help="preview the site on 127.0.0.1, rebuilding on save")
    _site_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free)")
    serve.set_defaults(handler=run_serve)
    new = commands.add_parser("new", help='create a page: new condition "Neck pain"')
    new.add_argument("type", help="page type: condition, treatment, faq, ...")
    new.add_argument("title", help="the page title, in quotes")
    new.add_argument("--site", default=".", metavar="DIR", help="site folder (default: .)")
    new.set_defaults(handler=run_new, verbose=False)
    schema = commands.add_parser("schema", help="export front-matter JSON Schemas for editors")
    schema.add_argument("--site", default=".", metavar="DIR", help="site folder (default: .)")
    schema.add_argument("--output", default="schemas", metavar="DIR",
                        help="folder for the schema files, relative to the site (default: schemas)")
    schema.set_defaults(handler=run_schema, verbose=False)
    cms = commands.add_parser("cms", help="write a Decap CMS config to static/admin/")
    cms.add_argument("--site", default=".", metavar="DIR", help="site folder (default: .)")
    cms.add_argument("--repo", default="", help="GitHub owner/name (default: git-gateway)")
    cms.add_argument("--branch", default="main", help="branch the editor commits to")
    cms.set_defaults(handler=run_cms, verbose=False)
    lint = commands.add_parser("lint", help="lint the site or given Markdown files")
    lint.add_argument("--site", default=".", metavar="DIR",
                      help="site folder with site_config.yaml (default: current folder)")
    lint.add_argument("--drafts", action="store_true", help="include draft pages")
    lint.add_argument("-v", "--verbose", action="store_true", help="show more detail")
    _add_lint_arguments(lint)
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", default=".", metavar="DIR",
                        help="site folder with site_config.yaml and content/ (default: .)")
    parser.add_argument("--drafts", action="store_true", help="include draft pages")
    parser.add_argument("--base-url", metavar="URL", help="public URL, e.g. https://x.org/clinic/")
    parser.add_argument("--build-date", metavar="YYYY-MM-DD", type=_date,
                        help="build as of this date (publish_on, review ages)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show the source line of each problem and stage timings")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="processes to render with (default: one per core)")


def _add_lint_arguments(parser: argparse.ArgumentParser) -> None:
    try:
        from clinicsite.lint import command
    except ImportError:  # the linter package is optional while it is being built
        parser.set_defaults(handler=lambda args: _no_linter())
        return
    command.add_arguments(parser)
    parser.set_defaults(handler=command.run)


def _no_linter() -> int:
    print("error: the linter is not available in this installation", file=sys.stderr)
    return EXIT_USAGE


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-05-14") from None


def _overrides(args: argparse.Namespace) -> Overrides:
    output = getattr(args, "output", None)
    return Overrides(output=str(Path(output).resolve()) if output else None,
                     drafts=args.drafts or None, base_url=args.base_url,
                     build_date=args.build_date)


def _jobs(args: argparse.Namespace) -> int:
    from clinicsite.parallel import default_jobs

    return max(args.jobs or default_jobs(), 1)


def run_build(args: argparse.Namespace) -> int:
    """Build into memory, lint, and swap the output in only if everything succeeded."""
    started = time.perf_counter()
    site_dir = Path(args.site)
    config = load_config(site_dir, _overrides(args))
    check_output_dir(config.output_dir, site_dir)
    fingerprint = input_fingerprint(config, {"strict": args.strict, "manifest": args.manifest,
                                             "lint": not args.no_lint})
    if not args.force and is_up_to_date(config.output_dir, fingerprint):
        print(f"{_shown(config.output_dir)} is up to date: no input changed since it was built "
              f"({time.perf_counter() - started:.2f}s; --force builds anyway)")
        return EXIT_OK
    cache_dir = Path(args.cache_dir) if args.cache_dir else site_dir / CACHE_DIR
    cache = None
    if not args.no_cache:
        check_cache_dir(cache_dir, site_dir, config.output_dir)
        cache = open_cache(config, cache_dir, config.output_dir)
    result = build_in_memory(site_dir, _overrides(args), cache, jobs=_jobs(args))
    print_problems(result.problems, args.verbose, site_dir)
    if not result.ok:
        print(f"build failed: {_count(len(result.errors), 'error')}; "
              f"{_shown(result.config.output_dir)} was left unchanged", file=sys.stderr)
        return EXIT_FAILED
    if args.no_lint and args.strict:
        print("error: --strict needs the linter; drop --no-lint", file=sys.stderr)
        return EXIT_USAGE
    lint_memo = lint_memo_from(cache.lint) if cache is not None else None
    with timed(result, "lint"):
        lint_failed = False if args.no_lint else _lint_after_build(result, args.strict, lint_memo)
    if lint_failed:
        print(f"build failed: the linter found errors (--strict); "
              f"{_shown(result.config.output_dir)} was left unchanged", file=sys.stderr)
        return EXIT_FAILED
    files = result.files
    if args.manifest:
        from clinicsite.manifest import MANIFEST, manifest_bytes

        files = {**files, MANIFEST: manifest_bytes(files)}
    reused = {page.output_file for page in result.pages
              if page.reused and page.output_file not in result.replaced}
    try:
        with timed(result, "write"):
            write_site(files, result.config.output_dir, site_dir, marker_text(fingerprint),
                       frozenset(reused))
    except OSError as error:
        print(f"build failed: could not write {error.filename or 'the output'}: "
              f"{error.strerror or error}; {_shown(result.config.output_dir)} was left unchanged",
              file=sys.stderr)
        return EXIT_FAILED
    if cache is not None:
        with timed(result, "cache saved"):
            keep_in_cache(cache, result, files)
            if lint_memo is not None and not args.no_lint:
                cache.lint = lint_memo.to_json()
            save_cache(cache_dir, cache)
    _print_timings(result, args.verbose)
    print(f"built {_count(len(result.pages), 'page')} into {_shown(result.config.output_dir)} "
          f"in {time.perf_counter() - started:.2f}s"
          + (f" ({len(reused)} unchanged, reused from the cache)" if reused else ""))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Everything a build does except writing: for a pull request's pre-flight."""
    site_dir = Path(args.site)
    result = build_in_memory(site_dir, _overrides(args), jobs=_jobs(args))
    print_problems(result.problems, args.verbose, site_dir)
    if not result.ok:
        print(f"check failed: {_count(len(result.errors), 'error')}", file=sys.stderr)
        return EXIT_FAILED
    lint_failed = _lint_after_build(result, strict=True)
    print(f"checked {_count(len(result.pages), 'page')}: "
          + ("lint errors found" if lint_failed else "no errors"))
    return EXIT_FAILED if lint_failed else EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    """Build in memory and compare with an earlier manifest (so CI uploads only changes)."""
    import json

    from clinicsite.manifest import as_page, compare, manifest_for, read_manifest

    old = read_manifest(Path(args.old_manifest))
    result = build_in_memory(Path(args.site), _overrides(args), jobs=_jobs(args))
    if not result.ok:
        print_problems(result.problems, args.verbose, Path(args.site))
        return EXIT_FAILED
    new = manifest_for(result.files)["files"]
    difference = compare(old, new)  # type: ignore[arg-type]
    base = result.config.base_path
    if args.json:
        print(json.dumps({kind: [as_page(p, base) for p in getattr(difference, kind)]
                          for kind in ("added", "changed", "removed")}, indent=1))
        return EXIT_OK
    for kind in ("added", "changed", "removed"):
        for path in getattr(difference, kind):
            print(f"{kind:<8} {as_page(path, base)}")
    counts = {k: len(getattr(difference, k)) for k in ("added", "changed", "removed")}
    print(f"{counts['added']} added, {counts['changed']} changed, {counts['removed']} removed")
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C; build errors show in the browser instead of stopping the server."""
    from clinicsite.serve import start_server

    logging.getLogger("clinicsite.serve").setLevel(logging.INFO if args.verbose
                                                   else logging.WARNING)
    try:
        server = start_server(Path(args.site), _overrides(args), args.port)
    except OSError as error:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print_problems(server.live.problems, args.verbose, Path(args.site))
    print(f"serving {Path(args.site).resolve().name} at {server.url}/ (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopping")
    finally:
        server.close()
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    """Create a page from the type's scaffold; never overwrite."""
    from clinicsite.scaffold import new_page

    site_dir = Path(args.site)
    path = new_page(site_dir, args.type, args.title, dt.date.today())
    print(f"created {path.relative_to(site_dir).as_posix()}: fill in the fields marked in "
          "comments, then run 'build.py check'")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    """Write one JSON Schema per content type."""
    from clinicsite.schema_export import export_schemas

    for path in export_schemas(Path(args.site) / args.output):
        print(f"wrote {path}")
    return EXIT_OK


def run_cms(args: argparse.Namespace) -> int:
    """Write static/admin/config.yml and index.html for Decap CMS."""
    from clinicsite.cms import ADMIN_HTML, config_yaml

    admin = Path(args.site) / "static" / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    (admin / "config.yml").write_text(config_yaml(args.repo, args.branch), "utf-8")
    (admin / "index.html").write_text(ADMIN_HTML, "utf-8")
    print(f"wrote {admin / 'config.yml'} and {admin / 'index.html'}")
    return EXIT_OK


def _lint_after_build(result: BuildResult, strict: bool, memo: Any = None) -> bool:
    """Lint the built pages, print the summary; True when strict and lint errors were found."""
    run = lint_build(result, memo)
    if run is None:
        return False
    from clinicsite.lint import format_summary, has_failures

    print(format_summary(run))
    return strict and has_failures(run, "error")


def print_problems(problems: list[Problem], verbose: bool, site_dir: Path) -> None:
    """Every problem as `file:line:col: level: message [code]`, errors first, in file order."""
    ordered = sorted(problems, key=lambda p: (p.level is not Level.ERROR, p.location.path,
                                              p.location.line, p.location.column))
    for problem in ordered:
        print(problem, file=sys.stderr)
        if verbose:
            _print_source_line(problem, site_dir)


def _print_source_line(problem: Problem, site_dir: Path) -> None:
    path = site_dir / problem.location.path
    if not problem.location.line or not path.is_file():
        return
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    if problem.location.line <= len(lines):
        print(f"    {lines[problem.location.line - 1]}", file=sys.stderr)
        print("    " + " " * max(problem.location.column - 1, 0) + "^", file=sys.stderr)


def _print_timings(result: BuildResult, verbose: bool) -> None:
    if verbose:
        for stage, seconds in result.timings.items():
            print(f"  {stage:<9} {seconds:.3f}s")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(path) + "/"
