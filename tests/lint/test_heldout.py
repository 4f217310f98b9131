"""Generalisation: the linter is never tuned on tests/lint/heldout/, so this measures how it
does on text it has not seen. The dev corpus and the tuning set must reach 0.9 per rule
(test_corpus.py); here the bar is a regression floor on the overall figures, printed per rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import test_corpus

HELDOUT = Path(__file__).parent / "heldout"
TUNING = Path(__file__).parent / "tuning"
# Measured 2026-11-23: micro precision 0.91, micro recall 0.60 (51 tp, 5 fp, 34 fn).
PRECISION_FLOOR = 0.85
RECALL_FLOOR = 0.55


def _score(folder: Path) -> dict[str, Counter[str]]:
    original = test_corpus.CORPUS
    test_corpus.CORPUS = folder
    try:
        score, _ = test_corpus._score()
    finally:
        test_corpus.CORPUS = original
    return score


def test_tuning_set_reaches_the_per_rule_threshold() -> None:
    table, failing = test_corpus._table(_score(TUNING))
    assert not failing, f"below {test_corpus.THRESHOLD}: {failing}\n{table}"


def test_heldout_precision_and_recall_do_not_regress() -> None:
    score = _score(HELDOUT)
    table, _ = test_corpus._table(score)
    print("\nheld-out set, per rule:\n" + table)
    tp = sum(c["tp"] for c in score.values())
    fp = sum(c["fp"] for c in score.values())
    fn = sum(c["fn"] for c in score.values())
    assert tp + fn > 60, "the held-out set should hold enough claims to measure"
    assert tp / (tp + fp) >= PRECISION_FLOOR, table
    assert tp / (tp + fn) >= RECALL_FLOOR, table
