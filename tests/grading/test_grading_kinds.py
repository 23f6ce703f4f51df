"""Each kind graded by equivalence, with tolerances, partial credit and clear messages."""

from __future__ import annotations

import time

import pytest
import sympy

from practice.grading import DEFAULT_RTOL, BadRequest, grade, preview
from practice.mathread import symbol
from practice.timelimit import TimeUp, time_limit


@pytest.mark.parametrize("answer", ["2.5839", "2.58385", "2.5838", "3 + cos(2)", "3+cos(2.0)"])
def test_number_right_to_five_significant_figures(answer: str) -> None:
    assert grade("number", "3 + cos(2)", answer).correct


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("1/2", "0.5"),
        ("0.1", "1/10"),
        ("1e-3", "0.001"),
        ("sqrt(2)", "1.41421"),
        ("1.00004999", "1.0000"),
        ("19999.5", "19999"),
        ("pi", "3.1416"),
        ("-0.5", "-1/2"),
    ],
)
def test_number_exact_and_decimal_forms(expected: str, answer: str) -> None:
    assert grade("number", expected, answer).correct


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("3 + cos(2)", "2.58"),
        ("1/3", "0.33"),
        ("pi", "3.14"),
        ("0", "0.001"),
        ("1", "1.001"),
    ],
)
def test_number_near_misses(expected: str, answer: str) -> None:
    assert not grade("number", expected, answer).correct


def test_close_numbers_get_a_hint_about_significant_figures() -> None:
    result = grade("number", "3 + cos(2)", "2.58")
    assert result.feedback == "Close — give 4 significant figures (rounded, not cut off)."
    assert not result.counts


def test_custom_tolerances() -> None:
    assert grade("number", "pi", "3.14", rtol=1e-3).correct
    assert not grade("number", "pi", "3.1416", rtol=0, atol=1e-6).correct
    assert grade("number", "0", "1e-10").correct
    assert DEFAULT_RTOL == pytest.approx(5e-4)  # 4 significant figures, rounded


@pytest.mark.parametrize(
    ("expected", "answer", "variables"),
    [
        ("sin(2x)", "2 sin(x) cos(x)", ["x"]),
        ("2 x y + y^2", "y(2x + y)", ["x", "y"]),
        ("(x+1)^2", "x^2 + 2x + 1", ["x"]),
        ("e^(2x)", "exp(x)^2", ["x"]),
        ("ln(x^2)", "2 ln(x)", ["x"]),  # equal where both are defined (x > 0)
        ("1/(2 sqrt(x))", "0.5 x^(-1/2)", ["x"]),
        ("cos(x)^2", "1 - sin(x)^2", ["x"]),
        ("tanh(x)", "(e^x - e^-x)/(e^x + e^-x)", ["x"]),
        ("w - 0.1*2*w", "0.8w", ["w"]),
        ("3", "3", ["x"]),
    ],
)
def test_expression_equivalence(expected: str, answer: str, variables: list[str]) -> None:
    result = grade("expression", expected, answer, variables=variables)
    assert result.correct, result
    assert result.score == 1.0


@pytest.mark.parametrize(
    ("expected", "answer", "variables"),
    [
        ("x^2 y", "x y^2", ["x", "y"]),
        ("abs(x)", "x", ["x"]),
        ("x", "sqrt(x^2)", ["x"]),
        ("sin(2x)", "2 sin(x)", ["x"]),
        ("x^2", "x^2 + 0.01", ["x"]),
        ("exp(x)", "1 + x + x^2/2 + x^3/6 + x^4/24", ["x"]),
        ("2x", "2y", ["x", "y"]),
    ],
)
def test_expression_near_misses(expected: str, answer: str, variables: list[str]) -> None:
    assert not grade("expression", expected, answer, variables=variables).correct


def test_expression_reference_may_be_sympy() -> None:
    x = symbol("x")
    assert grade("expression", sympy.sin(x) ** 2, "1 - cos(x)^2", variables=["x"]).correct


def test_expression_reports_what_was_read() -> None:
    result = grade("expression", "x^2", "x²", variables=["x"])
    assert result.correct and result.read_as == "x^{2}"


def test_unreadable_answer_is_a_result_not_an_exception() -> None:
    result = grade("expression", "x*y", "XY", variables=["x", "y"])
    assert not result.correct and result.score == 0
    assert result.error == "unknown name `XY` — did you mean `x*y`?\nXY\n^"
    assert "did you mean `x*y`" in result.feedback


def test_vector_partial_credit() -> None:
    result = grade("vector", "(1, 2, 3)", "<1, 5, 3>")
    assert not result.correct
    assert result.score == pytest.approx(2 / 3)
    assert result.component_correct == (True, False, True)
    assert "component 2" in result.feedback


def test_vector_wrong_number_of_components() -> None:
    result = grade("vector", "(1, 2, 3)", "(1, 2)")
    assert not result.correct and result.score == 0
    assert result.feedback == "Expected 3 components separated by commas; your answer has 2."


