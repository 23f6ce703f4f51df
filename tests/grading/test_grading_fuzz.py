"""Fuzzing: whatever the text, the reader returns sympy or raises ReadError, grading
returns a result, and each call comes back well within the one-second contract."""

from __future__ import annotations

import time

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice.grading import grade, preview
from practice.mathread import ReadError, read_expression, read_vector, to_latex

BOUND = 1.0  # CPU seconds (not wall time, which a loaded CI box stretches): the contract's promise per request
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MATHY = st.sampled_from(
    list("0123456789.xyez+-*/^()[]<>|, ")
    + [
        "sin",
        "cos",
        "ln",
        "log",
        "sqrt",
        "exp",
        "pi",
        "**",
        "e-",
        "E+",
        "\u2212",
        "\u00b7",
        "\u00d7",
        "\u03c0",
        "\u00b2",
        "\u27e8",
        "\u27e9",
        "abs",
        "tan",
        "asin",
        "9^9",
        "!",
        "_",
        # forms the QA pass taught the reader: labels, `;`, capitals, ½, invisible characters
        "=",
        "f_x",
        "\u2202",
        "\u2207",
        "grad",
        ";",
        "Sin",
        "X",
        "PI",
        "\u00bd",
        "\u2044",
        "\u200b",
        "\u200f",
        "\u202e",
        "\ufeff",
        "\u0301",
        "$",
        "'",
        "i",
        "j",
    ]
)
MATHY_TEXT = st.lists(MATHY, max_size=40).map("".join)


def timed_read(text: str) -> None:
    start = time.process_time()
    for read in (read_expression, read_vector):
        try:
            value = read(text, ["x", "y"])
        except ReadError as error:
            assert error.message
            error.render(text)
        else:
            to_latex(value)
    assert time.process_time() - start < BOUND


@FUZZ
@given(st.text(max_size=80))
def test_random_unicode_text(text: str) -> None:
    timed_read(text)


@FUZZ
@given(MATHY_TEXT)
def test_random_math_like_text(text: str) -> None:
    timed_read(text)


def leaves() -> st.SearchStrategy[str]:
    numbers = st.one_of(
        st.integers(0, 10**6).map(str),
        st.decimals(min_value=0, max_value=1000, places=3).map(str),
        st.sampled_from(["1e-3", "2.5E2", "0.1", ".5", "1/3"]),
        # sizes that made sympy hang or overflow before the bounds caught them
        st.sampled_from(["2^999", "10^300", "7^(1/3)", "1000", "-1000", "(1/3)^999"]),
    )
    return st.one_of(numbers, st.sampled_from(["x", "y", "e", "pi", "\u03c0"]))


def combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(
        children, st.sampled_from(["+", "-", "*", "/", "^", "**", " ", "\u00b7"]), children
    ).map(lambda t: f"({t[0]}){t[1]}({t[2]})")
    call = st.tuples(
        st.sampled_from(["sin", "cos", "tan", "exp", "ln", "sqrt", "abs", "atan", "sinh", "log"]),
        children,
    ).map(lambda t: f"{t[0]}({t[1]})")
    negated = children.map(lambda c: f"-{c}")
    bars = children.map(lambda c: f"|{c}|")
    return st.one_of(binary, call, negated, bars)


EXPRESSIONS = st.recursive(leaves(), combine, max_leaves=12)


@FUZZ
@given(EXPRESSIONS)
def test_random_well_formed_expressions_read(text: str) -> None:
    start = time.process_time()
    try:
        value = read_expression(text, ["x", "y"])
    except ReadError:
        pass  # sizes, division by zero, values with no finite value are refused
    else:
        assert isinstance(value, sympy.Expr)
    assert time.process_time() - start < BOUND


@FUZZ
@given(EXPRESSIONS, EXPRESSIONS)
def test_grading_random_pairs_never_raises(expected: str, answer: str) -> None:
    try:
        read_expression(expected, ["x", "y"])
    except ReadError:
        return
    start = time.process_time()
    result = grade("expression", expected, answer, variables=["x", "y"])
    assert 0.0 <= result.score <= 1.0
    assert result.correct is (result.score == 1.0)
    preview("expression", answer, ["x", "y"])
    assert time.process_time() - start < BOUND


@FUZZ
@given(EXPRESSIONS)
def test_an_expression_equals_its_rewriting(text: str) -> None:
    """The same expression written differently (`**` for `^`, `*` for `·`, more spaces)
    grades correct against itself."""
    try:
        read_expression(text, ["x", "y"])
    except ReadError:
        return
    rewritten = (
        text.replace("^", "**").replace("\u00b7", "*").replace("(", " ( ").replace(")", " ) ")
    )
    result = grade("expression", text, rewritten, variables=["x", "y"])
    assert result.correct, (text, rewritten, result)


@FUZZ
@given(
    EXPRESSIONS,
    st.sampled_from(
        [
            "f_x = {}",
            "\u2202f/\u2202x = {}",
            "df/dx={}",
            "{} =",
            "= {}",
            "\u200b{}\u200e",
            "\ufeff{}",
        ]
    ),
)
def test_a_label_or_invisible_characters_do_not_change_the_grade(text: str, form: str) -> None:
    """The QA pass's label stripping and invisible-character folding, on any expression."""
    try:
        read_expression(text, ["x", "y"])
    except ReadError:
        return
    result = grade("expression", text, form.format(text), variables=["x", "y"])
    assert result.correct, (text, form, result)
