"""Helpers for the class-mode AppTests: a dummy ``[auth]`` section, people as
``st.user`` would carry them, and a walk over every element a page drew."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import APP, APP_TIMEOUT

# Never used to reach a provider: AppTest runs never call st.login.
DUMMY_AUTH: dict[str, Any] = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-secret-only-a-test",
        "client_id": "gradient-practice",
        "client_secret": "not-a-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}
ISSUER = "https://id.example.org"


def person(subject: str, name: str, email: str | None = None) -> dict[str, Any]:
    """The ``st.user`` of someone signed in at the test issuer."""
    return {
        "is_logged_in": True,
        "iss": ISSUER,
        "sub": subject,
        "name": name,
        "email": email or f"{subject}@example.org",
    }


def class_app(user: dict[str, Any] | None = None, page_path: str | None = None) -> AppTest:
    """``app.py`` in class mode (PRACTICE_MODE must be set by the caller), run as
    ``user`` (default: anonymous), on the page whose file is ``page_path``."""
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.secrets = dict(DUMMY_AUTH)
    at.user = dict(user or {"is_logged_in": False})
    at.run()
    if page_path is not None:
        at.switch_page(page_path).run()
    return at


def elements(at: AppTest) -> Iterator[Any]:
    """Every element (not block) drawn, in the main area and the sidebar."""
    stack: list[Any] = [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children:
            stack.extend(children.values())
        elif node.type not in ("main", "sidebar", "vertical", "horizontal"):
            yield node


def visible_text(at: AppTest) -> str:
    """All text an element carries (values, labels, bodies), for privacy checks."""
    parts: list[str] = []
    for element in elements(at):
        for attribute in ("value", "label", "body", "options", "help", "caption"):
            try:
                found = getattr(element, attribute)
            except Exception:  # an element without that attribute, or an unset value
                continue
            if found is not None:
                parts.append(str(found))
        proto = getattr(element, "proto", None)
        if proto is not None:
            parts.append(str(proto))
    return "\n".join(parts)
