"""The word-prefix prefilter only skips work: findings are the same with and without it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lint_helpers import lint_text

from clinicsite.lint import engine
from clinicsite.lint.kinds.base import PageContext
from clinicsite.lint.kinds.phrase import PhraseChecker
from clinicsite.lint.prefilter import KeyIndexer, QuickSearch, literal_keys, split_alternatives

CORPUS = Path(__file__).parent / "corpus"
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"  # optional extra text


def _texts() -> list[tuple[str, str, str | None]]:
    texts = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            texts.append((item["markdown"], item.get("content_type", "treatment"),
                          item.get("profile")))
    for path in sorted(REFERENCE.glob("*.txt")):
        texts.append((path.read_text(encoding="utf-8"), "treatment", None))
    texts.append(("Only 3 spots left! Save $50, #1 clinic, 95% success, MS and IBS treated.",
                  "page", "uk-cap"))
    # digits other than 0-9 match \d; letters re folds onto others that lower() keeps apart
    for odd in ("Only ３ appointments left this week.", "We have treated over ５００ patients.",
                "This treatment is riſk-free.", "Results are guaranteed for EVERY PATIENT ΟΔΟΣ."):
        texts.extend((odd, "treatment", profile) for profile in (None, "uk-cap", "au-ahpra"))
    return texts


def _all_triggers(self: engine.TriggerIndex, keys: frozenset[str]) -> list[tuple[int, list]]:
    return [(n, list(r.checker.triggers)) for n, r in enumerate(self.rules)
            if isinstance(r.checker, PhraseChecker)]


def test_prefilter_never_changes_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _texts()

    def run_all() -> list[list[tuple[int, int, str]]]:
        out = []
        for text, content_type, profile in cases:
            run = lint_text(text, content_type, {"profile": profile} if profile else None)
            out.append([(f.line, f.column, f.rule_id) for f in run.findings])
        return out

    filtered = run_all()
    # every trigger on every block, each searched with finditer over the whole block, and
    # page-level phrases searched over the whole page
    monkeypatch.setattr(engine.TriggerIndex, "candidates", _all_triggers)
    monkeypatch.setattr(PageContext, "positions", lambda self, block: None)
    monkeypatch.setattr(QuickSearch, "found_in", lambda self, text, lower: bool(
        self.regex.search(text)))
    assert run_all() == filtered


@pytest.mark.parametrize(("pattern", "keys"), [
    (r"\bcur(?:e|es|ed)\b", {"cure", "cures", "cured"}),
    (r"\bguaranteed\s+results\b", {"guarante"}),  # eight letters of a long word
    (r"\bpain[- ]?free\b", {"pain-fre", "pain free", "painfree"}),  # a hyphen goes on
    (r"\bcan[’']?t\s+cure\b", {"can't cure", "can’t cure", "cant cure"}),
    (r"\bno\.\s?1\b", {"no. 1", "no.1"}),
    (r"\bover\s+\d+", {f"over {digit}" for digit in "0123456789"}),
    (r"\b(?:the|our)\s+(?:very\s+)?best\b", {"the best", "the very", "our best", "our very"}),
    (r"\ban?\s+easy\b", {"a easy", "an easy"}),
    (r"\b\d{1,3}\s?%", {"#d"}),
    (r"(?<!\S)#\s?1\b", {"#s#"}),
    (r"\w+ly\b", None),
])
def test_literal_keys(pattern: str, keys: set[str] | None) -> None:
    found = literal_keys(pattern)
    assert (found if found is None else set(found)) == keys


def test_key_indexer_finds_used_words_pairs_digits_and_symbols() -> None:
    used = frozenset({"the", "the best", "the b", "best", "#d", "#s%", "#s#", "clin", "clinics",
                      "pain-fre", "of", "unused", "#s$"})
    text = "The  best 95% of #1 clinics,\npain-free"
    keys, positions = KeyIndexer(used).index(text)
    assert keys == used - {"unused", "#s$"}
    assert positions is not None
    assert positions["the best"] == positions["the b"] == positions["the"] == [0]
    assert positions["#d"] == [10, 11, 18] and positions["#s#"] == [17]
    assert positions["clinics"] == positions["clin"] == [20]
    assert positions["pain-fre"] == [29]
    assert KeyIndexer(frozenset({"stanbul"})).index("İstanbul")[1] is None  # length changed
    assert KeyIndexer(frozenset({"results"})).index("reſults") == (None, None)  # ſ ~ s in re
    assert KeyIndexer(frozenset({"over 5"})).index("over ５") == (None, None)  # \d matches ５


def test_split_alternatives_unwraps_whole_groups_only() -> None:
    assert split_alternatives(r"(?:\bfoo\b|\bbar(?:s|z))|[|]x") == [
        r"\bfoo\b", r"\bbar(?:s|z)", "[|]x"]


def test_distribute_leading_group_spreads_alternatives_over_the_tail() -> None:
    from clinicsite.lint.prefilter import distribute_leading_group

    assert distribute_leading_group(r"\b(?:a|b(?:x|y))\s+c") == [r"\ba\s+c", r"\bb(?:x|y)\s+c"]
    assert distribute_leading_group(r"\b(?:(?:a|b)|c)d") == [r"\bad", r"\bbd", r"\bcd"]
    assert distribute_leading_group(r"\b(?:a|b)?\s+c") == [r"\b(?:a|b)?\s+c"]
    assert distribute_leading_group(r"(?:a|b)") == [r"(?:a|b)"]
    assert distribute_leading_group(r"[|]x") == [r"[|]x"]


@pytest.mark.parametrize("pattern", [
    r"\bno\s+(?:\w+\s+)?risks?\b", r"\b(?:a\s+)?few\s+spots?\b", r"cures?\b", r"\W+guaranteed\b",
    r"\b\d{1,3}\s?%", r"£\s?\d+", r"\bpain[- ]?free\b", r"\b(?<!-)no[- ]cost\b",
    r"\b(?:(?:no|\W+)cost)",  # may open with a non-word character: not tried at keys alone
    r"\bover\s+\d+",
])
def test_matches_at_key_positions_are_those_of_a_full_search(pattern: str) -> None:
    """Trying a trigger only where its key words start finds exactly what finditer finds."""
    from clinicsite.lint.kinds.phrase import _matches, make_trigger

    trigger = make_trigger(pattern)
    assert trigger.keys is not None
    for text in ("No risks at all; a few spots left. It procures and cures. —guaranteed! "
                 "Pain-free, painfree, 95 % and 100% for £ 30; no-cost, non-cost, no cost "
                 "offer. Over 12 and over 3, A FEW SPOTS.",
                 "Over ５0 people: a digit \\d matches beyond 0-9."):
        _, positions = KeyIndexer(trigger.keys).index(text)
        found = [m.span() for m in _matches(trigger, text, positions)]
        assert found == [m.span() for m in trigger.regex.finditer(text) if m.end() > m.start()]


_QUICK_TEXTS = [
    "No risks at all; a few spots left. It procures and cures. —guaranteed!",
    "Another note: this is not medical advice.",  # 'not' inside 'another' starts no word
    "not a substitute for seeing your GP",  # a match at the very start
    "Pain-free, painfree, 95 % and 100% for £ 30; no-cost, non-cost, no cost offer.",
    "Talk\nwith   your doctor before you start.",  # a phrase over a line break
    "İstanbul clinic: results may vary.",  # lower-casing changes the length
    "Reſults may vary; talk wıth your doctor.",  # letters re folds onto s and i, lower() not
    "NOT MEDICAL ADVICE. Another NOTE.",
    "Nothing here matches at all.",
    "Seen over ５0 times; ΟΔΟΣ; 5 Μg; RISK",  # \d beyond 0-9, final sigma, micro and mu
    "COVID１９",
    "",
]


@pytest.mark.parametrize("patterns", [
    [r"\bnot\s+(?:a\s+)?substitute\s+for\b", r"\btalk\s+(?:to|with)\s+your\s+doctor\b"],
    [r"\bresults?\s+(?:may\s+)?vary\b", r"\bnot\s+medical\s+advice\b"],
    [r"\bno\s+(?:\w+\s+)?risks?\b", r"£\s?\d+", r"\b\d{1,3}\s?%"],  # some start with no word
    [r"\b(?<!-)no[- ]cost\b", r"cures?\b", r"\W+guaranteed\b"],
    [r"\b(\w+) \1\b", r"\bpain[- ]?free\b"],  # a back-reference: searched the usual way
    [r"\b(?:a|an)\s+few\s+spots?\b"],
    [r"\b(?:(?:no|\W+)cost)"],
    [r"\bover\s+\d+", r"\bcovid\d+"],
    [r"\bοδοσ\b", r"\bµg\b", r"\briſk\b"],  # letters with more than two case forms
])
def test_quick_search_finds_what_a_full_search_finds(patterns: list[str]) -> None:
    """QuickSearch.found agrees with regex.search on every text, whatever the alternatives."""
    import re

    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    quick = QuickSearch(regex)
    for text in _QUICK_TEXTS:
        assert quick.found(text) == bool(regex.search(text)), text