@pytest.mark.parametrize(
    "answer", ["(0.5, 2.5839)", "[1/2, 3+cos(2)]", "1/2, 2.58385", "\u27e8 0.5 , 2.5839 \u27e9"]
)
def test_vector_forms(answer: str) -> None:
    assert grade("vector", "(1/2, 3 + cos(2))", answer).correct


def test_vector_of_expressions() -> None:
    x, y = symbol("x"), symbol("y")
    assert grade("vector", (2 * x * y, x**2), "(2xy, x^2)", variables=["x", "y"]).correct
    assert grade("vector", (2 * x * y, x**2), "(2xq, x^2)", variables=["x", "y"]).error
    assert grade("vector", (2 * x * y, x**2), "(2x y, x^2)", variables=["x", "y"]).correct


@pytest.mark.parametrize(
    ("expected", "answer", "correct"),
    [
        ("A", "a", True),
        ("A", " A ", True),
        ("A,C", "c, a", True),
        ("A,C", "CA", True),
        ("A,C", "a c", True),
        ("A,C", "A", False),
        ("A,C", "A,B,C", False),
        ("B", "A", False),
        ("opt1", "OPT1", True),
    ],
)
def test_choice(expected: str, answer: str, correct: bool) -> None:
    assert grade("choice", expected, answer).correct is correct


def test_choice_partly_right_set() -> None:
    assert "Some of your choices" in grade("choice", "A,C", "A").feedback


def test_empty_choice_is_an_error() -> None:
    assert grade("choice", "A", " , ").error


@pytest.mark.parametrize(("rating", "score"), [("right", 1.0), ("Partly", 0.5), ("wrong", 0.0)])
def test_self_check(rating: str, score: float) -> None:
    result = grade("self-check", "the model answer", rating)
    assert result.score == score and result.correct is (score == 1.0)


def test_self_check_unknown_rating() -> None:
    assert grade("self-check", "", "maybe").error


@pytest.mark.parametrize(
    ("kind", "expected", "kwargs"),
    [
        ("bogus", "1", {}),
        ("number", "1/0", {}),
        ("number", "x", {}),
        ("number", "1", {"rtol": -1}),
        ("number", "1", {"atol": float("nan")}),
        ("choice", ",", {}),
        ("vector", "(1,,2)", {}),
    ],
)
def test_bad_requests_raise(kind: str, expected: str, kwargs: dict[str, float]) -> None:
    with pytest.raises(BadRequest):
        grade(kind, expected, "1", **kwargs)  # type: ignore[arg-type]


def test_preview_reads_without_grading() -> None:
    ok = preview("expression", "2x y", ["x", "y"])
    assert ok.ok and ok.latex == r"2 \cdot x \cdot y" and ok.error is None
    assert preview("expression", "2xy", ["x", "y"]).latex == r"2 \cdot x \cdot y"
    bad = preview("expression", "2sinx", ["x", "y"])
    assert not bad.ok and bad.suggestion == "sin(x)" and bad.error and bad.error.endswith(" ^")
    assert preview("vector", "<1, 2>").latex == r"\left( 1, 2 \right)"
    assert preview("choice", "a, c").latex == r"\text{A, C}"


@pytest.mark.parametrize(
    ("expected", "answer", "correct"),
    [
        ("x^1000", "(x^1000)^1000", False),  # overflows where the reference does not
        ("x^1000", "x^1001", False),  # agree near 0 only, where both are tiny
        ("0", "x - x", True),  # identically zero: only tiny points, all agree
        ("x^1000", "x^999 x", True),
    ],
)
def test_expression_equivalence_at_extreme_magnitudes(
    expected: str, answer: str, correct: bool
) -> None:
    assert grade("expression", expected, answer, variables=["x"]).correct is correct


def test_grading_from_several_threads_agrees() -> None:
    """Streamlit serves sessions from threads, which hand their gradings to the worker
    pool (grading itself refuses to run off the main thread, where no time limit can
    stop it): many threads at once get the same verdicts."""
    from concurrent.futures import ThreadPoolExecutor

    from practice.workers import open_grading

    with open_grading(2) as grading:

        def run(j: int) -> bool:
            return grading.grade_request(
                "expression",
                "sec(x)^2 + cot(x y)",
                f"1/cos(x)^2 + cos(x y)/sin(x y) + {j}*0",
                variables=["x", "y"],
            ).correct

        with ThreadPoolExecutor(max_workers=4) as pool:
            assert all(pool.map(run, range(200)))


def test_huge_symbolic_exponents_of_small_bases_do_not_stall_evaluation() -> None:
    # mpmath raises its precision by the exponent's bits: 0.7^(2^999·y) used to stall
    result = grade("expression", "x", "(0.7 sin(x)^2)^(2^999 y)", variables=["x", "y"])
    assert not result.correct


def test_the_watchdog_stops_plain_python_work() -> None:
    """practice/timelimit.py: what `grade --jsonl` relies on when sympy thinks
    for minutes about a nested answer."""
    start = time.monotonic()
    with pytest.raises(TimeUp), time_limit(0.1):
        while True:
            pass
    assert time.monotonic() - start < 1
    with time_limit(5):
        pass  # and a block that ends in time is left alone, the timer cleared
    time.sleep(0.01)
