"""A whole bank file as one model, for ``python -m practice schema``.

The loader validates the header and each problem on its own (one broken problem never
hides the others, ``practice.banks.loader``); this model only publishes the format as a
JSON Schema so editors can autocomplete and check bank files.
"""

from __future__ import annotations

from pydantic import Field

from practice.banks.parts_schema import MultiPartSpec
from practice.banks.schema import BankHeader, ProblemSpec


class BankFile(BankHeader):
    """A whole bank file: its topic's metadata and its problems, in one part or several."""

    problems: list[ProblemSpec | MultiPartSpec] = Field(min_length=1)
