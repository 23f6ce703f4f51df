"""The bookkeeping of a problem in parts on screen: each part's hints, tries and verdict.

A problem in parts is one review card, so it is rated once, from all its parts together
(``practice.scheduling.rating_for_chain``), when every part has been answered at least
once: then the learner has worked the whole chain. Each part's answers are still
stored one by one, as attempts with their part number, so the dashboards see where in
a chain learners slip. Later tries (correcting part 1 after the chain is done) are
stored too, but do not rate the card again: FSRS sees one review per round, as for a
one-part problem answered once.

Pure like ``practice.session.rounds``: times are monotonic seconds from the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from practice.session.rounds import Round
from practice.vocabulary import Reveal


class PartStanding(StrEnum):
    """How one part of a chain went, best first (what the rating reads)."""

    FIRST_TRY = "first-try"  # right against the reference at its first try, no hint
    RIGHT = "right"  # right against the reference, after a hint or another try
    FOLLOWED = "followed"  # right only given the learner's own earlier answers
    SEEN = "seen"  # right only after its worked solution was read: seen, not recalled
    WRONG = "wrong"  # not right (yet)
    UNANSWERED = "unanswered"


@dataclass(frozen=True)
class PartProgress:
    """One part as the learner has worked it so far."""

    number: int  # from 1
    hints_shown: int = 0
    attempts: int = 0  # graded tries (unreadable answers are not tries)
    right: bool = False  # right against the reference at some try
    followed: bool = False  # right given the learner's own earlier answers at some try
    first_try: bool = False  # its first graded try was right against the reference
    hint_before_right: bool = False  # a hint was open when it was first right
    solution_seen: bool = False  # its worked solution was opened before it was finished
    seen_before_right: bool = False  # it was first finished with the solution read

    @property
    def finished(self) -> bool:
        """Nothing more to check: right, or right given the earlier answers."""
        return self.right or self.followed

    @property
    def standing(self) -> PartStanding:
        if self.seen_before_right:
            return PartStanding.SEEN
        if self.right and self.first_try and not self.hint_before_right:
            return PartStanding.FIRST_TRY
        if self.right:
            return PartStanding.RIGHT
        if self.followed:
            return PartStanding.FOLLOWED
        return PartStanding.WRONG if self.attempts else PartStanding.UNANSWERED


@dataclass(frozen=True)
class ChainRound:
    """A problem in parts on screen: the round (problem, seed, clock, token) and its parts."""

    round: Round
    parts: tuple[PartProgress, ...]
    reveal: Reveal = Reveal.ONE_BY_ONE
    rated: bool = False  # the card was reviewed: every part had been answered once

    def part(self, number: int) -> PartProgress:
        return self.parts[number - 1]

    @property
    def shown(self) -> int:
        """How many parts are on screen: all at once, or up to the first unanswered."""
        if self.reveal == Reveal.ALL_AT_ONCE:
            return len(self.parts)
        answered = 0
        for part in self.parts:
            if part.attempts == 0:
                break
            answered += 1
        return min(len(self.parts), answered + 1)

    @property
    def all_answered(self) -> bool:
        return all(part.attempts > 0 for part in self.parts)

    @property
    def finished(self) -> bool:
        return all(part.finished for part in self.parts)

    def standings(self) -> tuple[PartStanding, ...]:
        return tuple(part.standing for part in self.parts)


def new_chain(current: Round, parts: int, reveal: Reveal = Reveal.ONE_BY_ONE) -> ChainRound:
    """A chain of ``parts`` parts on the round ``current`` (its clock, seed and token)."""
    if parts < 1:
        raise ValueError("a problem in parts has at least one part")
    progress = tuple(PartProgress(number) for number in range(1, parts + 1))
    return ChainRound(current, progress, Reveal(reveal))


def with_part_hint(chain: ChainRound, number: int, available: int) -> ChainRound:
    """The chain after opening the next hint of part ``number`` (none past the last)."""
    part = chain.part(number)
    opened = replace(part, hints_shown=min(part.hints_shown + 1, max(available, 0)))
    return _with_part(chain, opened)


def with_part_solution_seen(chain: ChainRound, number: int) -> ChainRound:
    """The chain after the learner opened part ``number``'s worked solution: a right
    answer to that part after this is seen, not recalled (``PartStanding.SEEN``).
    Opening it once the part is finished changes nothing."""
    part = chain.part(number)
    if part.finished or part.solution_seen:
        return chain
    return _with_part(chain, replace(part, solution_seen=True))


@dataclass(frozen=True)
class PartVerdict:
    """What a graded try of one part said: right against the reference, or only given
    the learner's earlier answers (``follow_through``)."""

    number: int
    correct: bool
    follow_through: bool = False


def with_part_graded(chain: ChainRound, verdict: PartVerdict) -> ChainRound:
    """The chain after one graded try of a part."""
    part = chain.part(verdict.number)
    right_now = verdict.correct and not verdict.follow_through
    followed_now = verdict.correct and verdict.follow_through
    graded = replace(
        part,
        attempts=part.attempts + 1,
        right=part.right or right_now,
        followed=part.followed or followed_now,
        first_try=part.first_try or (part.attempts == 0 and right_now),
        hint_before_right=part.hint_before_right
        or (right_now and not part.right and part.hints_shown > 0),
        seen_before_right=part.seen_before_right
        or (verdict.correct and not part.finished and part.solution_seen),
    )
    return _with_part(chain, graded)


def with_parts_graded(chain: ChainRound, verdicts: Sequence[PartVerdict]) -> ChainRound:
    for verdict in verdicts:
        chain = with_part_graded(chain, verdict)
    return chain


def replayed(
    chain: ChainRound, tries: Sequence[tuple[int, bool, bool, int]], *, rated: bool
) -> ChainRound:
    """``chain`` after the stored ``tries`` (part, right, right only given the earlier
    answers, hints open then), oldest first: how a reloaded page finds the chain as the
    learner left it. ``rated``: the store holds the chain's review."""
    for number, correct, follow_through, hints in tries:
        part = chain.part(number)
        if hints > part.hints_shown:
            chain = _with_part(chain, replace(part, hints_shown=hints))
        chain = with_part_graded(chain, PartVerdict(number, correct, follow_through))
    return replace(chain, rated=rated)


def needs_rating(before: ChainRound, after: ChainRound) -> bool:
    """Whether the tries that turned ``before`` into ``after`` complete the chain for
    the first time: then (and only then) the card is reviewed."""
    return not before.rated and after.all_answered


def as_rated(chain: ChainRound) -> ChainRound:
    return replace(chain, rated=True)


def part_hints_used(chain: ChainRound, number: int) -> int:
    return chain.part(number).hints_shown


def _with_part(chain: ChainRound, part: PartProgress) -> ChainRound:
    parts = list(chain.parts)
    parts[part.number - 1] = part
    return replace(chain, parts=tuple(parts))
