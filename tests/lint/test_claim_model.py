"""The claim model and the `claim` kind: what counts as a claim, whose, how sure, and where."""

from __future__ import annotations

import pytest
from lint_helpers import lint_text

from clinicsite.errors import Level, Location, SiteError
from clinicsite.lint.claims.model import block_claims
from clinicsite.lint.claims.pagetype import infer_page_type
from clinicsite.lint.kinds.base import CompileContext
from clinicsite.lint.kinds.claim import ClaimChecker
from clinicsite.lint.rulespec import RuleSpec
from clinicsite.lint.sentences import sentence_bounds

CLAIM_RULES = ("disease-treatment-claim", "immunity-claim", "efficacy-claim", "anecdote-claim")


def claims_of(text: str, content_type: str | None = "treatment", profile: str = "us-ftc"
              ) -> list[tuple[int, int, str, str]]:
    """(line, column, rule, level) of each claim-rule finding."""
    run = lint_text(text, content_type, {"profile": profile})
    return [(f.line, f.column, f.rule_id, f.level.value) for f in run.findings
            if f.rule_id in CLAIM_RULES]


def parts(text: str) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """(excerpt, target class, certainty, claimant, targets) of each claim the model reads."""
    return [(text[c.start:c.end], c.target_class, c.certainty, c.claimant, c.targets)
            for c in block_claims(text, sentence_bounds(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cupping therapy can help with migraines, anxiety and IBS!",
     [(1, 21, "disease-treatment-claim", "error")]),
    ("Acupuncture may help with migraines.", [(1, 17, "disease-treatment-claim", "warning")]),
    ("Kick-start your immune system with our vitamin drip.",
     [(1, 1, "immunity-claim", "error")]),
    ("A safe and highly effective remedy for tired muscles.",
     [(1, 29, "efficacy-claim", "error")]),
    ("Your pain fades or vanishes altogether.", [(1, 6, "efficacy-claim", "error")]),
    ("Since my sessions I haven't had one migraine.", [(1, 21, "anecdote-claim", "warning")]),
])
def test_claims_are_found_where_they_are(text: str, expected: list[tuple[int, int, str, str]]
                                         ) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [
    "Acupuncture may help some people with chronic tension-type headaches for a few weeks.",
    "Neither the FDA nor NICE has approved stem cell therapy for arthritis.",
    "There is no good evidence that cupping helps with migraines.",
    "Keep the area clean to reduce the risk of infection.",
    "Most back pain gets better on its own within a few weeks.",
    "Your own doctor is the best person to ask about your medicines.",
    "Does acupuncture help with migraines?",
    "Tell us if you have diabetes, asthma or epilepsy before your appointment.",
    "Numbing cream reduces the discomfort, but most people still feel some stinging.",
    "MYTH: massage flushes toxins out of your muscles.",
    "We don't claim that reflexology treats any illness.",
    "Bruising is common and usually settles within a week.",
])
def test_sound_sentences_make_no_claim(text: str) -> None:
    assert claims_of(text) == []


def test_a_claim_names_its_parts() -> None:
    (excerpt, target_class, certainty, claimant, targets), = parts(
        "Our drips will protect you against colds and flu.")
    assert excerpt == "protect you against colds and flu"
    assert (target_class, certainty, claimant) == ("immunity", "strong", "service")
    assert targets == ("colds", "flu")


def test_hedges_caveats_and_support_change_the_certainty() -> None:
    assert parts("Massage eases muscle pain.")[0][2] == "plain"
    assert parts("Massage may ease muscle pain.")[0][2] == "hedged"
    assert parts("Massage may ease muscle pain. Results vary.")[0][2] == "qualified"
    cited = block_claims("Massage eases muscle pain [^1].", [0], cited=True)
    assert cited[0].supported


def test_a_question_lends_its_targets_to_the_answer() -> None:
    assert claims_of("Living with diabetes? Our trigger point injections can help.") == [
        (1, 56, "disease-treatment-claim", "error")]
    assert claims_of("Does a drip help with the flu? No. Ask your pharmacist about the "
                     "vaccine.") == []


def test_a_list_under_a_claim_lead_in_is_a_claim_item_by_item() -> None:
    text = "Cupping therapy can help with:\n\n- migraines\n- eczema\n- booking online\n"
    assert claims_of(text) == [(3, 3, "disease-treatment-claim", "error"),
                               (4, 3, "disease-treatment-claim", "error")]
    contraindications = "We can't treat you if you have:\n\n- epilepsy\n- heart disease\n"
    assert claims_of(contraindications) == []


def test_stories_are_anecdotes_and_a_typical_result_clears_them_except_in_australia() -> None:
    story = ("Client story: Jo had migraines for years. After three sessions with us she hasn't "
             "had one since.")
    assert [r for _, _, r, _ in claims_of(story)] == ["anecdote-claim"]
    disclosed = story + "\n\nIn our 2023 survey most clients said they had fewer, and some no change."
    assert claims_of(disclosed) == []
    assert [(r, lv) for _, _, r, lv in claims_of(disclosed, profile="au-ahpra")] == [
        ("anecdote-claim", "error")]


def test_efficacy_defers_to_a_more_specific_rule_in_the_same_sentence() -> None:
    run = lint_text("Instant relief, guaranteed.", "treatment")
    fired = {f.rule_id for f in run.findings}
    assert {"immediacy", "absolute-claim"} <= fired and "efficacy-claim" not in fired


def test_an_untyped_page_is_read_as_a_health_page_and_says_so() -> None:
    text = "# Cupping\n\nCupping can help with back pain and stiffness.\n"
    run = lint_text(text, None, path="saved.md")
    disclaimer = next(f for f in run.findings if f.rule_id == "missing-medical-disclaimer")
    assert "reads as a treatment page because it mentions 'cupping'" in disclaimer.message
    assert infer_page_type("Parking is behind the building; the bus stops outside. "
                           "Cancellation policy: 24 hours.").content_type == "page"
    assert infer_page_type("Our two-day course and CPD certificate for nurses."
                           ).content_type == "course"


def test_an_untyped_page_gets_course_rules_only_when_it_speaks_of_courses() -> None:
    price = "Laser hair removal, small area: from £60 per session."
    assert "course-outcome-claim" not in {f.rule_id for f in lint_text(price, None).findings}
    course = "No experience needed: our weekend course has you injecting by Monday."
    assert "course-outcome-claim" in {f.rule_id for f in lint_text(course, None).findings}


def test_claim_rule_options_are_checked() -> None:
    spec = RuleSpec("x", "claim", Level.ERROR, "m", "p", Location("p"),
                    options={"targets": ["tumours"]})
    with pytest.raises(SiteError, match="unknown value 'tumours'"):
        ClaimChecker(spec, CompileContext({}), [])


def test_a_typical_result_clears_the_stories_around_it_not_itself() -> None:
    said = "Most of our clients tell us they sleep better and feel calmer after a course of reflexology."
    assert [r for _, _, r, _ in claims_of(said)] == ["anecdote-claim"]
