"""Generate a synthetic clinic site of N pages for benchmarks (deterministic for a given N)."""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SENTENCES = [
    "Muscle pain often builds up slowly over weeks of poor posture or repeated strain.",
    "Your clinician will ask where the pain started and what makes it better or worse.",
    "A physical examination looks for tender bands of muscle and limits in movement.",
    "Some people notice that the pain spreads to the head, the arm or the shoulder blade.",
    "Gentle stretching and regular movement breaks may help some people feel less stiff.",
    "Sleep, stress and general fitness can all affect how muscle pain is felt.",
    "Imaging is not usually needed unless there are warning signs of another cause.",
    "Treatment plans are agreed with you and reviewed at each appointment.",
    "The local anaesthetic wears off after a few hours and the area may feel sore.",
    "Please tell us about any medicines you take, especially blood thinners.",
    "If you feel short of breath after an injection near the chest, seek help straight away.",
    "Results vary from person to person, and some people need more than one appointment.",
    "Physical therapy exercises are often used alongside other treatments.",
    "We will explain the possible side effects before you decide whether to go ahead.",
    "You can bring a friend or relative to your appointment if you would like.",
    "Keep a short diary of your symptoms to help us see what changes over time.",
]
HEADINGS = ["Symptoms", "Causes", "How it is assessed", "Treatment options", "Self-care",
            "When to see a doctor", "What to expect", "Aftercare", "Questions to ask"]
PRACTITIONERS = 12
LOCATIONS = 4


def paragraph(rng: random.Random, words: int) -> str:
    """Sentences from the pool until about `words` words."""
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(SENTENCES))
    return " ".join(out)


def body(rng: random.Random, index: int, link: str) -> str:
    """About 770 words: headings, paragraphs, a list, a link, a footnote, a table in one of five."""
    parts = []
    for number, heading in enumerate(rng.sample(HEADINGS, 6)):
        parts.append(f"## {heading}\n\n{paragraph(rng, 110)}")
        if number == 1:
            parts.append("\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(4)))
        if number == 2:
            parts.append(f"Read more about [a related treatment]({link}).[^1]")
    if index % 5 == 0:
        parts.append("| Visit | Typical length |\n|:--|--:|\n| First | 45 minutes |\n"
                     "| Follow-up | 20 minutes |")
    parts.append("[^1]: Alvarez DJ, Rockwell PG. Trigger points: diagnosis and management. "
                 "Am Fam Physician. 2002;65(4):653-660. PMID 11871683.")
    return "\n\n".join(parts) + "\n"


def front(fields: dict[str, str]) -> str:
    """YAML front matter from simple values (already YAML-formatted)."""
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def generate(target: Path, pages: int, seed: int = 7) -> None:
    """Write site_config.yaml and `pages` content pages under target."""
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(seed)
    content = target / "content"
    write(target / "site_config.yaml", CONFIG)
    write(content / "index.md", front({"title": "Synthetic Pain Clinic"}) + paragraph(rng, 80))
    for n in range(PRACTITIONERS):
        write(content / f"team/clinician-{n}.md", front({
            "title": f"Clinician {n}", "credentials": "MD", "role": "Pain physician",
            "physician": "true", "locations": f"[site-{n % LOCATIONS}]"}) + paragraph(rng, 120))
    for n in range(LOCATIONS):
        write(content / f"locations/site-{n}.md", front({
            "title": f"Site {n}", "phone": '"+1 503-555-0100"',
            "address": f"{{street: {n} Main Street, locality: Portland, postal_code: '97201', "
                       "country: US}",
            "hours": "[{days: [Mo, Tu, We, Th, Fr], opens: '08:00', closes: '17:00'}]"}))
    remaining = pages - PRACTITIONERS - LOCATIONS - 1
    treatments = max(remaining // 10, 1)
    risks = max(remaining // 10, 1)
    faqs = remaining * 3 // 10
    conditions = remaining - treatments - risks - faqs
    review = {"author": "clinician-0", "reviewed_by": "clinician-1", "last_reviewed": "2026-09-01"}
    for n in range(risks):
        write(content / f"risks/risk-{n}.md", front({
            "title": f"Risk {n}", "risk_kind": "side-effect", **review,
            "description": "A possible side effect and what to do about it."})
            + body(rng, n, f"../treatments/treatment-{n % treatments}.md"))
    for n in range(treatments):
        write(content / f"treatments/treatment-{n}.md", front({
            "title": f"Treatment {n}", "procedure_type": "percutaneous", **review,
            "description": "A treatment offered at the clinic.",
            "risks": f"[risk-{n % risks}]", "practitioners": f"[clinician-{n % PRACTITIONERS}]"})
            + body(rng, n, f"../risks/risk-{n % risks}.md"))
    for n in range(conditions):
        write(content / f"conditions/condition-{n}.md", front({
            "title": f"Condition {n}", **review,
            "description": "What the condition is and how it is assessed.",
            "treatments": f"[treatment-{n % treatments}]"})
            + body(rng, n, f"../treatments/treatment-{n % treatments}.md"))
    for n in range(faqs):
        write(content / f"faqs/question-{n}.md", front({
            "title": f"Question {n}?", "topic": f"Topic {n % 8}", **review})
            + paragraph(rng, 120) + "\n")


CONFIG = """site:
  name: Synthetic Pain Clinic
  base_url: https://bench.example.org/
  language: en-US
organization:
  main_location: site-0
  disclaimer: General information only; not a substitute for professional medical advice.
navigation:
  - {title: Conditions, url: /conditions/}
  - {title: Treatments, url: /treatments/}
  - {title: FAQs, url: /faqs/}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    generate(args.target, args.pages)
    print(f"wrote a {args.pages}-page site to {args.target}")


if __name__ == "__main__":
    main()
