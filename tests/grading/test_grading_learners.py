"""How real learners write right answers, from the QA pass on the grader: each form is
either accepted or refused with a message that says what to type instead.

Decisions (docs/grading.md has the full list): a label in front (`f_x =`, `∂f/∂x =`,
`grad f =`) and a lone `=` at either end are ignored; `xy` for declared x and y is
x·y when it splits into declared names exactly one way (tests/grading/
test_mathread_juxtaposed.py has the rules); `X` for a
declared `x` is refused with "did you mean `x`"; function names and `pi` may be
capitalized (`Sin x`, phones do that); `½` is 1/2 but `2½` is refused as ambiguous;
`1,5` is refused with "for a decimal, write `1.5`"; `[1; 2]` is a vector.
"""

from __future__ import annotations

import pytest

from practice.grading import grade

XY = ["x", "y"]

ACCEPTED = (
    [
        # expression: 2xy³ + 4y, typed every way we saw
        ("expression", "2*x*y^3 + 4*y", ans, XY)
        for ans in [
            "2x y^3+4y",
            "2*x*y**3 + 4*y",
            "2 x y³ + 4 y",
            "2·x·y³+4y",
            "2x*y^3+4y ",
            "  2x y^3 +4y\t",
            "2x\u00a0y^3+4y",
            "\uff12x y^3+4y",
            "2x(y^3)+4y",
            "4y + 2x y^3",
            "y(2x y^2 + 4)",
            "2 y^3 x + 4 y",
            "2x y^3 + 4y =",
            "= 2x y^3 + 4y",
            "f_x = 2x y^3+4y",
            "∂f/∂x = 2x y^3+4y",
            "df/dx = 2x y^3 + 4y",
            "f_x(x, y) = 2x y^3 + 4y",
            "2x\u200by^3+4y",
            "\ufeff2x y^3+4y",
            "2x y^3 + 4y\u200e",
        ]
    ]
    + [
        # the update rule of gd-update-rule-expression, as learners write it
        ("expression", "w1 - 0.1*(2*w1 + 4*w2)", ans, ["w1", "w2"])
        for ans in [
            "w1 - 0.1(2w1 + 4w2)",
            "w_1 - 0.1(2w_1 + 4w_2)",
            "w₁ - 0.1(2w₁ + 4w₂)",
            "0.8w1 - 0.4w2",
            "w1 ← w1 - 0.1(2w1 + 4w2)",
            "w1new = w1 - 0.1(2 w1 + 4 w2)",
        ]
    ]
    + [
        ("expression", "x^2 - 1", ans, ["x"])
        for ans in [
            "(x+1)(x-1)",
            "(x+1)*(x-1)",
            "[x+1][x-1]",
            "x² - 1",
            "x**2-1",
            "X^2 - 1".lower(),
        ]
    ]
    + [("expression", "x*y + x", ans, XY) for ans in ["x(y+1)", "x (y + 1)", "(y+1)x"]]
    + [
        ("expression", "sin(x)", ans, ["x"])
        for ans in ["sin x", "sin(x)", "Sin(x)", "SIN x", "sin (x)"]
    ]
    + [
        ("expression", "sin(x)^2", ans, ["x"])
        for ans in [
            "sin^2(x)",
            "sin^2 x",
            "sin(x)^2",
            "(sin x)^2",
            "sin²x",
            "sin²(x)",
            "sin(x)²",
            "Sin^2 x",
        ]
    ]
    + [
        ("expression", "exp(x)", ans, ["x"])
        for ans in ["e^x", "exp(x)", "e**x", "ℯ^x", "exp x", "e^(x)", "Exp(x)", "EXP(x)"]
    ]
    + [
        ("expression", "log(x)", ans, ["x"])
        for ans in ["ln x", "ln(x)", "log(x)", "log x", "Ln(x)", "LN x"]
    ]
    + [
        ("expression", "x/2", ans, ["x"])
        for ans in ["1/2x", "x/2", "0.5x", "(1/2)x", "½x", "½ x", "x/2 ="]
    ]
    + [("expression", "abs(x)", ans, ["x"]) for ans in ["|x|", "abs(x)", "sqrt(x^2)", "√(x²)"]]
    + [
        ("number", "sqrt(2)", ans, [])
        for ans in [
            "√2",
            "sqrt 2",
            "sqrt(2)",
            "2^0.5",
            "2^(1/2)",
            "2^½",
            "1.4142",
            "1.41421",
            "√(2)",
            "2**.5",
        ]
    ]
    + [
        ("number", "1/2", ans, [])
        for ans in ["½", "1/2", "0.5", ".5", "1÷2", "0.50000", "5e-1", "1⁄2"]
    ]
    + [
        ("number", "0.0025", ans, [])
        for ans in [
            "2.5e-3",
            "2.5E-3",
            "2.5*10^-3",
            "2.5×10^-3",
            "2.5·10⁻³",
            "25e-4",
            "2.5e−3",
            "1/400",
        ]
    ]
    + [
        ("number", "-0.8", ans, [])
        for ans in ["−0.8", "- 0.8", "–0.8", "-.8", "−4/5", "(-0.8)", "x = -0.8"]
    ]
    + [("number", "pi/2", ans, []) for ans in ["π/2", "pi/2", "Pi/2", "PI/2", "1.5708", "π / 2"]]
    + [("number", "2*pi", ans, []) for ans in ["2π", "2pi", "2 pi", "6.2832", "2*π", "π2"]]
    + [
        ("vector", "(2.6, -0.8)", ans, [])
        for ans in [
            "⟨2.6, −0.8⟩",
            "(2.6,-0.8)",
            "[2.6, -0.8]",
            "<2.6,-0.8>",
            "2.6, -0.8",
            "{2.6,-0.8}",
            "[2.6; -0.8]",
            "(2.6 , −0.8)",
            "(13/5, -4/5)",
            "(2.6,\t-0.8)",
            "（2.6，−0.8）",
            "grad f = (2.6, -0.8)",
            "∇f = (2.6,-0.8)",
            "∇f(1, 2) = <2.6, -0.8>",
            "(2.6, -0.8) =",
            "x = 2.6, y = -0.8",
            "(x = 2.6, y = −0.8)",
            "∂f/∂x = 2.6, ∂f/∂y = -0.8",
            "w1=2.6,w2=-0.8",
        ]
    ]
    + [("choice", "A", ans, []) for ans in ["a", "A", " a ", "(a)", "A)", "a.", "option a", '"A"']]
    + [
        ("choice", "A,C", ans, [])
        for ans in ["c,a", "A, C", "ac", "c a", "a and c", "[A,C]", "(a), (c)", "A & C"]
    ]
)


