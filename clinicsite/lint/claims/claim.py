"""A claim as the model reports it, and the names of its parts."""

from __future__ import annotations

from dataclasses import dataclass

TARGET_CLASSES = ("immunity", "condition", "symptom", "function", "comfort", "general")


CERTAINTIES = ("strong", "plain", "offered", "hedged", "qualified")


CLAIMANTS = ("service", "first-person", "clients")


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim in a block of text."""

    start: int  # offsets in the block's text: the benefit or outcome words through the target
    end: int
    predicate: str  # as written: 'can help with', 'relief', 'vanished'
    targets: tuple[str, ...]  # as written: 'migraines', 'immune system'; () for general claims
    target_class: str  # one of TARGET_CLASSES
    certainty: str  # one of CERTAINTIES
    claimant: str  # one of CLAIMANTS
    supported: bool  # a citation in the paragraph or a finding attributed to a source
    form: str  # benefit | outcome | list | offered
    sentence: tuple[int, int]  # offsets of the sentence
