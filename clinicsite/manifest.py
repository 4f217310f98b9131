"""A manifest of every output file with its hash, and the difference between two builds."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from clinicsite import __version__
from clinicsite.errors import Location, SiteError

MANIFEST = "manifest.json"


def manifest_for(files: dict[str, bytes]) -> dict[str, object]:
    """{'generator': ..., 'files': {path: sha256}} with paths sorted (stable across builds)."""
    return {"generator": f"clinicsite {__version__}",
            "files": {path: hashlib.sha256(files[path]).hexdigest() for path in sorted(files)}}


def manifest_bytes(files: dict[str, bytes]) -> bytes:
    """The manifest as JSON text."""
    return (json.dumps(manifest_for(files), indent=1) + "\n").encode("utf-8")


def read_manifest(path: Path) -> dict[str, str]:
    """The file hashes of a manifest written earlier; a located error if it is not one."""
    try:
        data = json.loads(path.read_text("utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError
        return {str(k): str(v) for k, v in files.items()}
    except FileNotFoundError:
        raise SiteError.at(Location(str(path)), "no such manifest", "usage") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise SiteError.at(Location(str(path)), "not a clinicsite manifest", "usage",
                           hint="write one with 'build.py build --manifest'") from None


@dataclass(frozen=True, slots=True)
class Difference:
    """Files added, changed and removed between two builds."""

    added: list[str]
    changed: list[str]
    removed: list[str]


def compare(old: dict[str, str], new: dict[str, str]) -> Difference:
    """What changed from `old` to `new` (the manifest itself is left out)."""
    old = {k: v for k, v in old.items() if k != MANIFEST}
    new = {k: v for k, v in new.items() if k != MANIFEST}
    return Difference(added=sorted(set(new) - set(old)),
                      changed=sorted(k for k in set(old) & set(new) if old[k] != new[k]),
                      removed=sorted(set(old) - set(new)))


def as_page(path: str, base_path: str) -> str:
    """'conditions/x/index.html' -> '/conditions/x/' (other files keep their path)."""
    if path.endswith("index.html"):
        return base_path + path.removesuffix("index.html")
    return base_path + path
