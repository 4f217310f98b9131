"""A second reading of what the sentence rules flag: a small statistical model that tells hedged,
sourced or merely descriptive copy from claims.

The model is a logistic regression over the words and word pairs of a text (tf-idf weighted),
trained on the labelled claim corpus by tests/lint/claims/train.py, which writes judge.json
beside this file; `train.py --check` shows that the committed file is what the corpus gives.
Only the tuning part of the corpus is trained on; the held-out part measures it.

It reads only what the rules found. It lets a finding through only when the flagged sentence
itself hedges, sources or limits what it says (sound_signals) and both the sentence and its
paragraph read as sound copy; never an error. The finding is then kept in the report as
suppressed, with those words and the ones that weighed most, so a reviewer sees what was let
through and why. (On real pages the model alone reads 'a safe and effective option' as sound.)
The other way round, a claim the claim model found but that its rule leaves alone as hedged
('may ease anxiety'), or a paragraph sentence whose claim words it could not link, is reported
when a rule asks for it (`confirm_levels`, `confirm_unlinked`) and both sentence and paragraph
still read confidently as a claim. Reading one sentence costs a few microseconds, and only
sentences with a claim or a finding are read.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinicsite.lint.claims.words import lower_text, vocabulary

MODEL_FILE = Path(__file__).with_name("judge.json")
_TOKEN = re.compile(r"[a-z0-9']+|[!?£$%]")
_DIGITS = re.compile(r"\d+")
# words that weigh in the model but explain nothing to a reader: never shown as a reason
_UNTELLING = frozenset({"a", "an", "the", "and", "or", "but", "if", "is", "are", "was", "be",
                        "it", "it's", "its", "of", "to", "in", "on", "at", "by", "as", "so",
                        "we", "we'll", "we're", "you", "you'll", "your", "our", "us", "that",
                        "this", "with", "for", "i", "my", "me", "0", "can", "will"})


def ngrams(text: str) -> list[str]:
    """The words (numbers written as 0) and adjacent word pairs of `text`, lower-cased: the
    model's features, for training and for reading alike."""
    words = _TOKEN.findall(_DIGITS.sub("0", text.lower().replace("’", "'")))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True, slots=True)
class Judge:
    """The trained model: per feature its idf and weight, the intercept, and the probability
    of a claim below which copy reads as sound."""

    features: dict[str, tuple[float, float]]
    bias: float
    threshold: float
    confirm: float = 1.0  # at or above this, a hedged claim still reads as a claim

    def probability(self, text: str) -> float:
        """How likely `text` is a claim a reviewer would query (0 to 1)."""
        score = self.bias + sum(value * self.features[f][1]
                                for f, value in self._vector(text).items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))

    def lets_through(self, sentence: str, paragraph: str) -> tuple[str, ...] | None:
        """The words that make both the sentence and its paragraph read as sound copy, most
        telling first; None when either may be a claim."""
        if self.probability(sentence) >= self.threshold or (
                paragraph != sentence and self.probability(paragraph) >= self.threshold):
            return None
        return self.reasons(sentence)

    def confirms(self, sentence: str, paragraph: str) -> tuple[str, ...] | None:
        """The words that make a hedged claim's sentence and paragraph still read as a claim,
        most telling first; None when either reads as hedged enough."""
        if self.probability(sentence) < self.confirm or (
                paragraph != sentence and self.probability(paragraph) < self.confirm):
            return None
        return self.reasons(sentence, towards_claim=True)

    def reasons(self, text: str, count: int = 3, towards_claim: bool = False
                ) -> tuple[str, ...]:
        """The features of `text` that pull it most towards sound copy (or towards a claim)."""
        sign = -1.0 if towards_claim else 1.0
        pulls = sorted((sign * value * self.features[f][1], f)
                       for f, value in self._vector(text).items()
                       if not _UNTELLING.issuperset(f.split()))
        return tuple(f for pull, f in pulls[:count] if pull < 0)

    def _vector(self, text: str) -> dict[str, float]:
        """Sublinear tf-idf, L2-normalised, over the features the model knows."""
        counts: dict[str, int] = {}
        for feature in ngrams(text):
            if feature in self.features:
                counts[feature] = counts.get(feature, 0) + 1
        raw = {f: (1.0 + math.log(n)) * self.features[f][0] for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {f: v / norm for f, v in raw.items()}


# what a sentence must itself say before the model may let it through: a source, a caveat, a
# limit, a risk, a refutation, the natural course of a condition, or advice to see a doctor
SOUND_SIGNALS = frozenset({"attributions", "caveats", "limits", "risk_talk", "refutations",
                           "natural_course"})
# caveat words too common in plain description to vouch for a sentence ('a few minutes')
_WEAK_SIGNALS = frozenset({"a few", "alongside", "mild", "modest", "partial", "partly",
                           "slightly", "small", "somewhat", "whether"})
_SEE_A_DOCTOR = re.compile(r"\b(?:talk|speak|check|ask|see|consult)\s+(?:to\s+|with\s+)?(?:your|a)"
                           r"\s+(?:own\s+)?(?:GP|doctor|physician|pharmacist|dentist|midwife|"
                           r"specialist|prescriber)\b", re.IGNORECASE)


def sound_signals(sentence: str) -> tuple[str, ...]:
    """The words by which a sentence itself hedges, sources or limits what it says ('some
    people', 'according to NICE', 'side effects', 'talk to your GP'); () when it says none."""
    found = [m.text for m in vocabulary().mentions(lower_text(sentence))
             if not m.tags.isdisjoint(SOUND_SIGNALS) and m.text not in _WEAK_SIGNALS]
    found += [m.group(0) for m in _SEE_A_DOCTOR.finditer(sentence)]
    return tuple(dict.fromkeys(found))


def judge_from(data: Mapping[str, Any]) -> Judge:
    """A Judge from the JSON judge.json holds."""
    return Judge({f: (float(idf), float(weight)) for f, (idf, weight) in data["features"].items()},
                 float(data["bias"]), float(data["threshold"]), float(data["confirm"]))


@functools.cache
def judge() -> Judge:
    """The committed model."""
    return judge_from(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def why(signals: tuple[str, ...], reasons: tuple[str, ...]) -> str:
    """The suppression reason a report shows for a finding the model let through."""
    said = ", ".join(f"'{s}'" for s in signals)
    words = ", ".join(f"'{r}'" for r in reasons) or "its wording"
    return (f"let through by the second reading: the sentence says {said}, and it and its "
            f"paragraph read as hedged or sourced copy (words that weighed most: {words}); a "
            f"reviewer may still query it")
