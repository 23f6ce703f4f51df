"""Plain Enter in an answer box checks the answer, as on every quiz site.

Streamlit 1.67 gives a text box no Enter event of its own: outside a form, Enter only
commits the text, and a button's ``shortcut`` does not fire while a text box has the
focus, unless it carries a modifier (so Ctrl+Enter works, plain Enter does not). A
form would submit on Enter, but form widgets cannot read the answer as it is typed.
So one small static script listens for Enter in an answer box and presses the same
desk's check button, after Streamlit's own handler has committed the text.

The script is a constant: no learner text is ever interpolated into it. It finds the
button through the keys Streamlit turns into CSS classes (``st-key-<key>``): an answer
box is keyed ``<desk>_answer_<problem>_<seed>`` and its button ``<desk>_check``.
"""

from __future__ import annotations

import streamlit as st

ANSWER_KEY_MARK = "_answer_"
CHECK_KEY_SUFFIX = "_check"

SCRIPT = f"""<script>
if (!window.gradientPracticeEnterToCheck) {{
  window.gradientPracticeEnterToCheck = true;
  document.addEventListener("keydown", (event) => {{
    const modified = event.ctrlKey || event.metaKey || event.altKey || event.shiftKey;
    if (event.key !== "Enter" || event.isComposing || modified) return;
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const box = input.closest('[class*="{ANSWER_KEY_MARK}"]');
    const keyClass = box && [...box.classList].find(
      (name) => name.startsWith("st-key-") && name.includes("{ANSWER_KEY_MARK}"));
    if (!keyClass) return;
    const desk = keyClass.slice("st-key-".length).split("{ANSWER_KEY_MARK}")[0];
    const button = document.querySelector(".st-key-" + desk + "{CHECK_KEY_SUFFIX} button");
    // After this event, so the text box has committed what was typed.
    if (button && !button.disabled) setTimeout(() => button.click(), 0);
  }});
}}
</script>"""


def install() -> None:
    """Add the listener to the page; installing it again on a rerun is harmless."""
    st.html(SCRIPT, unsafe_allow_javascript=True)
