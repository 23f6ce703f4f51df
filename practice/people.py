"""Who is signed in, in class mode: the pure rules, with no Streamlit and no store.

A person is the pair (issuer, subject) of their OpenID Connect ID token: the ``iss``
and ``sub`` claims, which the provider promises never to reuse or reassign. Name and
email come from the token too but only label the person; two people may share a
name, and an email may change hands, so neither identifies anyone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

ISSUER_MAX = 300
SUBJECT_MAX = 255  # the OIDC Core limit on ``sub``
PERSON_NAME_MAX = 60
EMAIL_MAX = 254


class Role(StrEnum):
    """A person's role in one course."""

    STUDENT = "student"
    INSTRUCTOR = "instructor"


@dataclass(frozen=True)
class Identity:
    """A signed-in person as the ID token describes them."""

    issuer: str
    subject: str
    name: str
    email: str | None
    # False only when the provider says so (``email_verified: false``): such an email
    # labels the person but never makes them an instructor by invitation.
    email_verified: bool = True


def _clean(value: object, limit: int) -> str:
    """``value`` as one line of at most ``limit`` visible characters ("" if unusable)."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co"})
    return text[:limit]


def identity_from_claims(claims: Mapping[str, object]) -> Identity | None:
    """The person in ``claims`` (``st.user``), or None when the token names nobody.

    A token without ``iss`` or ``sub`` (or with values too long to be real) names no
    one we could recognise next time, so it signs nobody in. The name falls back to
    the email's local part, then to "Student", so a page always has a label.
    """
    if claims.get("is_logged_in") is not True:
        return None
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not isinstance(issuer, str) or not isinstance(subject, str):
        return None
    if not issuer.strip() or not subject.strip():
        return None
    if len(issuer) > ISSUER_MAX or len(subject) > SUBJECT_MAX:
        return None
    email = _clean(claims.get("email"), EMAIL_MAX) or None
    name = _clean(claims.get("name"), PERSON_NAME_MAX)
    if not name:
        name = _clean(claims.get("preferred_username"), PERSON_NAME_MAX)
    if not name and email:
        name = email.split("@", 1)[0][:PERSON_NAME_MAX]
    verified = claims.get("email_verified")
    unverified = verified is False or (isinstance(verified, str) and verified.lower() == "false")
    return Identity(
        issuer=issuer,
        subject=subject,
        name=name or "Student",
        email=email,
        email_verified=not unverified,
    )


def normalise_email(raw: str) -> str:
    """An email as the store compares it: trimmed and case-folded."""
    return raw.strip().casefold()
