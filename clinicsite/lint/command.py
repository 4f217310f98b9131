"""The `lint` subcommand: lint the site (default) or given Markdown files and folders."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from clinicsite.content_types import FOLDER_TYPES, ContentType
from clinicsite.errors import Location, SiteError
from clinicsite.frontmatter import parse_front_matter, parse_yaml_document
from clinicsite.lint import LintDocument, LintMemo, has_failures, load_lint_settings, run_lint
from clinicsite.lint.baseline import baseline_json
from clinicsite.lint.settings import FAIL_LEVELS, PROFILES
from clinicsite.reports import FORMATS, render_report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
CONFIG_NAME = "site_config.yaml"
_TYPES = {t.value for t in ContentType}


@dataclass(frozen=True, slots=True)
class _Input:
    """What to lint and with which settings."""

    documents: list[LintDocument]
    raw: Mapping[str, Any]
    lines: Mapping[tuple[str | int, ...], tuple[int, int]]
    config_path: str
    site_dir: Path
    today: dt.date
    practitioners: Mapping[str, Mapping[str, Any]] | None
    memo: Any = None  # per-page results from the build cache (LintMemo.to_json), site lint only


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the lint options (the caller adds --site and --drafts)."""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="Markdown files or folders to lint on their own (default: the site)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format")
    parser.add_argument("--output", metavar="FILE", help="write the report here (default: stdout)")
    parser.add_argument("--fail-on", choices=FAIL_LEVELS, default=None,
                        help="lowest level that makes the exit code 1 (default: lint.fail_on, "
                             "else error)")
    parser.add_argument("--baseline", metavar="FILE",
                        help="ignore findings recorded in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE",
                        help="record the current findings as the accepted baseline")
    parser.add_argument("--profile", choices=PROFILES, help="jurisdiction profile to apply")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_date,
                        help="lint as of this date (review ages); for reproducible runs")
    parser.add_argument("--no-color", action="store_true", help="never colour the text report")
    parser.add_argument("--type", dest="content_type", choices=sorted(_TYPES), metavar="TYPE",
                        help="lint the given files as pages of this type (default: front matter "
                             "type, else the folder, else read from the text)")


def run(args: argparse.Namespace) -> int:
    """Lint, write the report, and return the exit code (0 clean, 1 findings, 2 usage)."""
    try:
        return _run(args)
    except SiteError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    site_dir = Path(getattr(args, "site", ".") or ".")
    if getattr(args, "content_type", None) and not args.paths:
        raise SiteError.at(Location("--type"), "--type applies to files given as PATH; a site "
                           "lint takes each page's type from the site", "usage")
    source = _site_input(site_dir, args) if not args.paths else _paths_input(site_dir, args)
    raw = dict(source.raw)
    if args.profile:
        raw["profile"] = args.profile
    settings = load_lint_settings(raw, source=source.config_path, lines=source.lines,
                                  site_dir=source.site_dir)
    if args.baseline:
        settings = replace(settings, baseline=Path(args.baseline))
    today = args.today or source.today
    lint_run = run_lint(source.documents, settings, today=today,
                        practitioners=source.practitioners, memo=_memo(source, raw, today))
    if args.write_baseline:
        Path(args.write_baseline).write_text(baseline_json(lint_run.findings), encoding="utf-8")
        print(f"wrote {args.write_baseline} ({len(lint_run.findings)} finding(s))",
              file=sys.stderr)
    _write_report(lint_run, args)
    return EXIT_FINDINGS if has_failures(lint_run, args.fail_on or settings.fail_on) else EXIT_OK


def _memo(source: _Input, raw: dict[str, Any], today: dt.date) -> LintMemo | None:
    """Per-page results the last build left in its cache, for exactly these settings."""
    if source.memo is None:
        return None
    from clinicsite.pipeline import lint_memo_key

    memo = LintMemo.from_json(source.memo)
    memo.use(lint_memo_key(raw, source.lines, source.site_dir, today, source.practitioners))
    return memo


def _write_report(lint_run: Any, args: argparse.Namespace) -> None:
    color = (args.format == "text" and not args.output and not args.no_color
             and sys.stdout.isatty())
    report = render_report(lint_run, args.format, color=color)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)


def _site_input(site_dir: Path, args: argparse.Namespace) -> _Input:
    from clinicsite.pipeline import collect_lint_input

    lint_input = collect_lint_input(site_dir, drafts=bool(getattr(args, "drafts", False)))
    return _Input(list(lint_input.documents), lint_input.lint_raw or {}, lint_input.lint_lines,
                  lint_input.config_path, lint_input.site_dir, lint_input.today,
                  lint_input.practitioners, lint_input.memo)


def _paths_input(site_dir: Path, args: argparse.Namespace) -> _Input:
    raw, lines = _config_lint(site_dir)
    files = _markdown_files(args.paths)
    forced = getattr(args, "content_type", None)
    documents = [_document(path, site_dir, forced) for path in files]
    return _Input(documents, raw, lines, CONFIG_NAME, site_dir, dt.date.today(),
                  _practitioners(site_dir))


def _config_lint(site_dir: Path) -> tuple[dict[str, Any], dict[tuple[str | int, ...],
                                                                tuple[int, int]]]:
    path = site_dir / CONFIG_NAME
    if not path.is_file():
        return {}, {}
    parsed = parse_yaml_document(path.read_text(encoding="utf-8"), CONFIG_NAME)
    raw = parsed.data.get("lint") or {}
    if not isinstance(raw, dict):
        raise SiteError.at(parsed.location(CONFIG_NAME, "lint"), "lint must be a mapping",
                           "lint-config")
    lines = {k[1:]: v for k, v in parsed.lines.items() if k and k[0] == "lint"}
    return raw, lines


def _markdown_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.md") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise SiteError.at(Location(given), "no such file or folder", "usage")
    return files


def _document(path: Path, site_dir: Path, forced: str | None = None) -> LintDocument:
    text = path.read_text(encoding="utf-8", errors="replace")
    return LintDocument(path=_shown(path, site_dir), text=text,
                        content_type=forced or _content_type(path, text))


def _shown(path: Path, site_dir: Path) -> str:
    try:
        return path.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _content_type(path: Path, text: str) -> str | None:
    try:
        declared = parse_front_matter(text, str(path)).data.get("type")
    except SiteError:
        declared = None
    if isinstance(declared, str) and declared in _TYPES:
        return declared
    if path.stem == "_index":
        return ContentType.PAGE.value  # a section's intro page, not a health page
    folder = FOLDER_TYPES.get(path.resolve().parent.name)
    return folder.value if folder else None


def _practitioners(site_dir: Path) -> dict[str, dict[str, Any]] | None:
    people: dict[str, dict[str, Any]] = {}
    for folder in ("team", "practitioners"):
        for path in sorted((site_dir / "content" / folder).glob("*.md")):
            try:
                data = parse_front_matter(path.read_text(encoding="utf-8"), str(path)).data
            except (SiteError, OSError, UnicodeDecodeError):
                continue
            people[str(data.get("slug") or path.stem)] = data
    return people or None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-05-14") from None
