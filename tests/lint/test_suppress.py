"""Suppression directives and page waivers: applied with a reason, kept in the audit trail."""

from __future__ import annotations

from lint_helpers import claim_positions, lint_text


def test_disable_next_line_suppresses_and_keeps_the_finding_with_its_reason() -> None:
    text = ('<!-- clinicsite-disable-next-line absolute-claim reason="quotes the ASA ruling" -->\n'
            "The ruling said the clinic claimed to cure pain.\n")
    run = lint_text(text, "page")
    finding = next(f for f in run.findings if f.rule_id == "absolute-claim")
    assert (finding.line, finding.column) == (2, 39)
    assert finding.suppressed_by is not None
    assert finding.suppressed_by.reason == "quotes the ASA ruling"
    assert finding.suppressed_by.scope == "next-line"
    assert not finding.active
    assert [(s.line, s.rule_ids) for s in run.suppressions] == [(1, ("absolute-claim",))]


def test_next_line_covers_the_whole_following_paragraph_only() -> None:
    text = ('<!-- clinicsite-disable-next-line absolute-claim reason="quoted" -->\n'
            "First line.\nWe cure pain.\n\nWe cure pain again.\n")
    assert claim_positions(lint_text(text, "page")) == [(5, 4, "absolute-claim")]


def test_block_disable_runs_until_enable() -> None:
    text = ('<!-- clinicsite-disable absolute-claim, immediacy reason="regulator examples" -->\n'
            "We cure pain instantly.\n\n"
            "<!-- clinicsite-enable absolute-claim -->\n"
            "We cure pain instantly.\n")
    assert claim_positions(lint_text(text, "page")) == [(5, 4, "absolute-claim")]
    assert len([f for f in lint_text(text, "page").findings if f.suppressed_by]) == 3


def test_suppression_without_reason_is_an_error_and_suppresses_nothing() -> None:
    text = "<!-- clinicsite-disable-next-line absolute-claim -->\nWe cure pain.\n"
    assert claim_positions(lint_text(text, "page")) == [(1, 1, "suppression-needs-reason"),
                                                  (2, 4, "absolute-claim")]


def test_unknown_rule_in_a_directive_is_reported() -> None:
    text = '<!-- clinicsite-disable-next-line absolut-claim reason="typo" -->\nWe cure pain.\n'
    assert claim_positions(lint_text(text, "page")) == [(1, 1, "suppression-unknown-rule"),
                                                  (2, 4, "absolute-claim")]


def test_front_matter_waiver_with_reason_and_approval() -> None:
    text = ("---\ntitle: ASA ruling summary\nlint:\n  disable: [absolute-claim]\n"
            "  reason: quotes the ruling\n  approved_by: J. Doe, compliance\n---\n"
            "The advert said injections cure pain.\n")
    run = lint_text(text, "page")
    assert claim_positions(run) == []
    suppressed = [f for f in run.findings if f.suppressed_by]
    assert [(f.line, f.suppressed_by.scope, f.suppressed_by.approved_by)  # type: ignore[union-attr]
            for f in suppressed] == [(8, "page", "J. Doe, compliance")]


def test_front_matter_waiver_without_reason_is_an_error() -> None:
    text = "---\ntitle: x\nlint: {disable: [absolute-claim]}\n---\nWe cure pain.\n"
    assert claim_positions(lint_text(text, "page")) == [(3, 1, "suppression-needs-reason"),
                                                  (5, 4, "absolute-claim")]


def test_uk_profile_refuses_inline_suppression_of_prescription_only_medicine() -> None:
    text = ('<!-- clinicsite-disable-next-line prescription-only-medicine reason="ours" -->\n'
            "Botox from £150.\n")
    run = lint_text(text, "page", {"profile": "uk-cap"})
    assert claim_positions(run) == [(1, 1, "suppression-not-allowed"),
                              (2, 1, "prescription-only-medicine")]


def test_alias_names_work_in_directives() -> None:
    text = ("---\ntitle: x\nlint: {disable: [missing-results-vary], reason: testimonials page "
            "reviewed, approved_by: MLR}\n---\n> I can finally sleep. — Sam\n")
    run = lint_text(text, "page")
    assert "missing-results-vary-disclaimer" not in {f.rule_id for f in run.active}
