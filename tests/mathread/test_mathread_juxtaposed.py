"""Letters written together (`2xy`, `ycos(xy)`, `xe^(xy)`) are the product of the names
they spell when they spell them exactly one way; everything else is refused with a caret
and, when there is one, a suggestion. The rules: docs/grading.md, "Letters written
together"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice.grading import grade, preview
from practice.mathread import ReadError, read_expression, read_vector

XY = ("x", "y")
XYZ = ("x", "y", "z")
W = ("w1", "w2")

SPLIT = [
    # (typed, variables, the same answer with every `*` written)
    ("2xy", XY, "2*x*y"),
    ("ycos(xy)", XY, "y*cos(x*y)"),
    ("xe^(xy)", XY, "x*e^(x*y)"),
    ("3x^2y", XY, "3*x^2*y"),  # a power binds to the letter before it
    ("xy^2", XY, "x*y^2"),
    ("4xy^3", XY, "4*x*y^3"),  # as our own prompts write it
    ("yzcos(xyz)", XYZ, "y*z*cos(x*y*z)"),
    ("-2xysin(x^2y)", XY, "-2*x*y*sin(x^2*y)"),
    ("zyx", XYZ, "z*y*x"),
    ("2xz+y", XYZ, "2*x*z + y"),
    ("1/(xy)", XY, "1/(x*y)"),
    ("xsin(y)", XY, "x*sin(y)"),
    ("xsin y", XY, "x*sin(y)"),
    ("xexp(y)", XY, "x*exp(y)"),  # not x·e·x·p: there is no p
    ("e^xy", XY, "e^x*y"),  # like `e^x y`: the power takes one letter
    ("2pix", ("x",), "2*pi*x"),
    ("xpi", ("x",), "x*pi"),
    ("w1w2", W, "w1*w2"),
    ("0.5w1w2^2", W, "0.5*w1*w2^2"),
    ("etaw1", ("eta", "w1"), "eta*w1"),
    ("ax0^2 + bx0", ("a", "b", "x0"), "a*x0^2 + b*x0"),  # a bank's parameter names
    ("etax", ("eta", "e", "t", "a", "x"), "eta*x"),  # a declared multi-letter name wins
    ("sinx", ("s", "i", "n", "x"), "s*i*n*x"),  # `sin` does not end the run
    ("xe", ("x", "e"), "x*e"),  # a declared `e` is the variable
    ("Sin(xy)", XY, "sin(x*y)"),
    ("x y", XY, "x*y"),
]


@pytest.mark.parametrize(("typed", "variables", "explicit"), SPLIT)
def test_letters_written_together_are_a_product(
    typed: str, variables: tuple[str, ...], explicit: str
) -> None:
    assert read_expression(typed, variables) == read_expression(explicit, variables)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("cos2", "cos(2)"),
        ("3 + cos 2", "3 + cos(2)"),
        ("2cos2", "2*cos(2)"),
        ("cos2^2", "cos(2)^2"),
    ],
)
def test_a_function_of_a_number_needs_no_parentheses(typed: str, expected: str) -> None:
    assert read_expression(typed) == read_expression(expected)


REFUSED = [
    # (typed, variables, message, caret position, suggestion)
    ("xyq", XY, "unknown name `xyq`: no variable `q` here — the variables here are x, y", 2, None),
    (
        "2xqy",
        XYZ,
        "unknown name `xqy`: no variable `q` here — the variables here are x, y, z",
        2,
        None,
    ),
    ("sinx", XY, "unknown name `sinx` — did you mean `sin(x)`?", 0, "sin(x)"),
    ("sinx", ("s", "i", "x"), "unknown name `sinx` — did you mean `sin(x)`?", 0, "sin(x)"),
    ("x2", XY, "unknown name `x2` — did you mean `x^2`?", 0, "x^2"),
    ("3xy2", XY, "unknown name `xy2` — did you mean `x*y^2`?", 1, "x*y^2"),
    ("sin2x", XY, "unknown name `sin2x` — did you mean `sin(2*x)`?", 0, "sin(2*x)"),
    ("XY", XY, "unknown name `XY` — did you mean `x*y`?", 0, "x*y"),
    (
        "pix",
        ("p", "i", "x"),
        "`pix` can be read as `p*i*x` or `pi*x` — write `*` between the factors",
        0,
        None,
    ),
    (
        "xsin(y)",
        ("x", "y", "s", "i", "n"),
        "`xsin` can be read as `x*s*i*n` or `x*sin(…)` — write `*` between the factors",
        0,
        None,
    ),
    (
        "2w1w3",
        W,
        "unknown name `w1w3`: no variable `w` here — the variables here are w1, w2",
        3,
        None,
    ),
    ("x" * 41, ("x",), "unknown name `xxxxxxxxxxxxxxxxxxxx…` — the variables here are x", 0, None),
]


@pytest.mark.parametrize(("typed", "variables", "message", "position", "suggestion"), REFUSED)
def test_what_does_not_split_one_way_is_refused(
    typed: str, variables: tuple[str, ...], message: str, position: int, suggestion: str | None
) -> None:
    with pytest.raises(ReadError) as caught:
        read_expression(typed, variables)
    assert (caught.value.message, caught.value.position, caught.value.suggestion) == (
        message,
        position,
        suggestion,
    )


def test_eta_typed_where_its_value_is_wanted_keeps_its_own_advice() -> None:
    with pytest.raises(ReadError, match="write its value"):
        read_expression("w1 - η w2", W)


def test_the_reading_shows_every_multiplication() -> None:
    assert preview("expression", "2xy", XY).latex == r"2 \cdot x \cdot y"
    reading = preview("expression", "-2xysin(x^2y)", XY).latex
    assert reading == r"- 2 \cdot x \cdot y \cdot \sin{\left(x^{2} \cdot y \right)}"
    assert preview("expression", "0.1xy", XY).latex == r"0.1 \cdot x \cdot y"
    assert grade("expression", "2*x*y", "2xy", variables=XY).read_as == r"2 \cdot x \cdot y"


def test_a_split_run_still_counts_toward_the_symbol_limit() -> None:
    with pytest.raises(ReadError, match="too long"):
        read_expression("+".join(["xyxyxyxyxy"] * 30), XY)


# -- vectors and numbers as written -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "variables", "expected"),
    [
        ("2i + 4j", (), (2, 4)),
        ("2i + 4j + 6k", (), (2, 4, 6)),
        ("-0.8j + 2.6i", (), (2.6, -0.8)),
        ("4j", (), (0, 4)),
        ("2i + 6k", (), (2, 0, 6)),
        ("(2i + 4j)", (), (2, 4)),
        ("2(i + 2j)", (), (2, 4)),
        ("2xi - yj", XY, ("2*x", "-y")),
        ("[2 4]", (), (2, 4)),
        ("(2 4)", (), (2, 4)),
        ("(2 -4)", (), (2, -4)),  # a sign touching its number starts one, as in MATLAB
        ("[1.5 -2 +3]", (), (1.5, -2, 3)),
        ("⟨12 -16⟩", (), (12, -16)),
        ("(4*10^1, 2)", (), (40, 2)),
        ("(cos2, 3 + cos 2)", (), ("cos(2)", "3 + cos(2)")),
    ],
)
def test_vectors_as_written(
    typed: str, variables: tuple[str, ...], expected: tuple[object, ...]
) -> None:
    wanted = tuple(read_expression(str(c), variables) for c in expected)
    assert read_vector(typed, variables) == wanted


@pytest.mark.parametrize(
    ("typed", "variables", "words"),
    [
        ("i*j", (), "write the vector as a i + b j (+ c k)"),
        ("2i + 3", (), "write the vector as a i + b j (+ c k)"),
        ("(2i, 4j)", (), "write a vector as its components"),  # a list is a list
        ("1 2", (), "separate vector components with commas"),  # no brackets: `1 000`?
        ("(1 2x)", XY, "separate vector components with commas"),
    ],
)
def test_vectors_that_stay_refused(typed: str, variables: tuple[str, ...], words: str) -> None:
    with pytest.raises(
        ReadError, match=words.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")
    ):
        read_vector(typed, variables)


def test_declared_i_j_k_are_variables_not_unit_vectors() -> None:
    assert read_vector("2i + 4j", ("i", "j")) == (read_expression("2i + 4j", ("i", "j")),)


def test_spaces_with_a_spaced_sign_are_a_subtraction() -> None:
    assert read_vector("(2 - 4)") == (-2,)
    assert not grade("vector", "(2, -4)", "(2 - 4)").correct


def test_vectors_as_written_grade_correct() -> None:
    assert grade("vector", "(2, 4, 6)", "2i + 4j + 6k").correct
    assert grade("vector", "(12, -16)", "[12 -16]").correct
    assert grade("number", "40", "4*10^1").correct


# -- the meaning never changes ------------------------------------------------------------

_LETTER_FACTORS = st.sampled_from(
    ["x", "y", "z", "e", "pi", "x^2", "y^3", "e^x", "x^y", "sin(x)", "cos(x*y)", "exp(z)",
     "sqrt(y)", "ln(x)", "tan(2*x)", "(x + 1)"]
)  # fmt: skip
_NUMBER_FACTORS = st.sampled_from(["2", "3", "0.5", "12", "1.25"])


def _juxtaposed(factors: list[str]) -> str:
    """The product with `*` dropped before every factor that starts with a letter or a
    bracket, as a student writes it (before a number it stays: `x2` is no product)."""
    text = factors[0]
    for factor in factors[1:]:
        text += factor.replace("*", "") if factor[0].isalpha() or factor[0] == "(" else "*" + factor
    return text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LETTER_FACTORS, _NUMBER_FACTORS), min_size=1, max_size=6))
def test_splitting_never_changes_the_meaning(factors: list[str]) -> None:
    explicit = "*".join(factors)
    typed = _juxtaposed(factors)
    assert read_expression(typed, XYZ) == read_expression(explicit, XYZ), (typed, explicit)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["x", "y", "w1", "p", "i", "s", "n", "e", "pi"]), min_size=2, max_size=6
    ),
    st.sets(st.sampled_from(["x", "y", "w1", "p", "i", "s", "n"]), min_size=1),
)
def test_a_run_is_read_as_written_or_refused_never_misread(
    letters: list[str], declared: set[str]
) -> None:
    """With names that can overlap (`pi` and `p`, `i`), a run whose letters are all known
    is either the product it was written as or refused: never another product. (A run that
    is itself a name, such as `pi`, is that name.)"""
    variables = tuple(sorted(declared))
    try:
        explicit = read_expression("*".join(letters), variables)
    except ReadError:
        return  # some letter is unknown: nothing to misread
    typed = "".join(letters)
    if typed == "pi":
        return
    try:
        assert read_expression(typed, variables) == explicit, typed
    except ReadError:
        pass
