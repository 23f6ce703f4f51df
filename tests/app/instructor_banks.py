"""A bank folder with one good and one broken bank, for the Instructor page's tests
(imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

GOOD = """\
topic: good-topic
title: Good topic
problems:
  - id: good-add
    title: Add one
    level: A
    kind: number
    params: {a: {int: [1, 90]}}
    answer: {value: a + 1}
    prompt: What is {{a}} + 1?
    hints: [Count one more.]
    solution: One more than {{a}}.
  - id: good-partial
    title: A partial in x
    level: B
    kind: expression
    variables: [x, y]
    params: {a: {int: [2, 9]}}
    function: a*x^2*y
    answer:
      partial: {wrt: x}
    prompt: Let $f(x, y) = {{f}}$. Find $\\partial f / \\partial x$.
    hints: [Hold $y$ fixed.]
  - id: good-never
    title: Constraints nobody meets
    level: C
    kind: number
    params: {a: {int: [1, 3]}}
    constraints: [a > 5]
    answer: {value: a}
    prompt: p
    hints: [h]
"""

BROKEN = """\
topic: broken-topic
title: Broken topic
problems:
  - id: broken-typo
    level: A
    kind: number
    prompt: What is 1 + 1?
    hints: [Add.]
    hint: [Twice.]
    answer: {value: 2}
"""

# What `python -m practice validate` prints for them, after the folder.
LOAD_ERROR = "broken.yaml:9: broken-typo: unknown key `hint` (did you mean `hints`?)"
DEEP_ERROR = "good.yaml:29: good-never: no parameter draw satisfies"


def write_banks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder
