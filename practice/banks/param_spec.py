"""One random parameter of a problem, and the exact numbers it is written with.

Parameters are classroom numbers: exact decimals (``0.1`` is the decimal 0.1, never a
binary float), bounded in size and in decimal places before exact arithmetic meets
them. ``_Strict`` is the base of every bank model: unknown keys are errors.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

MAX_CHOICE_VALUES = 200
MAX_PARAM_MAGNITUDE = Decimal(10) ** 12
MAX_DECIMAL_PLACES = 8
MIN_PARAM_MAGNITUDE = Decimal(10) ** -MAX_DECIMAL_PLACES


def _to_decimal(value: Any) -> Decimal:
    """Decimals stay exact: ``0.1`` in YAML is the decimal 0.1, not a binary float."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    if isinstance(value, int | float | str):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
        if not number.is_finite():
            raise ValueError("expected a finite number")
        return _bounded(number)
    raise ValueError(f"expected a number, got {type(value).__name__}")


def _bounded(number: Decimal) -> Decimal:
    """Parameters are classroom numbers: refuse 1e999999 before exact arithmetic meets it."""
    if number != 0 and not MIN_PARAM_MAGNITUDE <= abs(number) <= MAX_PARAM_MAGNITUDE:
        raise ValueError(f"{number} is outside ±[{MIN_PARAM_MAGNITUDE}, {MAX_PARAM_MAGNITUDE:.0e}]")
    places = -number.normalize().as_tuple().exponent  # type: ignore[operator]
    if places > MAX_DECIMAL_PLACES:
        raise ValueError(f"{number} has more than {MAX_DECIMAL_PLACES} decimal places")
    return number


ExactNumber = Annotated[Decimal, BeforeValidator(_to_decimal)]
BoundedInt = Annotated[int, Field(ge=-(10**12), le=10**12)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ParamSpec(_Strict):
    """One random parameter: exactly one of ``int``, ``decimal`` or ``choice``."""

    int_: tuple[BoundedInt, BoundedInt] | None = Field(
        None, alias="int", description="inclusive integer range [low, high]"
    )
    decimal: tuple[ExactNumber, ExactNumber] | None = Field(
        None, description="inclusive decimal range [low, high], sampled on a grid of `step`"
    )
    step: ExactNumber | None = Field(None, description="grid of a decimal range (default 0.1)")
    choice: list[ExactNumber] | None = Field(
        None, min_length=1, max_length=MAX_CHOICE_VALUES, description="values to pick from"
    )
    not_: list[ExactNumber] = Field(
        default_factory=list, alias="not", description="values never used, e.g. [0]"
    )

    @model_validator(mode="after")
    def _one_source(self) -> ParamSpec:
        given = [k for k in ("int", "decimal", "choice") if self._source(k) is not None]
        if len(given) != 1:
            raise ValueError("a parameter needs exactly one of `int`, `decimal` or `choice`")
        if self.step is not None and self.decimal is None:
            raise ValueError("`step` only goes with `decimal`")
        if self.step is not None and self.step <= 0:
            raise ValueError("`step` must be positive")
        if self.int_ is not None and self.int_[0] > self.int_[1]:
            raise ValueError(f"empty range: int [{self.int_[0]}, {self.int_[1]}]")
        if self.decimal is not None and self.decimal[0] > self.decimal[1]:
            raise ValueError(f"empty range: decimal [{self.decimal[0]}, {self.decimal[1]}]")
        return self

    def _source(self, key: str) -> object:
        return {"int": self.int_, "decimal": self.decimal, "choice": self.choice}[key]
