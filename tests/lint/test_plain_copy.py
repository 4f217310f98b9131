"""Everyday clinic copy the linter must leave alone, look-alikes it must still flag, and
inputs built to make a regular expression backtrack (each must lint in linear time)."""

from __future__ import annotations

import time

import pytest
from lint_helpers import lint_text

PAGE_RULES = {"missing-medical-disclaimer", "missing-results-vary-disclaimer",
                      "fair-balance", "references-required", "missing-author-credentials",
                      "missing-medical-reviewer", "stale-review-date"}


def fired(text: str, profile: str = "uk-cap") -> set[str]:
    run = lint_text(text, content_type=None, lint={"profile": profile})
    return {f.rule_id for f in run.findings if f.rule_id not in PAGE_RULES}


@pytest.mark.parametrize("text", [
    "Bone density declines each year after the menopause.",
    "Prevention is key: brush twice a day and floss once a day.",
    "The longer you leave the numbing cream on, the less you will feel.",
    "Don't stop your treatment just because you feel better; finish the course of antibiotics.",
    "If you don't wear your retainer, expect your teeth to drift back.",
    "If you do not have gum disease, you'll need a check-up only every 18 months.",
    "Any mole that changes shape needs a check as soon as possible.",
    "Many children are grinding their teeth at night, and most grow out of it.",
    "Left untreated, most colds will clear up on their own within a week.",
    "An untreated cavity can get bigger, so it is best dealt with in the first place.",
    "Jane started practising acupuncture in 2010 after training in London.",
    '"The midwives were lovely throughout my pregnancy." — Amy R.',
    "Bring your HSA card to pay.",
    "Our IV drips aren't a treatment for any illness. If you're unwell, see your GP.",
    "No IV drip, supplement or injection has been shown to prevent or treat COVID-19.",
    "Neither the FDA nor NICE has approved ozone therapy for back pain.",
    "There isn't enough good-quality evidence yet to say whether cupping helps knee arthritis.",
    "We're not aware of good evidence that reflexology helps migraines, so we don't offer it.",
    "Our nurse sets the drip recipes for safety; it doesn't mean they've been shown to boost energy.",
    "Cupping is generally safe when done by a trained therapist. Bruising and soreness can happen.",
    "The flu vaccine is recommended for adults over 65, pregnant women and carers.",
    "To be clear, we don't treat:\n\n- chronic fatigue\n- autism\n- infertility",
    "Our physiotherapists commonly assess and treat ankle sprains, knee pain and tennis elbow.",
    "Our pharmacists can give these vaccines: flu, COVID-19, shingles and RSV.",
    "The vaccine lowers your chance of getting influenza but isn't 100% effective.",
    "Rated 4.9 out of 5 from 1,214 Google reviews (checked March 2025).",
])
def test_plain_copy_is_not_flagged(text: str) -> None:
    assert fired(text) == set()


@pytest.mark.parametrize(("text", "rule"), [
    ("Acupuncture came to the West in the 1970s. Our acupuncture cures migraines.",
     "disease-treatment-claim"),
    ("It's a nice, relaxing treatment, and our acupuncture cures migraines for good.",
     "disease-treatment-claim"),
    ("Unlike GPs, who only diagnose and prescribe, our acupuncture cures migraines and IBS.",
     "disease-treatment-claim"),
    ("No wonder our acupuncture is proven to cure migraines.", "absolute-claim"),
    ("Why get the flu shot when you can build REAL immunity naturally? Our monthly drips give "
     "your body what it needs.", "discourages-conventional-care"),
    ("Every week you put off care, that misalignment is grinding your discs down.",
     "fear-appeal"),
    ("Meet Marcus 👊 Down 62 lbs in 5 months with our medical weight loss program.",
     "testimonial-typicality"),
])
def test_look_alikes_are_still_flagged(text: str, rule: str) -> None:
    assert rule in fired(text, "us-ftc")


@pytest.mark.parametrize("text", [
    "The procedure is completely safe and virtually painless " + ": " * 10000 + "end.",
    ". . " * 5000,
    ": 🎉 " * 5000,
    "1," * 10000,
    "95% of patients " + "1," * 5000,
    "“" * 20000,
    "a " * 10000,
])
def test_adversarial_text_lints_in_linear_time(text: str) -> None:
    """A regular expression that backtracks takes tens of seconds on these 20,000 characters;
    linear matching takes well under a second (the bound leaves room for a slow machine)."""
    fired("warm up")
    started = time.perf_counter()
    fired(text)
    assert time.perf_counter() - started < 5
