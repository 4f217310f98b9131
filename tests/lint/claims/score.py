"""Score the linter on the claim corpus: what it finds, by family and label, and its false alarms.

    python tests/lint/claims/score.py tuning [--misses]     # per-family table (+ each miss)
    python tests/lint/claims/score.py heldout               # the table only: never the items

An item counts as found when any sentence-level rule fires on it (at any level); a sound item
counts as a false alarm when any sentence-level rule fires on it. Page items check the
missing-disclaimer and missing-results-vary rules on a whole page with no declared type.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[2])]

from lint_helpers import lint_text, settings_for  # noqa: E402
from load import FAMILIES, PageItem, SentenceItem, load  # noqa: E402

DISCLAIMER = "missing-medical-disclaimer"
RESULTS_VARY = "missing-results-vary-disclaimer"


@dataclass
class Score:
    """Counts for one folder of the corpus."""

    items: Counter[tuple[str, str]] = field(default_factory=Counter)  # (family, label)
    found: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    pages: Counter[str] = field(default_factory=Counter)

    def rate(self, label: str, family: str | None = None) -> float | None:
        """Share of `label` items (of `family`, or all) on which a sentence rule fired."""
        keys = [(f, label) for f in ([family] if family else FAMILIES)]
        total = sum(self.items[k] for k in keys)
        return sum(self.found[k] for k in keys) / total if total else None


def sentence_rule_ids() -> frozenset[str]:
    """Rules judged on sentences and blocks (not pages, not the engine's own)."""
    ids: set[str] = set()
    for profile in ("us-ftc", "uk-cap", "au-ahpra"):
        for rule in settings_for({"profile": profile}).rules:
            if not rule.spec.is_page_rule and rule.spec.kind not in ("engine", "image-disclosure"):
                ids.add(rule.spec.id)
    return frozenset(ids)


def fired_rules(item: SentenceItem, sentence_rules: frozenset[str]) -> list[tuple[str, str, str]]:
    """(rule, level, excerpt) of each sentence-level finding on the item."""
    run = lint_text(item.text, item.content_type, {"profile": item.profile}, path="item.md")
    return [(f.rule_id, f.level.value, f.excerpt) for f in run.findings
            if f.rule_id in sentence_rules and f.suppressed_by is None]


def page_rules(item: PageItem) -> set[str]:
    """Page rules that fired on the page, linted as a file with no declared type."""
    run = lint_text(item.page, None, {"profile": item.profile}, path=f"{item.id}.md")
    return {f.rule_id for f in run.findings}


def score(folder: Path) -> Score:
    """Lint every item of `folder` and count."""
    sentences, pages = load(folder)
    rules = sentence_rule_ids()
    result = Score()
    for item in sentences:
        key = (item.family, item.label)
        result.items[key] += 1
        fired = fired_rules(item, rules)
        if fired:
            result.found[key] += 1
        if bool(fired) != (item.label != "sound"):
            what = "FALSE ALARM" if fired else "MISSED"
            shown = "; ".join(f"{r} ({lv}) '{x}'" for r, lv, x in fired)
            result.misses.append(f"{what} {item.id} [{item.family}/{item.label}] "
                                 f"{item.text!r:.160} {shown}")
    for page in pages:
        _score_page(page, result)
    return result


def _score_page(page: PageItem, result: Score) -> None:
    fired = page_rules(page)
    checks = ((DISCLAIMER, page.health_page and not page.has_disclaimer),
              (RESULTS_VARY, page.describes_outcomes and not page.has_results_vary))
    for rule, wanted in checks:
        got = rule in fired
        outcome = ("tp" if got else "fn") if wanted else ("fp" if got else "tn")
        result.pages[f"{rule} {outcome}"] += 1
        if outcome in ("fp", "fn"):
            result.misses.append(f"PAGE {outcome.upper()} {rule} {page.id}: {page.page[:100]!r}")


def table(result: Score) -> str:
    """Per-family found rates for each label, then the page checks."""
    def cell(value: float | None, count: int) -> str:
        return f"{value:5.2f} ({count:3d})" if value is not None else f"{'-':>5} ({count:3d})"

    lines = [f"{'family':26} {'clear found':>12} {'borderline':>12} {'false alarm':>12}"]
    for family in (*FAMILIES, None):
        counts = [sum(result.items[(f, label)] for f in ([family] if family else FAMILIES))
                  for label in ("clear", "borderline", "sound")]
        lines.append(f"{family or 'ALL':26} " + " ".join(
            cell(result.rate(label, family), n) for label, n in
            zip(("clear", "borderline", "sound"), counts, strict=True)))
    for rule in (DISCLAIMER, RESULTS_VARY):
        c = {o: result.pages[f"{rule} {o}"] for o in ("tp", "fn", "fp", "tn")}
        lines.append(f"{rule}: found {c['tp']} of {c['tp'] + c['fn']}, "
                     f"false alarms {c['fp']} of {c['fp'] + c['tn']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("part", choices=("tuning", "heldout"))
    parser.add_argument("--misses", action="store_true", help="list every miss (tuning only)")
    args = parser.parse_args()
    result = score(HERE / args.part)
    print(table(result))
    if args.misses:
        if args.part == "heldout":
            sys.exit("held-out misses are not shown: looking at them would tune on them")
        print("\n".join(result.misses))


if __name__ == "__main__":
    main()
