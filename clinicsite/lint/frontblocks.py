"""Front-matter prose (title, description, summary) as blocks placed at their own lines."""

from __future__ import annotations

from clinicsite.frontmatter import FrontMatter
from clinicsite.lint.blocks import Block
from clinicsite.lint.inline import InlineMarks, mask_line

LINTED_FIELDS = ("title", "description", "summary")


def front_matter_blocks(front: FrontMatter, text: str) -> list[Block]:
    """One block per linted field, each line of its value mapped back to the file."""
    lines = text.split("\n")
    blocks = []
    for key in LINTED_FIELDS:
        if not isinstance(front.data.get(key), str) or (key,) not in front.lines:
            continue
        line_no, col = front.lines[(key,)]
        block = Block("front_matter", section=key)
        first = lines[line_no - 1]
        value_col = first.index(":", col - 1) + 1
        rest = first[value_col:]
        value_col += len(rest) - len(rest.lstrip())
        if rest.strip() and rest.strip()[0] not in "|>":
            block.add(_unquote(first[value_col:]), line_no, value_col + 1, InlineMarks())
        for n in range(line_no, len(lines)):
            nxt = lines[n]
            indent = len(nxt) - len(nxt.lstrip())
            if nxt.strip() and indent < col:
                break
            if nxt.strip() == "---" and indent == 0:
                break
            block.add(_unquote(nxt[indent:]), n + 1, indent + 1, InlineMarks())
        blocks.append(block)
    return blocks


def _unquote(value: str) -> str:
    masked = mask_line(value)[0]
    stripped = masked.rstrip()
    if stripped[:1] in "\"'":
        masked = " " + masked[1:]
    if stripped[-1:] in "\"'":
        masked = masked[:len(stripped) - 1] + " " + masked[len(stripped):]
    return masked
