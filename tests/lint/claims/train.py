"""Train the second reading (clinicsite/lint/claims/judge.py) on the tuning corpus.

    python tests/lint/claims/train.py           # write clinicsite/lint/claims/judge.json
    python tests/lint/claims/train.py --check   # exit 1 unless the committed file is what
                                                # training gives

Only `tuning/` is read: the held-out part measures the model and is never trained on. Training is
deterministic (lbfgs from zero), so the same corpus always gives the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parents[2])]

from load import load  # noqa: E402

from clinicsite.lint.claims.judge import MODEL_FILE, ngrams  # noqa: E402

# Chosen by leave-one-file-out cross-validation on the tuning files (README, "How well it
# works"): below this probability of a claim, a flagged sentence and its paragraph read as sound.
THRESHOLD = 0.3
# At or above this probability a hedged claim still reads as one (the confident end of the
# same cross-validation: few sound items score this high).
CONFIRM = 0.8
REGULARISATION = 4.0  # sklearn's C
MIN_FILES = 2  # a feature must occur in at least this many items


def train(folder: Path = HERE / "tuning") -> dict[str, Any]:
    """The model as judge.json stores it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    items, _ = load(folder)
    texts = [item.text for item in items]
    claims = [item.label != "sound" for item in items]
    vectorizer = TfidfVectorizer(analyzer=ngrams, min_df=MIN_FILES, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=REGULARISATION, max_iter=5000, class_weight="balanced")
    model.fit(matrix, claims)
    names = vectorizer.get_feature_names_out()
    features = {str(name): [round(float(idf), 6), round(float(weight), 6)]
                for name, idf, weight in zip(names, vectorizer.idf_, model.coef_[0], strict=True)}
    return {
        "about": "clinicsite second reading: tf-idf logistic regression over words and word "
                 "pairs; written by tests/lint/claims/train.py, do not edit",
        "trained_on": {"items": len(items), "claims": sum(claims),
                       "files": sorted(p.name for p in folder.glob("*.yaml")),
                       "digest": corpus_digest(items)},
        "threshold": THRESHOLD,
        "confirm": CONFIRM,
        "bias": round(float(model.intercept_[0]), 6),
        "features": dict(sorted(features.items())),
    }


def corpus_digest(items: list[Any]) -> str:
    """What training read: every item's id, label and text (an edit anywhere changes it)."""
    sha = hashlib.sha256()
    for item in items:
        sha.update(f"{item.id}\0{item.label}\0{item.text}\0".encode())
    return sha.hexdigest()


def serialised(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"


def differences(trained: dict[str, Any], committed: dict[str, Any],
                tolerance: float = 1e-2) -> str:
    """What differs between two models beyond rounding ('' when nothing does). The corpus
    digest must match exactly; the weights only within `tolerance`, since linear algebra
    libraries differ slightly from one machine to another."""
    if trained["trained_on"] != committed["trained_on"]:
        return "trained on other items"
    if set(trained["features"]) != set(committed["features"]):
        return "other features"
    if (trained["threshold"], trained["confirm"]) != (committed["threshold"],
                                                      committed["confirm"]):
        return "other thresholds"
    pairs = [(trained["bias"], committed["bias"])] + [
        (value, committed["features"][name][i]) for name, values in trained["features"].items()
        for i, value in enumerate(values)]
    worst = max(abs(a - b) for a, b in pairs)
    return f"values differ by up to {worst:.2g}" if worst > tolerance else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file instead of writing it")
    args = parser.parse_args()
    model = train()
    if args.check:
        difference = differences(model, json.loads(MODEL_FILE.read_text(encoding="utf-8")))
        if difference:
            sys.exit(f"{MODEL_FILE.name} is not what the tuning corpus gives ({difference}): "
                     "run train.py")
        print(f"{MODEL_FILE.name} matches the tuning corpus")
        return
    text = serialised(model)
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({len(text) // 1024} KB)")


if __name__ == "__main__":
    main()
