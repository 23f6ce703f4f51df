""" "Recommended for me": the weakest topic first, and in it the next problem to meet.

A topic's strength combines two signals the store already keeps: mastery (how likely
the learner recalls what they met, and how lasting that memory is:
``practice.scheduling.mastery``) and accuracy (how often they were right). A topic
never practised has strength 0: nothing shows it is known.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from practice.vocabulary import Level


class ProblemLike(Protocol):
    """What picking needs of a problem (``practice.banks.Problem`` has it)."""

    @property
    def id(self) -> str: ...

    @property
    def topic(self) -> str: ...

    @property
    def level(self) -> str: ...


P = TypeVar("P", bound=ProblemLike)


@dataclass(frozen=True)
class TopicStanding:
    """How well one topic is known: attempts, right answers and FSRS mastery."""

    topic: str
    attempts: int = 0
    correct: int = 0
    mastery: float | None = None  # mean retrievability; None when never met

    @property
    def strength(self) -> float:
        """0 (unknown or weak) .. 1 (known). Accuracy is smoothed (Laplace, +1/+2)
        so one lucky answer does not make a topic look mastered."""
        if self.attempts == 0:
            return 0.0
        accuracy = (self.correct + 1) / (self.attempts + 2)
        return accuracy * (1.0 if self.mastery is None else self.mastery)


def topic_standings(
    topics: Sequence[str],
    mastery: Mapping[str, float],
    answers: Iterable[tuple[str, bool]],
) -> list[TopicStanding]:
    """One standing per topic of ``topics`` (in that order) from the learner's
    ``mastery`` per topic and their answers as (topic, correct) pairs."""
    counts: dict[str, list[int]] = {topic: [0, 0] for topic in topics}
    for topic, correct in answers:
        if topic in counts:
            counts[topic][0] += 1
            counts[topic][1] += int(correct)
    return [
        TopicStanding(topic, counts[topic][0], counts[topic][1], mastery.get(topic))
        for topic in topics
    ]


def weakest_first(standings: Sequence[TopicStanding]) -> list[str]:
    """Topics from the weakest to the strongest; ties keep the given (catalog) order."""
    order = sorted(range(len(standings)), key=lambda i: (standings[i].strength, i))
    return [standings[i].topic for i in order]


def pick_problem(
    problems: Sequence[P],
    *,
    topics: Sequence[str],
    levels: Collection[str] = tuple(Level),
    met: Collection[str] = (),
    avoid: str | None = None,
    rng: random.Random | None = None,
) -> P | None:
    """The next problem: from the first topic of ``topics`` that has one at ``levels``,
    a problem not yet ``met`` at the lowest level, else any at random; never ``avoid``
    (the one just answered) unless it is the only one. None when nothing matches."""
    draw = rng or random.Random()
    wanted = {level.upper() for level in levels}
    for topic in topics:
        candidates = [p for p in problems if p.topic == topic and p.level.upper() in wanted]
        fresh = [p for p in candidates if p.id != avoid] or candidates
        if not fresh:
            continue
        unmet = [p for p in fresh if p.id not in met]
        if unmet:
            lowest = min(p.level for p in unmet)
            return draw.choice([p for p in unmet if p.level == lowest])
        return draw.choice(fresh)
    return None