@pytest.mark.parametrize(("kind", "expected", "answer", "variables"), ACCEPTED)
def test_ways_learners_write_right_answers(
    kind: str, expected: str, answer: str, variables: list[str]
) -> None:
    result = grade(kind, expected, answer, variables=variables)
    assert result.correct, (answer, result.feedback, result.error)
    assert result.error is None


REFUSED = [
    # (kind, expected, answer, variables, words the message must contain)
    ("expression", "2*x*y^3 + 4*y", "2xy3+4y", XY, "did you mean `x*y^3`?"),
    ("expression", "x^2", "xq", ["x"], "no variable `q` here"),
    ("expression", "x^2", "X^2", ["x"], "did you mean `x`?"),
    ("expression", "x*y", "XY", XY, "did you mean `x*y`?"),
    ("expression", "exp(x)", "E^x", ["x"], "did you mean `e`?"),
    ("expression", "sin(x)", "sinx", ["x"], "did you mean `sin(x)`?"),
    ("expression", "log(x)", "lnx", ["x"], "did you mean `ln(x)`?"),
    ("expression", "2*x", "2x = 4", ["x"], "write only the answer, not an equation"),
    ("expression", "2*x", "y = 2x", XY, "without `y =` in front"),
    ("expression", "w1 - w2", "w1 = w1 - w2", ["w1", "w2"], "without `w1 =` in front"),
    ("expression", "w1 - w2", "w1 ← w2 ← w1", ["w1", "w2"], "not an assignment"),
    ("expression", "w1 - w2", "w1 := w1 - w2", ["w1", "w2"], "not an assignment"),
    ("expression", "w1 - w2", "w1 - η w2", ["w1", "w2"], "write its value; it is not a variable"),
    ("expression", "2*x", "∂f/∂x", XY, "not the name of the derivative"),
    ("expression", "2*x", "2x;", ["x"], "separate vector components with commas"),
    ("number", "0.5", "0,5", [], "for a decimal, write `0.5`"),
    ("number", "0.0025", "2,5e-3", [], "for a decimal, write `2.5e-3`"),
    ("number", "0.0025", "2.5 x 10^-3", [], "to multiply, write `*` or `×`"),
    ("number", "2.5", "2½", [], "write a mixed number like 2½ as 2 + 1/2"),
    ("number", "pi/2", "90°", [], "write pi/2"),
    ("number", "1", "1\u0301", [], "U+0301"),
    ("number", "1", "\u202e1", [], "U+202E"),
    ("vector", "(2.6, -0.8)", "(2,6; -0,8)", [], "write decimals with a point"),
    ("vector", "(2.6, -0.8)", "2.6i - 0.8", [], "write the vector as a i + b j"),
    ("vector", "(2.6, -0.8)", "(2.6i, -0.8j)", [], "write a vector as its components"),
    ("vector", "(2.6, -0.8)", "(2.6, -0.8).", [], "a full stop is not part of the answer"),
    ("vector", "(2.6, -0.8)", "$(2.6, -0.8)$", [], "not LaTeX"),
    ("vector", "(2.6, -0.8)", "  ", [], "the answer is empty"),
    ("vector", "(1, 2)", "(1 2x)", ["x"], "separate vector components with commas"),
    ("vector", "(1, 2, 3)", "1 2 3", [], "separate vector components with commas"),
    ("number", "2.5", "2.5.", [], "a full stop is not part of the answer"),
    ("number", "1000000", "1,000,000", [], "write numbers without separators: `1000000`"),
    ("number", "1000", "1,000", [], "write `1000` without a separator, or `1.000` for a decimal"),
    ("number", "1000000", "1 000 000", [], "write numbers without spaces: `1000000`"),
    ("number", "1000000", "1\u202f000\u202f000", [], "write numbers without spaces: `1000000`"),
    ("number", "12", "3 4", [], "two numbers in a row — use `*` to multiply them"),
    ("number", "0.5", "50%", [], "50% is 0.5"),
]


