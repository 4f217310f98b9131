"""Scanning Markdown into prose blocks: what is skipped and where every character came from."""

from __future__ import annotations

from clinicsite.lint.sentences import Sentences, clause_bounds
from clinicsite.lint.source import scan_page

PAGE = """---
title: "Painless injections"
description: >
  A short
  description.
---
# Heading

Text with `code cure` and [a link](https://example.org/cure) here[^1].
<!-- a comment
over two lines -->
```
fenced cure
```

It is used to treat:

- First
- Second

> Quoted
> — Name

| Col | Two |
|-----|-----|
| a   | b   |

[^1]: A source, doi:10.0000/example.1
"""


def test_front_matter_title_and_description_keep_their_lines() -> None:
    page = scan_page("p.md", PAGE)
    title, description = page.blocks[0], page.blocks[1]
    assert title.kind == "front_matter" and title.section == "title"
    at = title.text.index("Painless")
    assert title.position(at) == (2, 9)
    assert description.position(description.text.index("description")) == (5, 3)


def test_code_links_and_comments_are_masked_with_columns_kept() -> None:
    page = scan_page("p.md", PAGE)
    paragraph = next(b for b in page.blocks if b.kind == "paragraph")
    assert "code cure" not in paragraph.text and "example.org" not in paragraph.text
    assert "a link" in paragraph.text
    assert paragraph.position(paragraph.text.index("here")) == (9, 62)
    assert paragraph.cited  # the external link and the DOI footnote both count
    assert [c.line for c in page.comments] == [10]
    assert all("fenced" not in b.text for b in page.blocks)


def test_list_items_know_their_lead_in_and_quotes_their_group() -> None:
    page = scan_page("p.md", PAGE)
    items = [b for b in page.blocks if b.kind == "list_item"]
    assert [(b.text, b.lead) for b in items] == [("First", "It is used to treat:"),
                                                  ("Second", "It is used to treat:")]
    quote = next(b for b in page.blocks if b.kind == "blockquote")
    assert quote.lines == [21, 22] and quote.cols == [3, 3]


def test_table_rows_are_blocks_and_separator_rows_are_skipped() -> None:
    page = scan_page("p.md", PAGE)
    rows = [b for b in page.blocks if b.kind == "table"]
    assert [b.lines[0] for b in rows] == [24, 26]


def test_malformed_front_matter_is_recorded_and_body_still_scanned() -> None:
    page = scan_page("p.md", "---\ntitle: [unclosed\n---\nWe cure pain.\n")
    assert page.front is None and page.front_problem is not None
    assert page.blocks[0].text == "We cure pain." and page.blocks[0].lines == [4]


def test_sentences_skip_abbreviations_and_split_at_table_bars() -> None:
    text = "Dr. Smith sees you. See e.g. the leaflet! Then go."
    sentences = Sentences(text)
    assert sentences.starts == [0, 19, 41]
    start, end = sentences.around(25)
    assert text[start:end] == "See e.g. the leaflet!"


def test_clause_bounds_stop_at_punctuation_but_not_inside_numbers() -> None:
    sentence = "Not at all: about 1 in 1,000 get it"
    left, right = clause_bounds(sentence, 18, 28)
    assert sentence[left:right] == " about 1 in 1,000 get it"
