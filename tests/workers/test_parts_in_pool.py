"""Problems in parts are graded in the worker pool, as every learner answer is: the
pool says what ``grade_parts`` says in this process, and a bad request is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from practice.banks import load_catalog
from practice.grading import BadRequest
from practice.variants import make_variant
from practice.variants.follow_through import PartsGrade, grade_parts
from practice.workers import Grading, open_grading
from tests.banks.bank_helpers import bank_text
from tests.variants.chain_bank import CARRIED, CHAIN, LOSS, RIGHT


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("chains")
    (folder / "chains.yaml").write_text(bank_text(CHAIN + LOSS), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def grading(banks: Path) -> Iterator[Grading]:
    service = open_grading(1, banks=[banks])
    yield service
    service.pool.close()


def test_the_pool_grades_parts_as_this_process_does(banks: Path, grading: Grading) -> None:
    variant = make_variant(load_catalog([banks]).problems["chain-two-steps"], 4)
    for answers in (RIGHT, CARRIED, CARRIED[:3], ["4x +", *CARRIED[1:]]):
        found = grading.grade_parts("chain-two-steps", 4, answers)
        assert isinstance(found, PartsGrade)
        assert found == grade_parts(variant, answers)


def test_a_request_that_is_wrong_is_refused(grading: Grading) -> None:
    with pytest.raises(BadRequest, match="7 answers for 3 parts"):
        grading.grade_parts("chain-loss", 0, ["1"] * 7)
