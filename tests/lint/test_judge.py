"""The second reading (clinicsite/lint/claims/judge.py): trained from the repository, read the
same way without the training libraries, and used only on what the rules and the claim model
found."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from lint_helpers import lint_text

from clinicsite.errors import Level, SiteError
from clinicsite.lint import load_lint_settings
from clinicsite.lint.claims.judge import MODEL_FILE, judge, judge_from, ngrams
from clinicsite.reports import render_report

CLAIMS = Path(__file__).parent / "claims"
sys.path.insert(0, str(CLAIMS))

LET_THROUGH = ("Your first consultation is free of charge; some people need more than one "
               "before deciding, and results vary.")
UNSIGNALLED = ("Complimentary consultation, which you can put towards treatment if you go "
               "ahead within four weeks.")  # reads as sound, but says nothing that hedges it
PLAIN_CLAIM = "Our IV drip boosts your immune system and keeps colds away."
HEDGED_CLAIM = "Studies suggest cupping may speed up recovery after a marathon."


def _active(run, rule_id: str):
    return [f for f in run.findings if f.rule_id == rule_id and f.suppressed_by is None]


def _let_through(run):
    return [f for f in run.findings
            if f.suppressed_by is not None and f.suppressed_by.scope == "model"]


def test_committed_model_is_what_the_tuning_corpus_trains() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (requirements.txt) trains the model")
    from train import differences, train

    committed = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert differences(train(), committed) == ""
    assert committed["trained_on"]["files"] == sorted(p.name for p in (CLAIMS / "tuning").glob(
        "*.yaml"))  # never the held-out part


def test_differences_notices_a_changed_model() -> None:
    from train import differences

    committed = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    edited = json.loads(json.dumps(committed))
    name = next(iter(edited["features"]))
    edited["features"][name][1] += 0.5
    assert "differ" in differences(edited, committed)
    edited["features"].pop(name)
    assert differences(edited, committed) == "other features"


def test_reading_matches_the_training_library() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (requirements.txt) trains the model")
    from load import load
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from train import MIN_FILES, REGULARISATION

    items, _ = load(CLAIMS / "tuning")
    vectorizer = TfidfVectorizer(analyzer=ngrams, min_df=MIN_FILES, sublinear_tf=True)
    matrix = vectorizer.fit_transform([item.text for item in items])
    model = LogisticRegression(C=REGULARISATION, max_iter=5000, class_weight="balanced")
    model.fit(matrix, [item.label != "sound" for item in items])
    texts = [LET_THROUGH, PLAIN_CLAIM, HEDGED_CLAIM, "", "!!!", "Book now, 50% off 💉"]
    expected = model.predict_proba(vectorizer.transform(texts))[:, 1]
    for text, probability in zip(texts, expected, strict=True):
        assert judge().probability(text) == pytest.approx(probability, abs=1e-5), text


def test_features_are_words_and_pairs_with_numbers_folded() -> None:
    assert ngrams("Save 30% — it’s 2 for 1!") == [
        "save", "0", "%", "it's", "0", "for", "0", "!",
        "save 0", "0 %", "% it's", "it's 0", "0 for", "for 0", "0 !"]


def test_a_flagged_sentence_that_reads_as_sound_is_reported_as_let_through() -> None:
    assert judge().probability(LET_THROUGH) <= judge().threshold - 0.05, "retrained: pick another"
    run = lint_text(LET_THROUGH)
    let = _let_through(run)
    assert [f.rule_id for f in let] == ["cost-insurance-claim"]
    reason = let[0].suppressed_by.reason
    assert reason.startswith("let through by the second reading: the sentence says 'some people'")
    assert "weighed most" in reason
    assert not _active(run, "cost-insurance-claim")


def test_the_model_alone_never_lets_a_finding_through() -> None:
    assert judge().probability(UNSIGNALLED) < judge().threshold  # it reads as sound...
    run = lint_text(UNSIGNALLED)  # ...but the sentence itself neither hedges nor sources it
    assert _active(run, "cost-insurance-claim") and not _let_through(run)


def test_errors_are_never_let_through() -> None:
    text = "Trigger point injections are a safe and effective option; some people feel sore after."
    run = lint_text(text)
    assert _active(run, "risk-minimising") and not _let_through(run)


def test_the_second_reading_can_be_turned_off() -> None:
    run = lint_text(LET_THROUGH, lint={"second_reading": False})
    assert _active(run, "cost-insurance-claim")
    assert not _let_through(run)


def test_a_plain_claim_is_never_let_through() -> None:
    run = lint_text(PLAIN_CLAIM)
    assert _active(run, "immunity-claim")
    assert not _let_through(run)


def test_a_hedged_claim_that_still_reads_as_one_is_reported_with_why() -> None:
    assert judge().probability(HEDGED_CLAIM) >= judge().confirm + 0.05, "retrained: pick another"
    run = lint_text(HEDGED_CLAIM)
    found = _active(run, "efficacy-claim")
    assert len(found) == 1 and found[0].level.value == "warning"
    assert "still makes the claim" in found[0].message and "'cupping'" in found[0].message
    assert not _active(lint_text(HEDGED_CLAIM, lint={"second_reading": False}),
                       "efficacy-claim")


def test_rules_only_a_waiver_may_suppress_are_never_let_through() -> None:
    spec = next(r.spec for r in load_lint_settings({"profile": "uk-cap"}).rules
                if r.spec.suppress == "front-matter")
    assert spec.id  # such rules exist, and engine._second_reading skips them
    from clinicsite.lint.engine import _second_reading
    from clinicsite.lint.findings import Span
    from clinicsite.lint.kinds import Hit

    hit = Hit(Span(1, 1, 1, 5), "free", LET_THROUGH, level=Level.WARNING)
    assert _second_reading([(spec, hit)], LET_THROUGH, judge()) == [(spec, hit)]


def test_reports_show_what_was_let_through_and_why() -> None:
    run = lint_text(LET_THROUGH)
    sarif = json.loads(render_report(run, "sarif"))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "cost-insurance-claim"]
    assert results[0]["suppressions"][0]["kind"] == "external"
    assert "second reading" in results[0]["suppressions"][0]["justification"]
    report = json.loads(render_report(run, "json"))
    flagged = [f for f in report["findings"] if f["rule_id"] == "cost-insurance-claim"]
    assert flagged and flagged[0]["suppressed"]["scope"] == "model"


def test_second_reading_setting_is_validated() -> None:
    with pytest.raises(SiteError, match="second_reading must be true or false"):
        load_lint_settings({"second_reading": "yes"})


def test_model_file_is_small_and_its_thresholds_ordered() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert MODEL_FILE.stat().st_size < 512 * 1024
    assert 0 < data["threshold"] < data["confirm"] < 1
    model = judge_from(data)
    assert model.probability(PLAIN_CLAIM) > model.confirm
    assert model.probability(LET_THROUGH) < model.threshold


UNLINKED = "Reiki works wonders for grown-up complaints such as insomnia, IBS, migraines and low mood!"


def test_a_sentence_the_claim_model_cannot_link_is_reported_when_it_reads_as_a_claim() -> None:
    assert judge().probability(UNLINKED) >= judge().confirm + 0.05, "retrained: pick a clearer one"
    found = _active(lint_text(UNLINKED), "disease-treatment-claim")
    assert len(found) == 1 and found[0].level.value == "warning"
    assert "not said in so many words" in found[0].message and "weighed most" in found[0].message
    assert not _active(lint_text(UNLINKED, lint={"second_reading": False}),
                       "disease-treatment-claim")


def test_unlinked_sentences_are_read_only_in_paragraphs() -> None:
    assert not _active(lint_text(f"- {UNLINKED}"), "disease-treatment-claim")  # a list item
    assert not _active(lint_text("## How enrolment works"), "efficacy-claim")  # a heading
