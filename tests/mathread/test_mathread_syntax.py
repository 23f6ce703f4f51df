"""The reader reads what people write, and only that."""

from __future__ import annotations

import pytest
import sympy

from practice.mathread import ReadError, read_expression, read_number, read_vector, symbol, to_latex

x, y, w = symbol("x"), symbol("y"), symbol("w")
VARS = ("x", "y", "w")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x^2", x**2),
        ("x**2", x**2),
        ("2x", 2 * x),
        ("3(x+1)", 3 * x + 3),
        ("2 sin(x)", 2 * sympy.sin(x)),
        ("(x+1)(x-1)", (x + 1) * (x - 1)),
        ("x y", x * y),
        ("x^2 y", x**2 * y),
        ("2^3^2", sympy.Integer(512)),
        ("-x^2", -(x**2)),
        ("x^-1", 1 / x),
        ("1/2x", x / 2),
        ("x/y/w", x / y / w),
        ("2 - -x", 2 + x),
        ("+x", x),
        ("sin x", sympy.sin(x)),
        ("sin 2x", sympy.sin(2 * x)),
        ("sin x cos x", sympy.sin(x) * sympy.cos(x)),
        ("sin^2 x", sympy.sin(x) ** 2),
        ("sin^2(x) + cos^2(x)", sympy.sin(x) ** 2 + sympy.cos(x) ** 2),
        ("sqrt(x)", sympy.sqrt(x)),
        ("exp(x)", sympy.exp(x)),
        ("e^x", sympy.exp(x)),
        ("ln(x)", sympy.log(x)),
        ("log(x)", sympy.log(x)),
        ("abs(x)", sympy.Abs(x)),
        ("|x - y|", sympy.Abs(x - y)),
        ("|x||y|", sympy.Abs(x) * sympy.Abs(y)),
        ("asin(x)", sympy.asin(x)),
        ("arctan(x)", sympy.atan(x)),
        ("tanh(x)", sympy.tanh(x)),
        ("arccosh(x)", sympy.acosh(x)),
        ("2pi", 2 * sympy.pi),
        ("2e", 2 * sympy.E),
        ("[x + 1] {y}", (x + 1) * y),
    ],
)
def test_syntax_forms(text: str, expected: sympy.Expr) -> None:
    assert read_expression(text, VARS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1", sympy.Rational(1, 10)),
        (".5", sympy.Rational(1, 2)),
        ("2.", sympy.Integer(2)),
        ("1e-3", sympy.Rational(1, 1000)),
        ("1.5E2", sympy.Integer(150)),
        ("2.5e+1", sympy.Integer(25)),
        ("3/4", sympy.Rational(3, 4)),
        ("3 + cos(2)", 3 + sympy.cos(2)),
        ("007", sympy.Integer(7)),
    ],
)
def test_numbers_are_exact(text: str, expected: sympy.Expr) -> None:
    assert read_number(text) == expected


def test_scientific_e_is_not_euler_when_digits_follow() -> None:
    assert read_expression("2e3x", VARS) == 2000 * x
    assert read_expression("2e-x", VARS) == 2 * sympy.E - x


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u2212x", -x),
        ("x\u00b7y", x * y),
        ("x\u00d7y", x * y),
        ("x\u00f7y", x / y),
        ("2\u03c0", 2 * sympy.pi),
        ("x\u00b2", x**2),
        ("x\u00b3y", x**3 * y),
        ("x\u207b\u00b9", 1 / x),
        ("\uff12x", 2 * x),
        ("x\u00a0y", x * y),
        ("\u221a(x)", sympy.sqrt(x)),
        ("x \u2013 y", x - y),
        ("\u221ax", sympy.sqrt(x)),
        ("\u221a2x", sympy.sqrt(2) * x),
        ("2\u221a(x+1)", 2 * sympy.sqrt(x + 1)),
    ],
)
def test_unicode(text: str, expected: sympy.Expr) -> None:
    assert read_expression(text, VARS) == expected


def test_greek_variables_by_name_or_letter() -> None:
    eta = symbol("eta")
    assert read_expression("\u03b7 x", ["eta", "x"]) == eta * x
    assert read_expression("eta*x", ["\u03b7", "x"]) == eta * x


def test_declared_variables_shadow_constants() -> None:
    e = symbol("e")
    assert read_expression("2e", ["e"]) == 2 * e
    assert read_expression("2e", []) == 2 * sympy.E


def test_multi_letter_variables() -> None:
    assert read_expression("2 w1 + theta", ["w1", "theta"]) == 2 * symbol("w1") + symbol("theta")


@pytest.mark.parametrize(
    "text",
    ["(1, 2)", "[1, 2]", "<1, 2>", "\u27e81, 2\u27e9", "1, 2", " ( 1 ,2 ) ", "\u2329 1, 2 \u232a"],
)
def test_vector_brackets(text: str) -> None:
    assert read_vector(text) == (1, 2)


def test_vector_components_may_be_expressions() -> None:
    assert read_vector("(2x, sin(y))", VARS) == (2 * x, sympy.sin(y))
    assert read_vector("(1+2)*3") == (9,)
    assert read_vector("(3)") == (3,)


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("0.1x", "0.1 x"),
        ("1.2", "1.2"),
        ("x/2", r"\frac{x}{2}"),
        ("2.5e-8", r"2.5 \cdot 10^{-8}"),
        ("ln(x)", r"\ln{\left(x \right)}"),
        ("x^2 y", "x^{2} y"),
    ],
)
def test_latex(text: str, latex: str) -> None:
    assert to_latex(read_expression(text, VARS)) == latex


def test_latex_of_a_vector() -> None:
    assert to_latex(read_vector("<1, 2x>", VARS)) == r"\left( 1, 2 x \right)"


def test_number_rejects_variables() -> None:
    with pytest.raises(ReadError, match="unknown name `x`"):
        read_number("2x")
