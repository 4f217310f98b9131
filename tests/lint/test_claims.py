"""The claim corpus (tests/lint/claims/): text written by helpers who never saw the rules.

The tuning part is what the rules were shaped on; the held-out part never was. Both keep a
regression floor at the level measured when the floor was set, and print the per-family table
(`pytest -s` shows it). See tests/lint/claims/README.md for the format and the scoring."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

CLAIMS = Path(__file__).parent / "claims"
sys.path.insert(0, str(CLAIMS))

import score  # noqa: E402

# (clear found, borderline found, false alarms at most, missing disclaimers found), just under
# what was measured on 2026-12-04, with the second reading trained on t1-t15 (tuning 0.94 /
# 0.80 / 0.03, 47 of 50; held out h1-h6 0.860 / 0.638 / 0.063, 17 of 21); a change that lowers
# any of them fails here.
FLOORS = {"tuning": (0.93, 0.79, 0.035, 46 / 50), "heldout": (0.85, 0.63, 0.065, 17 / 21)}
# missing results-vary statement: (found at least, false alarms at most), measured the same day
# (tuning 24 of 33, 5 false alarms of 125; held out 9 of 15, 8 of 49)
RESULTS_VARY = {"tuning": (24 / 33, 5 / 125), "heldout": (9 / 15, 8 / 49)}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, score.Score]:
    return request.param, score.score(CLAIMS / request.param)


def test_claim_corpus_does_not_regress(scored: tuple[str, score.Score]) -> None:
    part, result = scored
    table = score.table(result)
    print(f"\n{part}:\n{table}")
    clear, borderline, alarms, disclaimers = FLOORS[part]
    assert (result.rate("clear") or 0) >= clear, table
    assert (result.rate("borderline") or 0) >= borderline, table
    assert (result.rate("sound") or 0) <= alarms, table
    found = result.pages[f"{score.DISCLAIMER} tp"]
    missed = result.pages[f"{score.DISCLAIMER} fn"]
    assert found / (found + missed) >= disclaimers, table
    pages = {o: result.pages[f"{score.RESULTS_VARY} {o}"] for o in ("tp", "fn", "fp", "tn")}
    least, most = RESULTS_VARY[part]
    assert pages["tp"] / (pages["tp"] + pages["fn"]) >= least, table
    assert pages["fp"] / (pages["fp"] + pages["tn"]) <= most, table


def test_corpus_parts_are_big_enough_and_apart() -> None:
    from load import load

    tuning, _ = load(CLAIMS / "tuning")
    heldout, _ = load(CLAIMS / "heldout")
    assert len(tuning) >= 400 and len(heldout) >= 300
    texts = {item.text.strip() for item in tuning}
    assert not [item.id for item in heldout if item.text.strip() in texts]
