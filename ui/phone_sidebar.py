"""On a phone the sidebar lies over the page: close it once the learner has chosen.

Below Streamlit's narrow breakpoint the sidebar opens as an overlay and stays open
after a page link is followed or a learner is chosen, so the page the learner asked
for is hidden behind it. One small static script closes it after such a choice, by
pressing the sidebar's own collapse button (so Streamlit's state stays consistent):
a page link in the sidebar, an option picked from a list opened in the sidebar (the
learner picker; the list itself is drawn outside the sidebar, so the focused input
tells where it belongs) or the "New learner" form's button. Wide screens keep the
sidebar: it does not cover the page there.
"""

from __future__ import annotations

import streamlit as st

NARROW_PX = 768  # Streamlit's breakpoint: below it the sidebar overlays the page

SCRIPT = f"""<script>
if (!window.gradientPracticePhoneSidebar) {{
  window.gradientPracticePhoneSidebar = true;
  const sidebar = '[data-testid="stSidebar"]';
  const close = () => {{
    if (window.innerWidth >= {NARROW_PX}) return;
    const button = document.querySelector(
      sidebar + ' [data-testid="stSidebarCollapseButton"] button');
    if (button) button.click();
  }};
  document.addEventListener("click", (event) => {{
    const target = event.target instanceof Element ? event.target : null;
    if (!target || window.innerWidth >= {NARROW_PX}) return;
    const inSidebar = target.closest(sidebar);
    const pageLink = inSidebar && target.closest('[data-testid="stSidebarNavLink"]');
    const formButton = inSidebar && target.closest('[data-testid="stFormSubmitButton"]');
    const option = target.closest('[role="option"]');
    const pickedInSidebar = option && document.activeElement &&
      document.activeElement.closest && document.activeElement.closest(sidebar);
    if (pageLink || formButton || pickedInSidebar) setTimeout(close, 300);
  }}, true);
}}
</script>"""


def install() -> None:
    """Add the listener to the page; installing it again on a rerun is harmless."""
    st.html(SCRIPT, unsafe_allow_javascript=True)