@pytest.mark.parametrize(("kind", "expected", "answer", "variables", "words"), REFUSED)
def test_unreadable_forms_say_what_to_type(
    kind: str, expected: str, answer: str, variables: list[str], words: str
) -> None:
    result = grade(kind, expected, answer, variables=variables)
    assert not result.correct and result.error is not None
    assert words in result.feedback, result.feedback


WRONG = [
    ("expression", "x^2*y", "x y^2", XY),
    ("expression", "2*x*y^3 + 4*y", "2x y^3 - 4y", XY),
    ("expression", "2*x*y^3 + 4*y", "-2x y^3 - 4y", XY),
    ("expression", "2*x*y^3 + 4*y", "2x y^2 + 4y", XY),
    ("expression", "x/2", "1/(2x)", ["x"]),
    ("expression", "abs(x)", "x", ["x"]),
    ("expression", "sin(x)^2", "sin(x^2)", ["x"]),
    ("expression", "sin(x)^2", "sin x^2", ["x"]),  # the argument is x²
    ("expression", "0", "1e-5 x", ["x"]),
    ("number", "2.58385", "2.58", []),
    ("number", "2.58385", "2.59", []),
    ("number", "2.58385", "-2.58385", []),
    ("number", "1e-6", "1e-3", []),
    ("number", "0", "0.001", []),
    ("number", "123456789", "123000000", []),
    ("vector", "(2.6, -0.8)", "(-0.8, 2.6)", []),
    ("vector", "(2.6, -0.8)", "(2.6 - 0.8)", []),
    ("vector", "(2.6, -0.8)", "(-2.6, 0.8)", []),
    ("choice", "A", "b", []),
    ("choice", "A,C", "a", []),
    ("choice", "A", "a, b", []),
]


