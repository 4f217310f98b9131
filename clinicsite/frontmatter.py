"""Split a Markdown file into YAML front matter and body, keeping each key's source line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from clinicsite.errors import Location, SiteError

try:  # libyaml's C loader is five times faster; fall back where it is not built.
    _SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader

# python-frontmatter's splitter lets `\s*` swallow blank lines after a fence, which shifts every
# body line number; messages must point at the right line, so the split is done here.
_OPENING = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Parsed header: plain values, the 1-based line of each key path, and where the body starts."""

    data: dict[str, Any]
    lines: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # 1-based line number of the first body line in the file

    def location(self, path: str, *keys: str | int) -> Location:
        """The location of a key path (or its nearest ancestor), else the top of the file."""
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                line, col = self.lines[keys[:end]]
                return Location(path, line, col)
        return Location(path, 1, 1)


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Split `text`; raise a located SiteError for malformed YAML or a non-mapping header."""
    if not _OPENING.match(text):
        return FrontMatter(data={}, body=text, body_line=1)
    opening = _OPENING.match(text)
    assert opening is not None
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise SiteError.at(
            Location(path, 1, 1), "front matter starts with '---' but never ends", "yaml",
            hint="add a line with just '---' after the last front-matter field",
        )
    header = text[opening.end():closing.start()]
    header_start_line = 2
    body_line = header_start_line + header.count("\n") + 1
    body = text[closing.end():]
    body = body[1:] if body.startswith("\n") else body
    parsed = _parse_mapping(header, path, header_start_line)
    return FrontMatter(data=parsed.data, lines=parsed.lines, body=body, body_line=body_line)


def parse_yaml_document(text: str, path: str) -> FrontMatter:
    """Parse a whole YAML file (such as site_config.yaml) that must hold a mapping."""
    return _parse_mapping(text, path, 1)


def _parse_mapping(header: str, path: str, first_line: int) -> FrontMatter:
    loader = _SafeLoader(header)
    try:
        node, data = _load(loader, path, first_line)
    finally:
        loader.dispose()
    if node is None:
        return FrontMatter(data={})
    if not isinstance(node, yaml.MappingNode):
        raise SiteError.at(
            Location(path, first_line, 1), "expected a list of 'key: value' lines", "yaml",
            hint="write fields as 'title: My page'",
        )
    lines: dict[tuple[str | int, ...], tuple[int, int]] = {}
    _collect_lines(node, (), first_line - 1, lines)
    return FrontMatter(data=data, lines=lines)


def _load(loader: Any, path: str, first_line: int) -> tuple[yaml.Node | None, Any]:
    """Compose the node tree (for line numbers) and construct plain values from it."""
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        problem = (exc.problem or "invalid YAML").strip()
        raise SiteError.at(
            Location(path, line, column), f"malformed front matter: {problem}", "yaml",
            hint="check indentation, and quote values that contain ':' or start with a symbol",
        ) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise SiteError.at(Location(path, first_line, 1), f"malformed front matter: {exc}",
                           "yaml") from None


def _collect_lines(node: yaml.Node, prefix: tuple[str | int, ...], offset: int,
                   out: dict[tuple[str | int, ...], tuple[int, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            out[key] = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            _collect_lines(value_node, key, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*prefix, index)
            out[key] = (item.start_mark.line + 1 + offset, item.start_mark.column + 1)
            _collect_lines(item, key, offset, out)
