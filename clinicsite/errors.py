"""Located errors: every problem names the file, line and column it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Level(Enum):
    """How serious a problem is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; line and column are 1-based, 0 means unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """A located issue found while building: printed as `file:line:col: level: message [code]`."""

    location: Location
    message: str
    code: str
    hint: str = ""
    level: Level = Level.ERROR

    def __str__(self) -> str:
        text = f"{self.location}: {self.level.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass(slots=True)
class SiteError(Exception):
    """A fatal problem (or several) that stops the build; carries every located problem."""

    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def at(cls, location: Location, message: str, code: str, hint: str = "") -> SiteError:
        """Build an error holding one problem."""
        return cls([Problem(location, message, code, hint)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def did_you_mean(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """Return ` (did you mean 'x'?)` for the closest choice, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
