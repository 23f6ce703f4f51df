"""Bank Markdown is shown, never fetched: images and raw HTML are refused in every text
field, with the line, while LaTeX comparisons and links stay allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.banks import load_catalog
from practice.banks.markdown import refused_markdown


@pytest.mark.parametrize(
    "text",
    [
        "See ![plot](https://tracker.example/p.png)",
        "See ![plot] [ref] below",
        "![](data:image/png;base64,AAAA)",
        'Look <img src="https://tracker.example/x.png">',
        "<iframe src='https://example.org'></iframe>",
        "a <span style='x'>word</span>",
        "<!-- hidden -->",
        "<br/>",
    ],
)
def test_images_and_raw_html_are_refused(text: str) -> None:
    assert refused_markdown(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Is $a<b$ and $c>d$?",
        "$$\\langle x, y \\rangle < 3$$",
        "A link is not a fetch: <https://example.org> and [notes](https://example.org)",
        "Exclaim! [not an image](https://example.org)",
        "x < 3 and y > 2",
    ],
)
def test_math_links_and_comparisons_are_kept(text: str) -> None:
    assert refused_markdown(text) is None


BANK = """topic: pics
title: Pictures
description: 'Intro ![logo](https://tracker.example/logo.png)'
problems:
  - id: pic-hint
    level: A
    kind: number
    prompt: 'Give $1 < 2$ as 1.'
    answer: {value: '1'}
    hints:
      - 'Look: ![plot](https://tracker.example/p.png)'
  - id: pic-solution
    level: A
    kind: number
    prompt: Give 1.
    answer: {value: '1'}
    hints: [One.]
    solution: '<img src="https://tracker.example/s.png">'
  - id: plain
    level: A
    kind: number
    prompt: Give 1.
    answer: {value: '1'}
    hints: [One.]
"""


def test_a_bank_with_them_is_reported_line_by_line_and_they_never_load(tmp_path: Path) -> None:
    (tmp_path / "pics.yaml").write_text(BANK, encoding="utf-8")
    catalog = load_catalog([tmp_path])
    lines = sorted(str(issue).removeprefix(f"{tmp_path}/") for issue in catalog.issues)
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["pics.yaml:11", "pic-hint"],
        ["pics.yaml:18", "pic-solution"],
        ["pics.yaml:3", "-"],
    ]
    assert all("fetch" in line or "raw HTML" in line for line in lines)
    assert list(catalog.problems) == ["plain"]


def test_the_shipped_banks_fetch_nothing() -> None:
    assert load_catalog().issues == []
