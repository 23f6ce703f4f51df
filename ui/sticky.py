"""Widgets that keep their value while hidden.

Streamlit forgets a widget's state when a run does not draw it, so switching the
explorer to another surface and back would reset the first surface's sliders.
``sticky`` keeps each value in a plain Session State dict and creates the widget
with it. Passing it as ``value=`` is safe because keyed widgets take their key as
their identity (streamlit >= 1.4x): the value is only the starting point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")
_SAVED = "_sticky_widget_values"


def sticky(widget: Callable[..., T], *args: Any, key: str, default: Any, **kwargs: Any) -> T:
    """Draw ``widget(*args, value=..., key=key, **kwargs)`` starting from its last value."""
    saved: dict[str, Any] = st.session_state.setdefault(_SAVED, {})
    result = widget(*args, value=saved.get(key, default), key=key, **kwargs)
    saved[key] = result
    return result


def set_sticky(key: str, value: Any) -> None:
    """Give widget ``key`` a new value; call before the widget is drawn in this run."""
    st.session_state.setdefault(_SAVED, {})[key] = value
    st.session_state[key] = value


def sticky_choice(
    widget: Callable[..., T],
    label: str,
    options: list[Any],
    *,
    key: str,
    default: Any,
    **kwargs: Any,
) -> T:
    """``sticky`` for the widgets that start from ``index=`` (select boxes, radios):
    a saved value that is no longer an option falls back to ``default``."""
    saved: dict[str, Any] = st.session_state.setdefault(_SAVED, {})
    value = saved.get(key, default)
    index = options.index(value if value in options else default)
    result = widget(label, options, index=index, key=key, **kwargs)
    saved[key] = result
    return result
