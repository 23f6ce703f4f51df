""" "Watch the steps": the descent path drawn step by step, by Streamlit, not by plotly.

plotly's own animation (frames and a play button) erases contour traces the moment it
starts (plotly.js #4491), and the gradient arrows with them, for good. So the page
redraws the whole figure with one more stretch of the path each time: the explorer
fragment runs every ``FRAME_SECONDS`` while a playback is on, and each run draws the
next frame. A playback belongs to one run of descent (surface, start, rate, momentum,
steps, tolerance): moving any control stops it and shows the whole new path.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import NoReturn

import streamlit as st

from ui.plain.explore_plots import frame_steps

PLAY_KEY = "_ex_playback"
FRAME_SECONDS = 0.25
MAX_PLAY_FRAMES = 30  # about eight seconds


def tick() -> float | None:
    """How often the explorer fragment should run: every frame while playing, else never."""
    return FRAME_SECONDS if PLAY_KEY in st.session_state else None


def _frames(steps_taken: int) -> list[int]:
    frames = frame_steps(steps_taken)
    if len(frames) <= MAX_PLAY_FRAMES:
        return frames
    every = len(frames) / MAX_PLAY_FRAMES
    return sorted({frames[int(i * every)] for i in range(MAX_PLAY_FRAMES)} | {frames[-1]})


def _stop() -> NoReturn:
    st.session_state.pop(PLAY_KEY, None)
    st.rerun(scope="app")  # the fragment is set up again without its timer


def controls(run: Hashable, steps_taken: int) -> int | None:
    """The play / stop button; returns how many steps of the path to draw (None: all)."""
    playing = st.session_state.get(PLAY_KEY)
    if playing is not None and playing["run"] != run:
        _stop()  # a control moved: the playback was of another path
    label = "■ Stop" if playing else "▶ Watch the steps"
    if st.button(label, key="ex_play", disabled=steps_taken < 1 and not playing):
        if playing:
            _stop()
        st.session_state[PLAY_KEY] = {"run": run, "frame": 0}
        st.rerun(scope="app")  # the fragment is set up again with its timer
    if playing is None:
        return None
    frames = _frames(steps_taken)
    if playing["frame"] >= len(frames):
        _stop()
    shown = frames[playing["frame"]]
    playing["frame"] += 1
    st.caption(f"Step {shown} of {steps_taken}")
    return shown
