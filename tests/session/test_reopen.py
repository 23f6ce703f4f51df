"""The rule that decides which round the Practice page opens on after a reload, in a
new tab, after a restart or when switching learner."""

from __future__ import annotations

import pytest

from practice.session import Address, KeptRound, Reopen, reopen

KEPT = KeptRound("gd-step", 7, "00000000000000aa")


@pytest.mark.parametrize(
    ("kept", "address", "expected"),
    [
        # a reload of a plain /practice?learner=… comes back to the open round
        (KEPT, None, Reopen.STORED),
        (None, None, Reopen.PICK),
        # the address of the open round itself
        (KEPT, Address("gd-step", 7, KEPT.token), Reopen.STORED),
        # an older round's address (a stale tab, another learner's tab): the open one wins
        (KEPT, Address("gr-other", 3, "00000000000000bb"), Reopen.STORED),
        (KEPT, Address("gd-step", 7, "00000000000000bb"), Reopen.STORED),
        # a plain link asks for its variant now, unless it is the open one
        (KEPT, Address("gr-other", 3), Reopen.LINK),
        (KEPT, Address("gd-step", 7), Reopen.STORED),
        (KEPT, Address("gd-step", 8), Reopen.LINK),
        (None, Address("gr-other", 3), Reopen.LINK),
        # no open round: the address's round only if this learner stored in it
        (None, Address("gr-other", 3, "00000000000000bb"), Reopen.ADDRESSED),
    ],
)
def test_which_round_reopens(
    kept: KeptRound | None, address: Address | None, expected: Reopen
) -> None:
    assert reopen(kept, address) == expected
