"""Which round a page opens on: the learner's open round, the one its address names, or
a new pick.

A learner has at most one open round on the Practice page, kept in the store (typed
text, hints opened, solution seen, attempts so far), so a reload, a new tab or a
restarted server shows the same round. The page's address names a variant as well
(``?problem=ID&seed=N``, and ``&round=TOKEN`` once a round was drawn for it). The two
agree in the usual case; when they do not, these rules decide:

- An address with a round token names a round that was on screen once. If it is not
  the learner's open round, it is an older one (or another learner's, in a tab that
  switched learner): the open round is newer and wins.
- An address without a token is a link followed now (the Progress and Instructor
  pages make them, a bookmark keeps one): it asks for that variant, which then
  replaces the open round, unless it names the open round's variant, which is kept.
- Without an open round, a link starts its variant; an address with a token is
  continued only when the store holds attempts of this learner under that token (the
  tab of a server that went away before the open round was kept); otherwise the
  page picks anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Reopen(Enum):
    """What the page opens on."""

    STORED = "stored"  # the learner's open round, as the store kept it
    LINK = "link"  # a fresh round of the variant the address links to
    ADDRESSED = "addressed"  # the address's round, if this learner stored attempts in it
    PICK = "pick"  # nothing to reopen: pick a problem for the chosen topic


@dataclass(frozen=True)
class Address:
    """The variant (and round) named in the page's address."""

    problem_id: str
    seed: int
    token: str | None = None  # None: a plain link, not a round's address


@dataclass(frozen=True)
class KeptRound:
    """What the reopening rule needs of the learner's open round."""

    problem_id: str
    seed: int
    token: str


def reopen(kept: KeptRound | None, address: Address | None) -> Reopen:
    """The round to open on (rules in the module docstring)."""
    if address is None:
        return Reopen.PICK if kept is None else Reopen.STORED
    if address.token is not None:
        return Reopen.ADDRESSED if kept is None else Reopen.STORED
    if kept is not None and (kept.problem_id, kept.seed) == (address.problem_id, address.seed):
        return Reopen.STORED
    return Reopen.LINK
