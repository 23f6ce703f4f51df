"""Errors a learner can act on, and bounds that refuse hostile sizes before sympy sees them."""

from __future__ import annotations

import pytest

from practice.mathread import ReadError, ReadLimits, read_expression, read_vector

VARS = ("x", "y")


def error_for(text: str, variables: tuple[str, ...] = VARS) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_expression(text, variables)
    return caught.value


def test_unknown_product_name_suggests_the_product() -> None:
    error = error_for("3XY")
    assert error.message == "unknown name `XY` — did you mean `x*y`?"
    assert error.suggestion == "x*y"
    assert error.render("3XY") == "unknown name `XY` — did you mean `x*y`?\n3XY\n ^"


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("sinx", "sin(x)"),
        ("sni(x)", "sin"),
        ("x2", "x^2"),
        ("xsinx", "x*sin(x)"),
        ("yx2", "y*x^2"),
    ],
)
def test_suggestions(text: str, suggestion: str) -> None:
    assert error_for(text).suggestion == suggestion


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("(x+1", "unbalanced parenthesis: `(` is never closed", 0),
        ("x+1)", "unbalanced parenthesis: `)` has no matching opening bracket", 3),
        ("((x)", "unbalanced parenthesis: `(` is never closed", 0),
        ("(x]", "`(` is closed by `]`", 2),
        ("|x", "unbalanced `|`: absolute values need a bar on each side", 0),
        ("x +", "the answer ends too early — something is missing at the end", 3),
        ("* x", "`*` needs something before it", 0),
        ("", "the answer is empty", 0),
        ("3 4", "two numbers in a row — use `*` to multiply them", 2),
        ("1.2.3", "a number has two decimal points", 3),
        ("x!", "unexpected character `!` — factorials are not supported here", 1),
        (
            "x = 2",
            "write only the answer, without `x =` in front (with it, this is an equation)",
            2,
        ),
        ("2x = 4", "unexpected character `=` — write only the answer, not an equation", 3),
        ("1/0", "division by zero", 1),
        ("sin", "`sin` needs an argument, e.g. sin(x)", 3),
        ("sin^-1(x)", "write asin(x) for the inverse, or (sin(x))^n for a power", 4),
        ("log(x, 2)", "this function takes one argument", 5),
        ("1, 2", "unexpected `,` — a single value is expected here, not a list", 1),
        ("<x>", "`<` is for vectors; use ( ) in expressions", 0),
    ],
)
def test_messages_and_positions(text: str, message: str, position: int) -> None:
    error = error_for(text)
    assert error.message == message
    assert error.position == position


def test_positions_point_into_the_learners_text_after_unicode() -> None:
    error = error_for("x\u00b2 + \u03c0 + zz")
    assert error.position == 9
    assert error.render("x\u00b2 + \u03c0 + zz").splitlines()[-1] == " " * 9 + "^"


@pytest.mark.parametrize(
    "text",
    [
        "9^9^9^9",
        "10**10**10",
        "2^(10^6)",
        "(10^60)^333",
        "2^1000*" * 12 + "1",
        "e^1000^1000",
        "x^100000",
        "1e5000",
        "9" * 61,
        "(" * 45 + "x" + ")" * 45,
        "x" + "^x" * 45,
        "-" * 100 + "x",
        "x" * 501,
        "x+" * 200 + "x",
    ],
)
def test_hostile_sizes_are_refused(text: str) -> None:
    with pytest.raises(ReadError):
        read_expression(text, VARS)


def test_limits_can_be_tightened() -> None:
    with pytest.raises(ReadError, match="at most 3"):
        read_expression("x^4", VARS, limits=ReadLimits(max_exponent=3))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(1,,2)", "a component is missing between commas"),
        ("1, 2,", "a component is missing after the last comma"),
        ("(1, 2]", "`(` is closed by `]`"),
        (",".join(["1"] * 21), "too many components (at most 20)"),
    ],
)
def test_vector_errors(text: str, message: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_vector(text)
    assert caught.value.message == message


def test_errors_are_value_errors_with_a_plain_str() -> None:
    error = error_for("xq")
    assert isinstance(error, ValueError)
    assert str(error) == error.message


def test_unknown_names_without_a_suggestion_list_the_variables() -> None:
    assert error_for("2z").message == "unknown name `z` — the variables here are x, y"
    assert error_for("2x", ()).message == (
        "unknown name `x` — this answer is a number, without variables; "
        "to multiply, write `*` or `×`"
    )


def test_a_decimal_comma_gets_the_point_suggested() -> None:
    error = error_for("2,5")
    assert error.message == "unexpected `,` — for a decimal, write `2.5`"
    assert error.suggestion == "2.5"
    assert (
        error_for("2, 5").message == "unexpected `,` — a single value is expected here, not a list"
    )


@pytest.mark.parametrize(
    "text",
    [
        "(((1/3) cos(999) x 7^(1/3)) / (7^(1/3))^(-1000))^1000",  # (c·x)^n = c^n·x^n grows c
        "(2x)^1000 (3x)^1000 (5x)^1000 (7x)^1000",
        "exp(tan((1/(3e))^1000 sinh(1000^2)))",  # sympy would think for minutes
        "tan(exp(10^300))",
        "cos(sinh(10^300))",
        "asin(10^300)",
    ],
)
def test_constants_sympy_would_choke_on_are_refused(text: str) -> None:
    with pytest.raises(ReadError):
        read_expression(text, VARS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sqrt(-1)", "`sqrt` has no real value there"),
        ("asin(2)", "`asin` has no real value there"),
        ("(-8)^(1/3)", "a negative number to a fractional power is not a real number"),
        ("((ln(asin(2)))^x)^(-1000)", "`asin` has no real value there"),  # hung sympy for minutes
    ],
)
def test_complex_constants_are_refused(text: str, message: str) -> None:
    assert error_for(text).message == message
