"""The seed as a student sees it: itself in local mode, an alias in class mode
(``practice.seed_alias``), keyed by the ``[auth]`` cookie secret so every replica of
one class server reads the same addresses."""

from __future__ import annotations

import hashlib

from practice import config, seed_alias
from practice.limits import LIMITS


def _key() -> bytes | None:
    """The alias key in class mode, derived from the cookie secret; None in local mode."""
    if not config.class_mode():
        return None
    from ui.identity import auth_section

    secret = str((auth_section() or {}).get("cookie_secret", ""))
    return hashlib.sha256(b"gradient-practice variant names\n" + secret.encode()).digest()


def shown(seed: int) -> str:
    """What the caption, the address and widget keys carry for ``seed``."""
    key = _key()
    return str(seed) if key is None else seed_alias.encode(seed, key)


def read(raw: str) -> int | None:
    """The seed an address's ``seed=`` names (a number in local mode, an alias in class
    mode), or None when it names none the Practice page opens."""
    key = _key()
    if key is None:
        # ASCII digits only ("²".isdigit() is true but int() refuses it), and short
        # enough that int() is cheap.
        plain = raw.isascii() and raw.isdigit() and len(raw) <= len(str(LIMITS.seeds.practice))
        seed = int(raw) if plain else None
    else:
        seed = seed_alias.decode(raw, key)
    return seed if seed is not None and seed <= LIMITS.seeds.practice else None
