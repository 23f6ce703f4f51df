"""Who a token names (``practice.people``) and which mode the app runs in."""

from __future__ import annotations

import pytest

from practice import config
from practice.people import Identity, identity_from_claims

BASE: dict[str, object] = {"is_logged_in": True, "iss": "https://id.example.org", "sub": "42"}


def test_a_person_is_issuer_and_subject_labelled_by_name_and_email() -> None:
    claims = {**BASE, "name": "  Ana \n Lopez ", "email": "ana@example.org"}
    assert identity_from_claims(claims) == Identity(
        "https://id.example.org", "42", "Ana Lopez", "ana@example.org"
    )


@pytest.mark.parametrize(
    "claims",
    [
        {**BASE, "is_logged_in": False},
        {"iss": "https://id.example.org", "sub": "42"},  # no is_logged_in: not signed in
        {**BASE, "sub": ""},
        {**BASE, "iss": None},
        {**BASE, "sub": 42},
        {**BASE, "sub": "x" * 256},
    ],
)
def test_a_token_without_a_usable_issuer_and_subject_names_nobody(
    claims: dict[str, object],
) -> None:
    assert identity_from_claims(claims) is None


def test_the_label_falls_back_to_the_email_then_student() -> None:
    named = identity_from_claims({**BASE, "email": "ben.k@example.org", "name": "\u202e"})
    assert named is not None and named.name == "ben.k"
    anonymous = identity_from_claims(BASE)
    assert anonymous is not None and anonymous.name == "Student" and anonymous.email is None


@pytest.mark.parametrize(("raw", "mode"), [("", "local"), (" Class ", "class"), ("local", "local")])
def test_practice_mode_reads_the_environment(
    raw: str, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRACTICE_MODE", raw)
    assert config.practice_mode() == mode


def test_an_unknown_mode_is_an_error_not_local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRACTICE_MODE", "open")
    with pytest.raises(config.ConfigError, match="'local'"):
        config.practice_mode()


def test_an_email_is_unverified_only_when_the_provider_says_so() -> None:
    for flag, verified in ((None, True), (True, True), (False, False), ("false", False)):
        claims = {**BASE, "email": "a@b.c"} | ({} if flag is None else {"email_verified": flag})
        found = identity_from_claims(claims)
        assert found is not None and found.email_verified is verified
