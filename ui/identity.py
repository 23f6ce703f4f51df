"""Class mode's door: who is signed in, and what an anonymous visitor sees.

In class mode (``PRACTICE_MODE=class``) nobody is chosen by name or by URL: the
learner is the person Streamlit's ``st.login`` signed in (``st.user``), identified by
the ID token's issuer and subject (``practice.people``). Until someone signs in, every
page shows a "Sign in" button and nothing else, and without an ``[auth]`` section in
``.streamlit/secrets.toml`` the app refuses to serve any page and says what to add.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import streamlit as st

from practice.people import Identity, identity_from_claims
from ui.resources import Unavailable, store

if TYPE_CHECKING:
    from db.courses import Person

log = logging.getLogger(__name__)

SIGN_IN = "Sign in"
SIGN_OUT = "Sign out"
SIGN_IN_KEY = "identity_sign_in"
_PERSON_KEY = "identity_person"
# The settings ``st.login`` needs, as Streamlit's documentation names them.
SHARED_SETTINGS = ("redirect_uri", "cookie_secret")
PROVIDER_SETTINGS = ("client_id", "client_secret", "server_metadata_url")
AUTH_EXAMPLE = """[auth]
redirect_uri = "https://class.example.org/oauth2callback"
cookie_secret = "a long random string"
client_id = "from your identity provider"
client_secret = "from your identity provider"
server_metadata_url = "https://provider.example.org/.well-known/openid-configuration\""""


def auth_section() -> Mapping[str, Any] | None:
    """The ``[auth]`` section of the secrets, or None when there is none (or no
    secrets file at all: Streamlit's own probe, which never raises)."""
    secrets = st.secrets
    if not secrets.load_if_toml_exists():
        return None
    section = secrets.get("auth")
    return section if isinstance(section, Mapping) and section else None


def provider_name(section: Mapping[str, Any]) -> str | None:
    """The provider ``st.login`` should use: None for settings directly under
    ``[auth]``, else the one ``[auth.NAME]`` table that holds a ``client_id``."""
    if "client_id" in section:
        return None
    named = [k for k, v in section.items() if isinstance(v, Mapping) and "client_id" in v]
    return named[0] if len(named) == 1 else None


def auth_problems(section: Mapping[str, Any] | None) -> list[str]:
    """What is missing from ``[auth]`` for ``st.login`` to work, one sentence each."""
    if section is None:
        return ["there is no [auth] section in .streamlit/secrets.toml"]
    missing = [f"[auth] has no {name}" for name in SHARED_SETTINGS if not section.get(name)]
    provider = provider_name(section)
    settings = section if provider is None else section[provider]
    table = "[auth]" if provider is None else f"[auth.{provider}]"
    missing += [f"{table} has no {name}" for name in PROVIDER_SETTINGS if not settings.get(name)]
    return missing


def refuse_without_auth() -> None:
    """Stop every run when class mode cannot sign anyone in, and say what to add."""
    problems = auth_problems(auth_section())
    if not problems:
        return
    log.error("class mode cannot start: %s", "; ".join(problems))
    st.error(
        "**Class mode needs sign-in, and sign-in is not configured**, so no page is "
        f"served: {'; '.join(problems)}. Add an `[auth]` section for your OpenID Connect "
        "provider to `.streamlit/secrets.toml` (see the README's *Class mode*), then "
        "restart the app; or unset `PRACTICE_MODE` to run in local mode.",
        icon=":material/lock:",
    )
    st.code(AUTH_EXAMPLE, language="toml")
    st.stop()


def signed_in() -> Identity | None:
    """The person signed in on this session, or None."""
    try:
        claims = st.user.to_dict()
    except Exception:  # no script context (a bare import): nobody
        return None
    return identity_from_claims(claims)


def open_record(who: Identity) -> Person:
    """The signed-in person's row (made on first sign-in), kept for this run's pages;
    when the store cannot be reached, say so and stop: a page without its person
    could only show the wrong one."""
    st.session_state[_PERSON_KEY] = None
    try:
        person = store().courses.person(who)
    except Unavailable as exc:
        st.error(str(exc), icon=":material/cloud_off:")
        st.stop()
    except Exception as exc:  # a store that went away after it opened
        log.exception("cannot read or store the signed-in person")
        st.error(
            f"Your record could not be opened just now ({type(exc).__name__}); reload the "
            "page in a moment.",
            icon=":material/cloud_off:",
        )
        st.stop()
    st.session_state[_PERSON_KEY] = person
    return person


def teaches(person: Person) -> bool:
    """Does ``person`` teach a course (and so get the Instructor page in the menu)?
    The page and its fragments check again for themselves (``ui.teaching``)."""
    try:
        return bool(store().courses.instructed(person.id))
    except Exception:  # the store went away: no page beats a page that fails
        log.exception("cannot read the courses a person teaches")
        return False


def current_person() -> Person | None:
    """The person signed in on this run (class mode), or None (local mode)."""
    person: Person | None = st.session_state.get(_PERSON_KEY)
    return person


def _sign_in() -> None:
    """Button callback: ``st.login`` redirects the browser to the provider."""
    section = auth_section() or {}
    provider = provider_name(section)
    if provider is None:
        st.login()
    else:
        st.login(provider)


NAMES_NOBODY = (
    "Your sign-in worked, but your account's token did not say who you are (it has no "
    "issuer or subject), so no record can be kept for you. Sign out and try again, or "
    "tell whoever runs this server."
)


def _token_names_nobody() -> bool:
    """Signed in by Streamlit, yet not a person we could recognise next time."""
    try:
        return st.user.to_dict().get("is_logged_in") is True
    except Exception:
        return False


def sign_in_screen() -> None:
    """All an anonymous visitor sees: the app's name, one sentence, the button. Someone
    signed in whose token names nobody is told so, with the way out instead."""
    st.title("∇ Gradient Practice")
    if _token_names_nobody():
        st.warning(NAMES_NOBODY, icon=":material/no_accounts:")
        st.button(SIGN_OUT, key="identity_sign_out", icon=":material/logout:", on_click=st.logout)
        return
    st.markdown("Sign in with your school account to practise and see your progress.")
    st.button(SIGN_IN, key=SIGN_IN_KEY, type="primary", icon=":material/login:", on_click=_sign_in)


def sidebar_account(person: Identity) -> None:
    """Who is signed in, and the way out, in the sidebar."""
    from ui.plain.text import escape_markdown

    with st.sidebar:
        label = person.name if not person.email else f"{person.name} ({person.email})"
        st.markdown(f"Signed in as **{escape_markdown(label)}**")
        st.button(SIGN_OUT, key="identity_sign_out", icon=":material/logout:", on_click=st.logout)
