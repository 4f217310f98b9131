"""Sentence rules located at the exact words in the source, with context guards."""

from __future__ import annotations

from lint_helpers import lint_text, positions

SENTENCE_RULES = {"absolute-claim", "risk-minimising", "immediacy", "uncited-evidence-appeal",
                  "uncited-statistic", "superlative-comparative", "disease-treatment-claim",
                  "testimonial-typicality", "course-outcome-claim", "cost-insurance-claim"}


def _sentence_positions(text: str, content_type: str = "treatment", **kw: object
                        ) -> list[tuple[int, int, str]]:
    run = lint_text(text, content_type, **kw)  # type: ignore[arg-type]
    return [p for p in positions(run) if p[2] in SENTENCE_RULES]


def test_positions_count_front_matter_lines() -> None:
    text = ("---\ntitle: Neck pain\nlast_reviewed: 2025-01-01\n---\n"
            "Intro line.\n\nOur injections cure neck pain and are painless.\n")
    assert _sentence_positions(text) == [(7, 16, "absolute-claim"), (7, 39, "risk-minimising")]


def test_front_matter_title_and_description_are_linted_at_their_lines() -> None:
    text = ('---\ntitle: "Instant relief for knots"\ndescription: Guaranteed results.\n---\n'
            "Body.\n")
    assert _sentence_positions(text) == [(2, 9, "immediacy"), (3, 14, "absolute-claim")]


def test_end_column_covers_the_matched_words() -> None:
    run = lint_text("Studies show it works.\n")
    finding = next(f for f in run.findings if f.rule_id == "uncited-evidence-appeal")
    assert (finding.line, finding.column, finding.end_column) == (1, 1, 13)
    assert finding.excerpt == "Studies show"
    assert finding.context == "Studies show it works."


def test_claims_across_a_soft_line_break_point_at_the_first_word() -> None:
    run = lint_text("Our injections are clinically\nproven to ease pain.\n")
    finding = next(f for f in run.findings if f.rule_id == "uncited-evidence-appeal")
    assert (finding.span.line, finding.span.column, finding.span.end_line,
            finding.span.end_column) == (1, 20, 2, 7)


def test_code_urls_comments_and_myth_headings_are_not_claims() -> None:
    text = ("Use `clinically proven` never.\n\n"
            "See [guide](https://example.org/instant-cure).\n\n"
            "<!-- guaranteed results -->\n\n"
            "## Myth: injections cure everything\n\n"
            "```\npainless\n```\n\n"
            "### Are injections painless?\n")
    assert _sentence_positions(text, "faq") == []


def test_negations_and_hedges_are_not_claims() -> None:
    text = ("No treatment is risk-free. Results are not guaranteed. "
            "Injections may reduce pain in some patients. This is not a cure.\n")
    assert _sentence_positions(text) == []


def test_negation_in_another_clause_does_not_excuse_the_claim() -> None:
    assert _sentence_positions("Not at all: the injection is completely painless.\n", "faq") == [
        (1, 41, "risk-minimising")]


def test_citation_in_the_paragraph_supports_evidence_claims_only() -> None:
    text = ("Studies show less pain [^1]. Injections cure pain [^1].\n\n"
            "[^1]: Example. doi:10.0000/example.1\n")
    assert _sentence_positions(text) == [(1, 41, "absolute-claim")]


def test_footnote_without_a_source_does_not_support() -> None:
    text = "Studies show less pain [^1].\n\n[^1]: Our own notes.\n"
    assert _sentence_positions(text) == [(1, 1, "uncited-evidence-appeal")]


def test_risk_frequencies_on_risk_pages_are_fine_satisfaction_figures_are_not() -> None:
    text = "About 1 in 1,000 people get an infection. Yet 96% of patients say it was worth it.\n"
    assert _sentence_positions(text, "risk") == [(1, 47, "uncited-statistic")]


def test_condition_list_after_a_lead_in_is_a_disease_claim() -> None:
    text = "We treat:\n\n- Fibromyalgia\n- Neck pain\n- Asthma\n"
    assert _sentence_positions(text, "page") == [(3, 3, "disease-treatment-claim"),
                                                 (5, 3, "disease-treatment-claim")]


def test_testimonial_is_located_at_the_quote() -> None:
    text = "Intro.\n\n> I can finally sleep again.\n> — Sam\n"
    assert _sentence_positions(text, "page") == [(3, 3, "testimonial-typicality")]


def test_results_disclosure_in_the_section_clears_the_testimonial() -> None:
    text = "> I can finally sleep again. — Sam\n\nResults vary; most patients report partial relief.\n"
    assert _sentence_positions(text, "page") == []


def test_findings_are_sorted_by_file_line_and_column() -> None:
    run = lint_text("Painless. Guaranteed.\n\nInstant relief.\n", "page")
    keys = [(f.path, f.line, f.column) for f in run.findings]
    assert keys == sorted(keys)


def test_malformed_front_matter_is_a_finding_and_the_text_is_still_linted() -> None:
    text = "---\ntitle: [unclosed\nauthor: x\n---\nOur injections cure back pain.\n"
    run = lint_text(text)
    found = positions(run)
    assert (5, 16, "absolute-claim") in found
    assert any(rule == "front-matter-error" and line == 3 for line, _, rule in found)


def test_file_without_front_matter_but_with_only_a_title_is_linted() -> None:
    run = lint_text("---\ntitle: Guaranteed cure\n---\n", None, path="notes/draft.md")
    assert [(f.line, f.column, f.rule_id) for f in run.findings] == [
        (2, 8, "absolute-claim"), (2, 19, "absolute-claim")]


def test_a_memo_lints_only_changed_documents_with_the_same_results(monkeypatch) -> None:  # noqa: ANN001
    from lint_helpers import TODAY, settings_for

    import clinicsite.lint.engine as engine
    from clinicsite.lint import LintDocument, LintMemo, run_lint

    texts = {f"page{n}.md": f"---\ntitle: Page {n}\n---\nOur injections cure pain, page {n}.\n"
             for n in range(4)}
    documents = [LintDocument(path, text, "treatment") for path, text in texts.items()]
    linted: list[str] = []
    real = engine.lint_document
    monkeypatch.setattr(engine, "lint_document",
                        lambda doc, *a: linted.append(doc.path) or real(doc, *a))
    memo = LintMemo()
    run_lint(documents, settings_for(), today=TODAY, memo=memo, jobs=1)
    assert len(linted) == 4
    documents[2] = LintDocument("page2.md", texts["page2.md"] + "It is guaranteed.\n", "treatment")
    linted.clear()
    again = run_lint(documents, settings_for(), today=TODAY, memo=memo, jobs=1)
    assert linted == ["page2.md"]
    fresh = run_lint(documents, settings_for(), today=TODAY, jobs=1)
    assert again.findings == fresh.findings and len(fresh.findings) >= 5
    linted.clear()
    memo.use("other settings")
    run_lint(documents, settings_for({"profile": "uk-cap"}), today=TODAY, memo=memo, jobs=1)
    assert len(linted) == 4  # under another key nothing is reused
