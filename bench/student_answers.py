"""Accuracy on answers typed the way students type them: how many verdicts are right.

A fixed corpus of 108 answers to the kinds of questions the shipped banks ask, each with
the verdict a teacher gives it ("right" or "not right"). They were written from how
students write on paper and in chat boxes — products without `*`, unit vectors, spaces
for commas, rounded decimals, degrees — not from the reader's rules, and they include
wrong answers that look right (`2xy^2` for 2x²y, a value rounded to 2 figures, a swapped
vector), so a grader that accepts everything scores badly too.

An answer rounded too early ("Close — give 4 significant figures", not counted) is
"not right" here: it is not accepted, and the teacher would ask for more figures.

Run: ``.venv/bin/python bench/student_answers.py`` (prints every disagreement).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.grading import grade  # noqa: E402


@dataclass(frozen=True)
class Answer:
    kind: str
    expected: str
    typed: str
    right: bool  # the teacher's verdict
    variables: tuple[str, ...] = ()


XY, XYZ, W = ("x", "y"), ("x", "y", "z"), ("w1", "w2")


def _e(expected: str, typed: str, right: bool, variables: tuple[str, ...] = XY) -> Answer:
    return Answer("expression", expected, typed, right, variables)


def _n(expected: str, typed: str, right: bool) -> Answer:
    return Answer("number", expected, typed, right)


def _v(expected: str, typed: str, right: bool, variables: tuple[str, ...] = ()) -> Answer:
    return Answer("vector", expected, typed, right, variables)


CORPUS: list[Answer] = [
    # partial derivatives written as on paper
    _e("2*x*y", "2xy", True),
    _e("2*x*y", "2yx", True),
    _e("2*x*y", "2 x y", True),
    _e("2*x*y", "2xy^2", False),
    _e("2*x*y", "2x", False),
    _e("y*cos(x*y)", "ycos(xy)", True),
    _e("y*cos(x*y)", "y cos(xy)", True),
    _e("y*cos(x*y)", "cos(xy)y", True),
    _e("y*cos(x*y)", "cos(xy)", False),
    _e("y*cos(x*y)", "-ysin(xy)", False),
    _e("x*exp(x*y)", "xe^(xy)", True),
    _e("x*exp(x*y)", "x e^(x y)", True),
    _e("x*exp(x*y)", "xexp(xy)", True),
    _e("x*exp(x*y)", "e^(xy)", False),
    _e("3*x^2*y", "3x^2y", True),
    _e("3*x^2*y", "3x²y", True),
    _e("3*x^2*y", "3yx^2", True),
    _e("3*x^2*y", "3xy^2", False),
    _e("3*x^2*y", "x^2y", False),
    _e("y*z*cos(x*y*z)", "yzcos(xyz)", True, XYZ),
    _e("y*z*cos(x*y*z)", "zy cos(xyz)", True, XYZ),
    _e("y*z*cos(x*y*z)", "cos(xyz)", False, XYZ),
    _e("2*x*z + y", "2xz+y", True, XYZ),
    _e("2*x*z + y", "y + 2zx", True, XYZ),
    _e("2*x*z + y", "2xz", False, XYZ),
    _e("-1/(x*y^2)", "-1/(xy^2)", True),
    _e("-1/(x*y^2)", "-1/xy^2", True),  # what the student means; read as -(1/x)·y²
    _e("-2*x*y*sin(x^2*y)", "-2xysin(x^2y)", True),
    _e("-2*x*y*sin(x^2*y)", "-2xy sin(x²y)", True),
    _e("-2*x*y*sin(x^2*y)", "2xysin(x^2y)", False),
    _e("4*x*y^3", "4xy^3", True),
    _e("4*x*y^3", "4xy³", True),
    _e("4*x*y^3", "4(xy)^3", False),
    _e("6*x^2*y^2 + 2*y", "6x^2y^2+2y", True),
    _e("6*x^2*y^2 + 2*y", "2y(3x^2y+1)", True),
    _e("6*x^2*y^2 + 2*y", "6x^2y^2", False),
    _e("2*x + 3*y", "2x+3y", True),
    _e("2*x + 3*y", "3y + 2x", True),
    _e("x/(x^2+y^2)", "x/(x^2+y^2)", True),
    _e("x/(x^2+y^2)", "x(x^2+y^2)^-1", True),
    _e("2*x/(x^2+5*y^2)", "2x/(x²+5y²)", True),
    _e("2*x/(x^2+5*y^2)", "1/(x^2+5y^2)", False),
    _e("cos(x) + y", "y+cosx", True),  # `cosx` is refused with "did you mean cos(x)?"
    _e("cos(x) + y", "y + cos x", True),
    _e("3*z*cos(3*y*z)", "3zcos(3yz)", True, XYZ),
    _e("3*z*cos(3*y*z)", "zcos(3yz)", False, XYZ),
    _e("exp(x*y)*(1 + x*y)", "e^(xy) + xye^(xy)", True),
    _e("8*x^3*y^4", "8x^3y^4", True),
    _e("8*x^3*y^4", "8x^3 y^4", True),
    _e("8*x^3*y^4", "2x^3y^4", False),
    # an update written as a formula
    _e("w1 - 0.1*(2*w1 + 3*w2)", "0.8w1 - 0.3w2", True, W),
    _e("w1 - 0.1*(2*w1 + 3*w2)", "w1 - 0.1(2w1+3w2)", True, W),
    _e("w1 - 0.1*(2*w1 + 3*w2)", "1.2w1 + 0.3w2", False, W),
    _e("w1 - 0.1*(2*w1 + 3*w2)", "0.8w1", False, W),
    # vectors
    _v("(2, 4)", "2i + 4j", True),
    _v("(2, 4)", "2i+4j", True),
    _v("(2, 4, 6)", "2i + 4j + 6k", True),
    _v("(2, 4)", "[2 4]", True),
    _v("(2, 4)", "(2 4)", True),
    _v("(2, 4)", "<2, 4>", True),
    _v("(2, 4)", "2, 4", True),
    _v("(2, 4)", "(4, 2)", False),
    _v("(2, 4)", "4i + 2j", False),
    _v("(12, -16)", "[12 -16]", True),
    _v("(12, -16)", "12i - 16j", True),
    _v("(12, -16)", "(12, 16)", False),
    _v("(2.6, -0.8)", "(2.6, -0.8)", True),
    _v("(2.6, -0.8)", "2.6i - 0.8j", True),
    _v("(2.6, -0.8)", "(3.4, -1.2)", False),
    _v("(2*x*y, x^2)", "(2xy, x^2)", True, XY),
    _v("(2*x*y, x^2)", "2xyi + x^2j", True, XY),
    _v("(2*x*y, x^2)", "(x^2, 2xy)", False, XY),
    _v("(-2, 1.25, -1.5)", "[-2 1.25 -1.5]", True),
    _v("(-1.352, 0.992)", "(-1.352, 0.992)", True),
    _v("(-1.352, 0.992)", "(-1.35, 0.99)", False),
    # numbers
    _n("cos(2)", "cos2", True),
    _n("cos(2)", "cos 2", True),
    _n("3 + cos(2)", "3 + cos 2", True),
    _n("3 + cos(2)", "2.584", True),
    _n("3 + cos(2)", "2.5839", True),
    _n("3 + cos(2)", "2.58", False),
    _n("40", "4*10^1", True),
    _n("40", "4e1", True),
    _n("cos(1)", "0.5403", True),
    _n("cos(1)", "0.540", False),
    _n("-1 + cos(3)", "-1.990", True),
    _n("2*sqrt(10)", "6.325", True),
    _n("2*sqrt(10)", "2sqrt(10)", True),
    _n("2*sqrt(10)", "2√10", True),
    _n("2*sqrt(10)", "6.3", False),
    _n("2*sqrt(10)", "40", False),
    _n("3.764768", "3.765", True),
    _n("3.764768", "3.76", False),
    _n("(1/4)^10", "9.537e-7", True),
    _n("(1/4)^10", "9.54e-7", True),
    _n("(1/4)^10", "1/4^10", True),
    _n("0.1", "1/10", True),
    _n("0.1", ".1", True),
    _n("0.1", "0,1", True),  # a decimal comma: refused with "write 0.1"
    _n("8.32", "8.32", True),
    _n("8.32", "9.68", False),
    _n("-2.4597", "-2.460", True),
    _n("-1.3073", "-1.307", True),
    _n("0.0100075", "0.01001", True),
    _n("6", "6.0", True),
    _n("6", "36", False),
    _n("-15", "-15", True),
    _n("2.4", "12/5", True),
]


def main() -> None:
    disagree = []
    for answer in CORPUS:
        result = grade(answer.kind, answer.expected, answer.typed, variables=answer.variables)
        if result.correct != answer.right:
            disagree.append((answer, result.feedback))
    right = len(CORPUS) - len(disagree)
    print(f"{len(CORPUS)} answers as students type them: {right} verdicts right")
    for answer, feedback in disagree:
        verdict = "right" if answer.right else "not right"
        print(
            f"  {answer.kind:<10} {answer.expected!r:<26} typed {answer.typed!r:<22} "
            f"teacher: {verdict:<9} grader: {feedback}"
        )


if __name__ == "__main__":
    main()