@pytest.mark.parametrize(("kind", "expected", "answer", "variables"), WRONG)
def test_wrong_answers_stay_wrong(
    kind: str, expected: str, answer: str, variables: list[str]
) -> None:
    assert not grade(kind, expected, answer, variables=variables).correct


@pytest.mark.parametrize(
    ("expected", "answer", "correct"),
    [
        # four significant figures, correctly rounded, pass with the default rtol 5e-4;
        # more figures pass too, fewer do not (they are near misses, not counted)
        ("2.58385", "2.5839", True),
        ("2.58385", "2.5838", True),
        ("2.58385", "2.584", True),
        ("2.58385", "2.58", False),
        ("3 + cos(2)", "2.5839", True),
        ("3 + cos(2)", "2.584", True),
        ("3 + cos(2)", "2.58", False),
        ("pi/2", "1.5708", True),
        ("pi/2", "1.571", True),
        ("pi/2", "1.57", False),
        ("cos(1)", "0.5403", True),
        ("cos(1)", "0.540", False),  # 3 figures: a near miss, not counted
        ("-2.4597", "-2.460", True),
        ("-1.30729", "-1.307", True),
        ("0.0100004", "0.0100", True),
        ("1.0005", "1.001", True),  # half a unit, the widest rounding error
        ("9.9995", "10.00", True),
        ("sqrt(2)", "1.4142", True),
        # huge and tiny numbers are relative too
        ("6.02214e23", "6.0221e23", True),
        ("6.02214e23", "6.0e23", False),
        ("1.60218e-5", "1.6022e-5", True),
        ("1.60218e-5", "1.6e-5", False),
        ("123456789", "123460000", True),
        # zero: atol 1e-9 absorbs round-off only; negative zero is zero
        ("0", "0", True),
        ("0", "-0", True),
        ("0", "-0.0", True),
        ("0", "1e-12", True),
        ("0", "1e-6", False),
        ("-0", "0", True),
        # exact forms
        ("0.5", "1/2", True),
        ("1/3", "0.33333", True),
        ("1/3", "0.333", False),
        ("1/3", "0.3333", True),
        ("e^2", "7.3891", True),
        ("ln(2)", "0.69315", True),
    ],
)
def test_tolerance_is_four_significant_figures(expected: str, answer: str, correct: bool) -> None:
    assert grade("number", expected, answer).correct is correct


def test_below_about_1e_5_the_absolute_tolerance_dominates() -> None:
    """|a - b| <= atol + rtol·|b| (as numpy.isclose): with the default atol 1e-9 a tiny
    expected value accepts any tiny answer; a problem with tiny answers sets atol = 0."""
    assert grade("number", "1.60218e-19", "0").correct
    assert not grade("number", "1.60218e-19", "0", atol=0).correct
    assert grade("number", "1.60218e-19", "1.6022e-19", atol=0).correct
    assert not grade("number", "1.60218e-19", "1.6e-19", atol=0).correct


def test_close_numbers_are_told_to_keep_more_figures() -> None:
    assert "give 4 significant figures" in grade("number", "2.58385", "2.58").feedback
    assert grade("number", "2.58385", "25.8").feedback == "Not correct."


def test_a_label_is_not_read_into_the_answer() -> None:
    result = grade("expression", "2*x*y", "f_x = 2 x y", variables=XY)
    assert result.correct and result.read_as == r"2 \cdot x \cdot y"
