"""Read and check the claim corpus (see README.md); nothing here lints."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).parent
FAMILIES = ("condition-list", "efficacy", "evidence-authority", "immunity", "fear-pressure", "anecdote",
            "cost-insurance", "offer-scarcity", "credentials-social-proof", "course-outcome", "safety",
            "conventional-care", "medicines-approval")
LABELS = ("clear", "borderline", "sound")
PROFILES = ("us-ftc", "uk-cap", "au-ahpra")
CONTENT_TYPES = ("condition", "treatment", "benefit", "risk", "faq", "course", "practitioner",
                 "location", "page")
SENTENCE_KEYS = {"id", "family", "label", "text", "content_type", "profile", "voice", "modelled_on", "why"}
PAGE_KEYS = {"id", "page", "health_page", "has_disclaimer", "describes_outcomes", "has_results_vary",
             "voice", "why", "profile"}


@dataclass(frozen=True, slots=True)
class SentenceItem:
    """One labelled snippet."""

    id: str
    family: str
    label: str
    text: str
    content_type: str | None
    profile: str
    file: str


@dataclass(frozen=True, slots=True)
class PageItem:
    """One labelled page."""

    id: str
    page: str
    health_page: bool
    has_disclaimer: bool
    describes_outcomes: bool
    has_results_vary: bool
    profile: str
    file: str


class CorpusError(ValueError):
    """A corpus file that does not follow README.md."""


def load(where: Path) -> tuple[list[SentenceItem], list[PageItem]]:
    """Every item in a YAML file, or in a folder's YAML files, checked."""
    sentences: list[SentenceItem] = []
    pages: list[PageItem] = []
    seen: set[str] = set()
    for path in [where] if where.is_file() else sorted(where.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise CorpusError(f"{path.name}: the file must be a YAML list")
        for raw in data:
            item = _item(raw, path.name)
            if item.id in seen:
                raise CorpusError(f"{path.name}: duplicate id {item.id}")
            seen.add(item.id)
            (pages if isinstance(item, PageItem) else sentences).append(item)
    return sentences, pages


def _item(raw: object, file: str) -> SentenceItem | PageItem:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise CorpusError(f"{file}: every item is a mapping with a string id: {raw!r:.80}")
    where = f"{file}: {raw['id']}"
    profile = raw.get("profile", "us-ftc")
    if profile not in PROFILES:
        raise CorpusError(f"{where}: profile must be one of {PROFILES}")
    if "page" in raw:
        unknown = set(raw) - PAGE_KEYS
        if unknown:
            raise CorpusError(f"{where}: unknown keys {sorted(unknown)}")
        flags = [raw.get(k) for k in ("health_page", "has_disclaimer", "describes_outcomes",
                                      "has_results_vary")]
        if not all(isinstance(f, bool) for f in flags) or not isinstance(raw["page"], str):
            raise CorpusError(f"{where}: a page item needs page text and four true/false flags")
        return PageItem(raw["id"], raw["page"], *flags, profile, file)  # type: ignore[arg-type]
    unknown = set(raw) - SENTENCE_KEYS
    if unknown:
        raise CorpusError(f"{where}: unknown keys {sorted(unknown)}")
    if raw.get("family") not in FAMILIES:
        raise CorpusError(f"{where}: family must be one of {FAMILIES}")
    if raw.get("label") not in LABELS:
        raise CorpusError(f"{where}: label must be one of {LABELS}")
    if not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise CorpusError(f"{where}: text must be non-empty Markdown")
    content_type = raw.get("content_type")
    if content_type is not None and content_type not in CONTENT_TYPES:
        raise CorpusError(f"{where}: content_type must be one of {CONTENT_TYPES} or omitted")
    return SentenceItem(raw["id"], raw["family"], raw["label"], raw["text"], content_type, profile,
                        file)


def summary(where: Path) -> str:
    """Counts by family and label, for a helper checking their file."""
    sentences, pages = load(where)
    counts = Counter((s.family, s.label) for s in sentences)
    lines = [f"{len(sentences)} sentence items, {len(pages)} page items"]
    for family in FAMILIES:
        row = "  ".join(f"{label} {counts[(family, label)]:3d}" for label in LABELS)
        lines.append(f"{family:26s} {row}")
    untyped = sum(1 for s in sentences if s.content_type is None)
    lines.append(f"no content_type: {untyped}; profiles: "
                 f"{dict(Counter(s.profile for s in sentences))}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1])))
