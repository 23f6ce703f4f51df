"""Hostile and broken bank files: loading never raises, and whatever loads makes
variants or says clearly why it cannot."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice.banks import load_catalog
from practice.variants import VariantError, make_variant
from practice.variants.check import check_problem
from tests.banks.bank_helpers import bank_text

GOOD = bank_text("""
- id: fz-partial
  level: A
  kind: number
  variables: [x, y]
  params: {a: {int: [1, 4]}, x0: {int: [-2, 2], not: [0]}, y0: {int: [-2, 2], not: [0, 1]}}
  constraints: [x0 != y0]
  function: a*x^2*y + sin(x*y)
  answer: {partial: {wrt: x, at: [x0, y0]}}
  prompt: 'For $f = {{f}}$ find $f_x$ at ${{point}}$.'
  hints: ['Hold $y$ fixed.']
- id: fz-descent
  level: A
  kind: vector
  variables: [w1, w2]
  params: {eta: {choice: [0.1, 0.5]}, s: {int: [1, 3]}}
  answer: {descent: {start: [s, 2], rate: eta, gradient: [2*w1, 4], steps: 2}}
  prompt: 'From {{start}} with {{rate}}'
  hints: [Subtract.]
- id: fz-choice
  level: B
  kind: choice
  prompt: Which?
  choices: [{text: a, feedback: 'yes'}, {text: b}]
  answer: {choice: A}
  hints: [h]
  fixed: true
""")
LINES = GOOD.splitlines(keepends=True)


def _load(text: str | bytes) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bank-fuzz-"))
    path = folder / "fuzz.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    catalog = load_catalog([folder])  # must not raise
    for issue in catalog.issues:
        assert str(issue).startswith(str(issue.file) + ":")
    for problem in catalog.problems.values():
        try:
            make_variant(problem, 1)
        except VariantError:
            pass
        assert all(isinstance(message, str) for message in check_problem(problem, 2))


edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(LINES) - 1),
        st.sampled_from(["drop", "dup", "indent", "dedent", "garble", "swap"]),
        st.text(alphabet="{}[]:,-'\"&*!|>#%@`\\ \tab01^/()", max_size=6),
    ),
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_mutated_banks_never_crash(changes: list[tuple[int, str, str]]) -> None:
    lines = list(LINES)
    for index, action, junk in changes:
        index %= len(lines)
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:]
        elif action == "garble":
            line = lines[index]
            cut = len(line) // 2
            lines[index] = line[:cut] + junk + line[cut:]
        else:
            other = (index + 1) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        if not lines:
            lines = ["\n"]
    _load("".join(lines))


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _load(data)


def test_the_unmutated_bank_is_valid() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bank-fuzz-"))
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    catalog = load_catalog([folder])
    assert catalog.issues == [] and len(catalog.problems) == 3
    assert all(check_problem(problem, 5) == [] for problem in catalog.problems.values())
