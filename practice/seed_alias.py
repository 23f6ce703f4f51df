"""Variant names that do not give the seed away (class mode).

A problem's id and seed name its exact variant, and ``python -m practice preview ID
--seed N`` prints that variant's answer to anyone with the banks, which a class's
students may well have. So in class mode the seed a student sees (in the caption and
the page's address) is its image under a keyed permutation of 64-bit numbers: a
four-round Feistel network whose round function is HMAC-SHA256 with the server's key.
The server reads the seed back; without the key, the name says nothing about the seed.
"""

from __future__ import annotations

import hashlib
import hmac

ROUNDS = 4
_HALF = 0xFFFF_FFFF
ALIAS_LENGTH = 16  # hex digits of a 64-bit number


def _round(key: bytes, number: int, half: int) -> int:
    mac = hmac.new(key, f"{number}:{half}".encode(), hashlib.sha256).digest()
    return int.from_bytes(mac[:4], "big")


def encode(seed: int, key: bytes) -> str:
    """The alias of ``seed`` (0 ≤ seed < 2⁶⁴) under ``key``: 16 lower-case hex digits."""
    left, right = (seed >> 32) & _HALF, seed & _HALF
    for number in range(ROUNDS):
        left, right = right, left ^ _round(key, number, right)
    return f"{(left << 32) | right:0{ALIAS_LENGTH}x}"


def decode(alias: str, key: bytes) -> int | None:
    """The seed whose alias is ``alias`` under ``key``; None when it is not one."""
    text = alias.strip().lower()
    if len(text) != ALIAS_LENGTH or any(ch not in "0123456789abcdef" for ch in text):
        return None
    value = int(text, 16)
    left, right = value >> 32, value & _HALF
    for number in reversed(range(ROUNDS)):
        left, right = right ^ _round(key, number, left), left
    return (left << 32) | right
