"""A problem in parts on screen: which parts show, how each stands, and the one rating
the whole chain earns (the rule is in ``practice.scheduling.rating_for_chain``)."""

from __future__ import annotations

from fsrs import Rating

from practice.scheduling import rating_for_chain
from practice.session import new_round
from practice.session.chain import (
    ChainRound,
    PartStanding,
    PartVerdict,
    needs_rating,
    new_chain,
    replayed,
    with_part_graded,
    with_part_hint,
    with_part_solution_seen,
    with_parts_graded,
)
from practice.vocabulary import Reveal


def chain(parts: int = 3, reveal: Reveal = Reveal.ONE_BY_ONE) -> ChainRound:
    return new_chain(new_round("chain-1", 5, now=100.0), parts, reveal)


def test_one_by_one_reveals_the_next_part_once_one_is_answered_right_or_wrong() -> None:
    start = chain()
    assert start.shown == 1
    after_wrong = with_part_graded(start, PartVerdict(1, correct=False))
    assert after_wrong.shown == 2 and not after_wrong.part(1).finished
    after_two = with_part_graded(after_wrong, PartVerdict(2, correct=True, follow_through=True))
    assert after_two.shown == 3 and after_two.part(2).finished
    assert chain(reveal=Reveal.ALL_AT_ONCE).shown == 3


def test_all_first_try_rates_good_or_easy_by_time() -> None:
    done = with_parts_graded(chain(), [PartVerdict(n, correct=True) for n in (1, 2, 3)])
    standings = done.standings()
    assert standings == (PartStanding.FIRST_TRY,) * 3
    assert rating_for_chain(standings, "B", seconds=200.0) == Rating.Good
    assert rating_for_chain(standings, "B", seconds=30.0) == Rating.Easy
    assert rating_for_chain(standings, "B", seconds=None) == Rating.Good


def test_a_hint_or_a_second_try_rates_hard() -> None:
    hinted = with_part_hint(chain(), 2, available=2)
    hinted = with_parts_graded(hinted, [PartVerdict(n, correct=True) for n in (1, 2, 3)])
    assert hinted.standings()[1] == PartStanding.RIGHT
    assert rating_for_chain(hinted.standings(), "B", 10.0) == Rating.Hard
    retried = with_parts_graded(
        chain(),
        [PartVerdict(1, False), PartVerdict(1, True), PartVerdict(2, True), PartVerdict(3, True)],
    )
    assert retried.standings() == (
        PartStanding.RIGHT,
        PartStanding.FIRST_TRY,
        *[PartStanding.FIRST_TRY],
    )
    assert rating_for_chain(retried.standings(), "B", 10.0) == Rating.Hard


def test_follow_through_rates_hard_once_the_slip_is_put_right() -> None:
    slipped = with_parts_graded(
        chain(),
        [PartVerdict(1, False), PartVerdict(2, True, follow_through=True), PartVerdict(3, True)],
    )
    assert slipped.standings() == (
        PartStanding.WRONG,
        PartStanding.FOLLOWED,
        PartStanding.FIRST_TRY,
    )
    assert rating_for_chain(slipped.standings(), "B", 10.0) == Rating.Again
    mended = with_part_graded(slipped, PartVerdict(1, True))
    assert rating_for_chain(mended.standings(), "B", 10.0) == Rating.Hard


def test_an_unanswered_part_rates_again() -> None:
    partway = with_part_graded(chain(), PartVerdict(1, True))
    assert rating_for_chain(partway.standings(), "A", 5.0) == Rating.Again
    assert rating_for_chain((), "A", 5.0) == Rating.Again


def test_the_card_is_rated_once_when_every_part_has_been_answered() -> None:
    first = chain()
    one = with_part_graded(first, PartVerdict(1, True))
    assert not needs_rating(first, one)
    two = with_part_graded(one, PartVerdict(2, False))
    three = with_part_graded(two, PartVerdict(3, False))
    assert needs_rating(two, three)
    rated = ChainRound(three.round, three.parts, three.reveal, rated=True)
    assert not needs_rating(rated, with_part_graded(rated, PartVerdict(2, True)))


def test_a_hint_opened_after_the_part_was_right_does_not_count_against_it() -> None:
    right = with_part_graded(chain(), PartVerdict(1, True))
    later = with_part_hint(right, 1, available=2)
    assert later.part(1).standing == PartStanding.FIRST_TRY
    assert with_part_hint(later, 1, available=2).part(1).hints_shown == 2
    assert (
        with_part_hint(with_part_hint(later, 1, available=2), 1, available=2).part(1).hints_shown
        == 2
    )


def test_a_replayed_chain_is_the_chain_the_learner_left() -> None:
    lived = with_part_hint(chain(), 1, available=1)
    lived = with_parts_graded(
        lived, [PartVerdict(1, False), PartVerdict(2, True, follow_through=True)]
    )
    tries = [(1, False, False, 1), (2, True, True, 0)]
    again = replayed(chain(), tries, rated=False)
    assert again.parts == lived.parts and again.shown == 3 and not again.rated
    assert replayed(chain(), [], rated=True).rated


def test_a_part_right_after_its_solution_was_read_is_seen_and_rates_again() -> None:
    wrong = with_part_graded(chain(), PartVerdict(1, False))
    read = with_part_solution_seen(wrong, 1)
    done = with_parts_graded(read, [PartVerdict(n, True) for n in (1, 2, 3)])
    assert done.part(1).standing == PartStanding.SEEN
    assert rating_for_chain(done.standings(), "B", 10.0) == Rating.Again
    finished = with_part_graded(chain(), PartVerdict(1, True))
    assert with_part_solution_seen(finished, 1) == finished  # read after: no matter
