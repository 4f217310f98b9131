"""Page-level rules: disclaimers (Markdown or built HTML), fair balance, people, review dates."""

from __future__ import annotations

from datetime import date

from lint_helpers import lint_text, positions

FRONT = ("---\ntitle: Trigger point injections\nauthor: dr-a\nreviewed_by: dr-b\n"
         "last_reviewed: 2025-03-01\n---\n")
BODY = "Injections may relieve muscle pain for a few weeks. Results vary from person to person.\n"
PEOPLE = {"dr-a": {"credentials": "MD"}, "dr-b": {"credentials": "MB ChB, FRCA"},
          "nurse-c": {"credentials": ""}}


def _page_rules(text: str, content_type: str = "treatment", **kw: object
                ) -> list[tuple[int, int, str]]:
    run = lint_text(text, content_type, **kw)  # type: ignore[arg-type]
    return positions(run)


def test_standalone_page_checks_its_own_markdown() -> None:
    assert _page_rules(FRONT + BODY) == [(2, 1, "missing-medical-disclaimer"),
                                         (7, 16, "fair-balance")]


def test_disclaimer_in_the_built_footer_counts_in_a_site_lint() -> None:
    html = ("<html><head><title>x</title></head><body><main>Injections may relieve pain. "
            "Results vary from person to person.</main><footer>This is not a "
            "substitute for professional medical advice.</footer></body></html>")
    found = _page_rules(FRONT + BODY, rendered_html=html, linked_types=frozenset({"risk"}))
    assert found == []


def test_fair_balance_clears_with_a_risk_section_or_a_risk_link() -> None:
    with_section = FRONT + BODY + "\n## Risks\n\nSoreness and bruising are common.\n"
    with_link = FRONT + BODY + "\nSee [side effects](../risks/bruising.md).\n"
    for text in (with_section, with_link):
        assert "fair-balance" not in {rule for _, _, rule in _page_rules(text)}


def test_author_and_reviewer_need_credentials_when_practitioners_are_known() -> None:
    from lint_helpers import TODAY, settings_for

    from clinicsite.lint import LintDocument, run_lint

    text = FRONT.replace("dr-b", "nurse-c") + BODY + "\nThis is not a substitute for advice.\n"
    text = text.replace("author: dr-a", "author: nobody")
    run = run_lint([LintDocument("t.md", text, "treatment", linked_types=frozenset({"risk"}))],
                   settings_for(None), today=TODAY, practitioners=PEOPLE)
    assert [(f.line, f.column, f.rule_id, f.message.split(";")[0]) for f in run.findings] == [
        (3, 1, "missing-author-credentials", "author 'nobody' is not a team page"),
        (4, 1, "missing-medical-reviewer", "reviewed_by 'nurse-c' has no credentials")]


def test_review_date_age_missing_and_updated() -> None:
    old = FRONT.replace("2025-03-01", "2024-01-15") + BODY
    assert ("stale-review-date", "warning") in _levels(old, date(2025, 6, 1))
    assert ("stale-review-date", "error") in _levels(old, date(2026, 6, 1))
    missing = FRONT.replace("last_reviewed: 2025-03-01\n", "") + BODY
    assert ("stale-review-date", "error") in _levels(missing, date(2025, 6, 1))
    newer = FRONT.replace("---\ntitle", "---\nupdated: 2025-05-01\ntitle") + BODY
    assert ("stale-review-date", "warning") in _levels(newer, date(2025, 6, 1))
    custom = _levels(old, date(2025, 6, 1), {"max_review_age_months": 24})
    assert "stale-review-date" not in {rule for rule, _ in custom}


def _levels(text: str, today: date, lint: dict | None = None) -> set[tuple[str, str]]:
    run = lint_text(text, "treatment", lint, today=today)
    return {(f.rule_id, f.level.value) for f in run.findings}


def test_course_pages_need_accreditation_and_scope_statements() -> None:
    text = "---\ntitle: TPI course\nsummary: One day.\n---\nLearn the technique.\n"
    assert _page_rules(text, "course") == [(2, 1, "course-accreditation-disclaimer"),
                                           (2, 1, "course-scope-disclaimer")]
    good = text + ("\nAccredited by the CPD Certification Service for 8 CPD hours. Completion "
                   "does not authorise you to inject; check your board's scope of practice.\n")
    assert _page_rules(good, "course") == []


def test_testimonials_on_any_page_need_results_vary() -> None:
    text = "---\ntitle: Reviews\n---\n> I can finally sleep again. — Sam\n"
    assert (2, 1, "missing-results-vary-disclaimer") in _page_rules(text, "page")
