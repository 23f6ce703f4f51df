"""Class mode's variant names (``practice.seed_alias``): the server reads the seed back,
a name without the key says nothing about it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from practice.seed_alias import decode, encode

KEY = b"k" * 32


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_the_server_reads_every_seed_back(seed: int) -> None:
    alias = encode(seed, KEY)
    assert len(alias) == 16 and decode(alias, KEY) == seed and decode(alias.upper(), KEY) == seed


def test_an_alias_is_not_the_seed_and_depends_on_the_key() -> None:
    aliases = [encode(seed, KEY) for seed in range(200)]
    assert len(set(aliases)) == 200
    # neighbouring seeds have unrelated names: most hex digits differ
    differing = [
        sum(a != b for a, b in zip(x, y, strict=True))
        for x, y in zip(aliases, aliases[1:], strict=False)
    ]
    assert sum(differing) / len(differing) > 12
    assert sorted(aliases) != aliases
    assert encode(3, KEY) != encode(3, b"other key")
    assert decode(encode(3, KEY), b"other key") != 3


def test_what_is_not_an_alias_names_no_seed() -> None:
    for text in ("", "3", "zzzzzzzzzzzzzzzz", "0" * 17, "²" * 16):
        assert decode(text, KEY) is None
