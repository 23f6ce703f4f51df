"""A recursive-descent parser that builds sympy objects from whitelisted pieces only.

Grammar (loosest first):
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/" | <implicit>) unary)*      implicit: `2x`, `x y`, `3(x+1)`
    unary    := ("-" | "+") unary | power
    power    := primary ("^" unary)?                          right-associative: 2^3^2 = 2^9
    primary  := number | name | function | "(" sum ")" | "|" sum "|"
    function := NAME ("^" n)? ( "(" sum ")" | implicit product without functions )
Implicit multiplication binds like `*`, so `1/2x` is (1/2)·x, as in STACK and Wolfram.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import sympy

from practice.mathread.advice import comma_advice, two_numbers_advice
from practice.mathread.errors import ReadError, ReadLimits
from practice.mathread.juxtaposed import explain_unknown
from practice.mathread.names import FUNCTIONS, canonical_name
from practice.mathread.normalize import Normalized
from practice.mathread.numeric import Undefined, is_real, magnitude, value_of
from practice.mathread.tokens import RADICAL, Token, TokenKind

_PRIMARY_STARTS = (TokenKind.NUMBER, TokenKind.NAME)
MAX_ARGUMENT_MAGNITUDE = 256  # |log2| of a function's constant argument
MAX_EXACT_ROOT = 64  # x^(p/q) keeps q exact up to this; finer exponents are decimals
FLOAT_DIGITS = 30
_GROUP_OPENERS = "([{"


class Parser:
    def __init__(
        self,
        tokens: list[Token],
        norm: Normalized,
        names: Mapping[str, sympy.Expr],
        limits: ReadLimits,
    ) -> None:
        self.tokens = [_fold_case(token, names) for token in tokens]
        self.norm = norm
        self.names = names
        self.limits = limits
        self.index = 0
        self.depth = 0
        self.bars_open = 0
        # Upper bound on the bits of any exact number built so far: products and sums
        # of literals never exceed the sum of their sizes, so this bounds them all.
        self.bits_used = 0.0

    # -- helpers ---------------------------------------------------------------------
    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not TokenKind.END:
            self.index += 1
        return token

    def error(
        self, message: str, token: Token | None = None, suggestion: str | None = None
    ) -> ReadError:
        at = (token or self.current).start
        return ReadError(message, self.norm.position(at), suggestion)

    def nested(self, parse: Callable[[], sympy.Expr]) -> sympy.Expr:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise self.error(
                f"the answer is nested too deeply (more than {self.limits.max_depth} levels)"
            )
        try:
            return parse()
        finally:
            self.depth -= 1

    # -- grammar ---------------------------------------------------------------------
    def parse_all(self) -> sympy.Expr:
        if self.current.kind is TokenKind.END:
            raise self.error("the answer is empty")
        value = self.parse_sum()
        token = self.current
        if token.kind is TokenKind.END:
            return value
        if token.kind is TokenKind.COMMA:
            raise self.comma_error(token)
        if token.kind is TokenKind.CLOSE:
            raise self.error(
                f"unbalanced parenthesis: `{token.text}` has no matching opening bracket", token
            )
        raise self.error(f"unexpected `{token.text}`", token)

    def comma_error(self, comma: Token) -> ReadError:
        message, suggestion = comma_advice(self.tokens, self.index)
        return self.error(message, comma, suggestion)

    def parse_sum(self) -> sympy.Expr:
        value = self.parse_product()
        while self.current.kind is TokenKind.OP and self.current.text in "+-":
            op = self.advance()
            right = self.parse_product()
            value = value + right if op.text == "+" else value - right
        return value

    def parse_product(self) -> sympy.Expr:
        value = self.parse_unary()
        previous = self.tokens[self.index - 1]
        while True:
            token = self.current
            if token.kind is TokenKind.OP and token.text in "*/":
                self.advance()
                right = self.parse_unary()
                value = value * right if token.text == "*" else self.divide(value, right, token)
            elif self.starts_implicit_factor(token):
                if token.kind is TokenKind.NUMBER and previous.kind is TokenKind.NUMBER:
                    message, suggestion = two_numbers_advice(self.tokens, self.index)
                    raise self.error(message, token, suggestion)
                value = value * self.parse_unary()
            else:
                return value
            previous = self.tokens[self.index - 1]

    def starts_implicit_factor(self, token: Token) -> bool:
        if token.kind in _PRIMARY_STARTS:
            return True
        if token.kind is TokenKind.OPEN:
            return token.text in _GROUP_OPENERS
        return token.kind is TokenKind.BAR and self.bars_open == 0

    def divide(self, numerator: sympy.Expr, denominator: sympy.Expr, token: Token) -> sympy.Expr:
        if denominator.is_zero:
            raise self.error("division by zero", token)
        return numerator / denominator

    def parse_unary(self) -> sympy.Expr:
        token = self.current
        if token.kind is TokenKind.OP and token.text in "+-":
            self.advance()
            operand = self.nested(self.parse_unary)
            return -operand if token.text == "-" else operand
        return self.parse_power()

    def parse_power(self) -> sympy.Expr:
        base = self.parse_primary()
        if self.current.kind is TokenKind.OP and self.current.text == "^":
            caret = self.advance()
            exponent = self.nested(self.parse_unary)
            return self.power(base, exponent, caret)
        return base

    def power(self, base: sympy.Expr, exponent: sympy.Expr, token: Token) -> sympy.Expr:
        """Refuse powers whose size would make sympy hang, before sympy evaluates them."""
        if not exponent.free_symbols:
            size = abs(self.numeric(exponent, token))
            if size > self.limits.max_exponent:
                raise self.error(
                    f"the exponent is too large (at most {self.limits.max_exponent})", token
                )
            # sympy distributes a numeric power over a product, (c·x)^n = c^n·x^n, so
            # the numeric factors of a symbolic base grow too
            numeric = [f for f in sympy.Mul.make_args(base) if not f.free_symbols]
            self.spend_bits(sum(_bits(f, self) for f in numeric) * size, token)
            exponent = self.bounded_root(exponent)
        if base.is_zero and exponent.is_negative:
            raise self.error("division by zero", token)
        return self.real_constant(
            sympy.Pow(base, exponent),
            "a negative number to a fractional power is not a real number",
            token,
        )

    def bounded_root(self, exponent: sympy.Expr) -> sympy.Expr:
        """A huge q in an exponent p/q (``0.001^2`` is 1/10^6) sends sympy after an exact
        q-th root for minutes (``0.004^(0.001^2)``): such an exponent becomes a decimal."""
        if isinstance(exponent, sympy.Rational) and exponent.q > MAX_EXACT_ROOT:
            return sympy.Float(exponent, FLOAT_DIGITS)
        return exponent

    def spend_bits(self, bits: float, token: Token) -> None:
        self.bits_used += bits
        if self.bits_used > self.limits.max_number_bits:
            raise self.error("the numbers are too large to work with", token)

    def numeric(self, value: sympy.Expr, token: Token) -> float:
        try:
            return float(abs(value_of(value)))
        except Undefined as exc:
            raise self.error("this part has no finite value", token) from exc

    def parse_primary(self) -> sympy.Expr:
        token = self.current
        if token.kind is TokenKind.NUMBER:
            self.advance()
            return self.number(token)
        if token.kind is TokenKind.NAME:
            return self.parse_name()
        if token.kind is TokenKind.OPEN:
            return self.nested(self.parse_group)
        if token.kind is TokenKind.BAR:
            return self.nested(self.parse_abs)
        raise self.unexpected(token)

    def unexpected(self, token: Token) -> ReadError:
        if token.kind is TokenKind.END:
            return self.error("the answer ends too early — something is missing at the end", token)
        if token.kind is TokenKind.CLOSE:
            return self.error(
                "nothing inside the brackets"
                if self.tokens[self.index - 1].kind is TokenKind.OPEN
                else f"`{token.text}` comes too early — something is missing before it",
                token,
            )
        if token.kind is TokenKind.COMMA:
            return self.error("unexpected `,` — a single value is expected here, not a list", token)
        return self.error(f"`{token.text}` needs something before it", token)

    def parse_group(self) -> sympy.Expr:
        opener = self.advance()
        if opener.text not in _GROUP_OPENERS:
            raise self.error(f"`{opener.text}` is for vectors; use ( ) in expressions", opener)
        value = self.parse_sum()
        self.expect_close(opener)
        return value

    def expect_close(self, opener: Token) -> None:
        token = self.current
        if token.kind is TokenKind.CLOSE:
            self.advance()
            return
        if token.kind is TokenKind.END:
            raise self.error(f"unbalanced parenthesis: `{opener.text}` is never closed", opener)
        raise self.error(
            f"unexpected `{token.text}` — expected a closing bracket for `{opener.text}`", token
        )

    def parse_abs(self) -> sympy.Expr:
        opener = self.advance()
        self.bars_open += 1
        try:
            value = self.parse_sum()
        finally:
            self.bars_open -= 1
        if self.current.kind is not TokenKind.BAR:
            raise self.error("unbalanced `|`: the absolute value is never closed", opener)
        self.advance()
        return sympy.Abs(value)

    def number(self, token: Token) -> sympy.Expr:
        mantissa, _, exponent_text = token.text.lower().partition("e")
        whole, _, fraction = mantissa.partition(".")
        digits = (whole + fraction).lstrip("0")
        if len(digits) > self.limits.max_integer_digits:
            raise self.error(
                f"the number has too many digits (at most {self.limits.max_integer_digits})", token
            )
        exponent = int(exponent_text) if exponent_text else 0
        if abs(exponent) > self.limits.max_exponent:
            raise self.error(
                f"the exponent is too large (at most {self.limits.max_exponent})", token
            )
        scale = exponent - len(fraction)
        value = int(whole + fraction or "0")
        self.spend_bits(value.bit_length() + abs(scale) * math.log2(10), token)
        if scale >= 0:
            return sympy.Integer(value * 10**scale)
        return sympy.Rational(value, 10**-scale)

    def parse_name(self) -> sympy.Expr:
        token = self.advance()
        name = token.text
        if name == RADICAL:
            if not self.starts_argument(self.current):
                raise self.error("`√` needs something after it, e.g. √x or √(x+1)", self.current)
            signed = self.current.kind is TokenKind.OP
            return self.call(
                sympy.sqrt, self.nested(self.parse_unary if signed else self.parse_power), token
            )
        if name in self.names:
            return self.names[name]
        if name in FUNCTIONS:
            return self.apply_function(token)
        message, suggestion, offset = explain_unknown(name, self.names)
        raise ReadError(message, self.norm.position(token.start + offset), suggestion)

    def apply_function(self, token: Token) -> sympy.Expr:
        function = FUNCTIONS[token.text]
        power = self.function_power(token)
        if self.current.kind is TokenKind.OPEN and self.current.text == "(":
            argument = self.nested(self.parse_call_argument)
        elif self.current.kind is TokenKind.END or not self.starts_argument(self.current):
            raise self.error(
                f"`{token.text}` needs an argument, e.g. {token.text}(x)", self.current
            )
        else:
            argument = self.nested(self.parse_bare_argument)
        value = self.call(function, argument, token)
        return value if power is None else self.power(value, power, token)

    def call(
        self, function: Callable[[sympy.Expr], sympy.Expr], argument: sympy.Expr, token: Token
    ) -> sympy.Expr:
        """sympy simplifies functions of constants as it builds them, asking questions
        (is it zero? a multiple of pi?) that can take minutes for a constant like
        sinh(10^6)·3^-1000; so constant arguments must have a sane size first."""
        if not argument.free_symbols:
            try:
                size = magnitude(value_of(argument))
            except Undefined as exc:
                raise self.error("this part has no finite value", token) from exc
            if abs(size) > MAX_ARGUMENT_MAGNITUDE:
                raise self.error(
                    "the numbers are too large (or too close to zero) to work with", token
                )
        value = function(argument)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise self.error(f"`{token.text}` has no finite value there", token)
        return self.real_constant(value, f"`{token.text}` has no real value there", token)

    def real_constant(self, value: sympy.Expr, message: str, token: Token) -> sympy.Expr:
        """Complex constants are refused: this is calculus over the reals, and sympy's
        assumption queries on them (is it positive?) can run for minutes."""
        if not value.free_symbols:
            try:
                number = value_of(value)
            except Undefined as exc:
                raise self.error("this part has no finite value", token) from exc
            if not is_real(number):
                raise self.error(message, token)
        return value

    def starts_argument(self, token: Token) -> bool:
        return self.starts_implicit_factor(token) or (
            token.kind is TokenKind.OP and token.text in "+-"
        )

    def function_power(self, token: Token) -> sympy.Expr | None:
        """`sin^2(x)` is sin(x)^2; `sin^-1` is ambiguous, so it is refused with advice.
        `sin²x` arrives as `sin^(2)x` (superscripts are parenthesized), so `^(2)` counts too."""
        if not (self.current.kind is TokenKind.OP and self.current.text == "^"):
            return None
        self.advance()
        if self.is_parenthesized_digits():
            self.advance()
            exponent = self.advance()
            self.advance()
            return self.number(exponent)
        exponent = self.current
        if exponent.kind is not TokenKind.NUMBER or not exponent.text.isdigit():
            raise self.error(
                f"write a{token.text}(x) for the inverse, or ({token.text}(x))^n for a power",
                exponent,
            )
        self.advance()
        return self.number(exponent)

    def is_parenthesized_digits(self) -> bool:
        ahead = self.tokens[self.index : self.index + 3]
        return (
            len(ahead) == 3
            and ahead[0].kind is TokenKind.OPEN
            and ahead[0].text == "("
            and ahead[1].kind is TokenKind.NUMBER
            and ahead[1].text.isdigit()
            and ahead[2].kind is TokenKind.CLOSE
        )

    def parse_call_argument(self) -> sympy.Expr:
        opener = self.advance()
        if self.current.kind is TokenKind.CLOSE:
            raise self.error("nothing inside the parentheses", self.current)
        value = self.parse_sum()
        if self.current.kind is TokenKind.COMMA:
            raise self.error("this function takes one argument", self.current)
        self.expect_close(opener)
        return value

    def parse_bare_argument(self) -> sympy.Expr:
        """`sin x`, `sin 2x`, `sin x cos x`: the argument runs until an operator or the
        next function name, so `sin x cos x` is sin(x)·cos(x)."""
        value = self.parse_unary()
        while self.starts_implicit_factor(self.current) and not self.is_function(self.current):
            value = value * self.parse_unary()
        return value

    def is_function(self, token: Token) -> bool:
        return (
            token.kind is TokenKind.NAME
            and token.text in FUNCTIONS
            and token.text not in self.names
        )


def _fold_case(token: Token, names: Mapping[str, sympy.Expr]) -> Token:
    if token.kind is not TokenKind.NAME:
        return token
    name = canonical_name(token.text, names)
    return token if name == token.text else Token(token.kind, name, token.start, token.end)


def _bits(value: sympy.Expr, parser: Parser) -> float:
    """An upper bound on log2 of the size of an exact number (numerator or denominator)."""
    if isinstance(value, sympy.Rational):
        return float(max(int(value.p).bit_length(), int(value.q).bit_length()))
    magnitude = parser.numeric(value, parser.current)
    return abs(math.log2(magnitude)) + 1 if magnitude else 0.0
