"""The keyboard around an answer: Enter checks it, a new problem takes the focus, and a
paste too long for the box says so.

Streamlit 1.67 gives a text box no Enter event of its own: outside a form, Enter only
commits the text, and a button's ``shortcut`` does not fire while a text box has the
focus, unless it carries a modifier (so Ctrl+Enter works, plain Enter does not). A
form would submit on Enter, but form widgets cannot read the answer as it is typed.
A focused radio option swallows both (react-aria handles Enter on it and stops the
event). So one small static script presses the same desk's check button on Enter in
an answer box, after Streamlit's own handler has committed the text, and on Enter or
Ctrl+Enter on a choice (caught before react-aria, which would choose the focused option).

The same script gives a new problem the focus: when an answer box with a new key
appears (a new problem or variant), its input is focused, so the learner types at once
instead of tabbing past the sidebar and the controls (on a touch screen it does not,
which would pop up the keyboard over the problem). And a box with a length limit drops
a longer paste without a word (Streamlit ignores an edit past ``max_chars``), so the
script says how long the paste was and how long an answer may be, below the box.

The script is a constant: no learner text is ever interpolated into it. It finds the
button through the keys Streamlit turns into CSS classes (``st-key-<key>``): an answer
box is keyed ``<desk>_answer_<problem>_<seed>`` and its button ``<desk>_check``.
"""

from __future__ import annotations

import streamlit as st

ANSWER_KEY_MARK = "_answer_"
CHECK_KEY_SUFFIX = "_check"
PASTE_NOTE_CLASS = "gp-paste-note"

SCRIPT = f"""<script>
if (!window.gradientPracticeEnterToCheck) {{
  window.gradientPracticeEnterToCheck = true;
  const answerBox = (element) => {{
    const box = element && element.closest && element.closest('[class*="{ANSWER_KEY_MARK}"]');
    const keyClass = box && [...box.classList].find(
      (name) => name.startsWith("st-key-") && name.includes("{ANSWER_KEY_MARK}"));
    return keyClass ? {{box, key: keyClass.slice("st-key-".length)}} : null;
  }};
  const onEnter = (event, capture) => {{
    if (event.key !== "Enter" || event.isComposing || event.altKey || event.shiftKey) return;
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.getAttribute("role") === "combobox") return;  // Enter picks a listed option
    const choice = input.type === "radio";
    // Choices in the capture phase, before react-aria sees (and swallows) the key; text
    // boxes in the bubble phase, after Streamlit's handler has queued the text's commit,
    // so the click goes to the server in a batch of its own.
    if (choice !== capture) return;
    // A text box's Ctrl+Enter is the button's own shortcut: pressing it here too would
    // check twice.
    if (!choice && (event.ctrlKey || event.metaKey)) return;
    const found = answerBox(input);
    if (!found) return;
    const desk = found.key.split("{ANSWER_KEY_MARK}")[0];
    const button = document.querySelector(".st-key-" + desk + "{CHECK_KEY_SUFFIX} button");
    if (choice) {{
      // Enter never chooses the focused option (react-aria would): with none chosen,
      // the check says so.
      event.preventDefault();
      event.stopPropagation();
    }}
    // After this event, so the box has committed what was typed.
    if (button && !button.disabled) setTimeout(() => button.click(), 0);
  }};
  document.addEventListener("keydown", (event) => onEnter(event, true), true);
  document.addEventListener("keydown", (event) => onEnter(event, false));
  document.addEventListener("paste", (event) => {{
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !answerBox(input)) return;
    const note = answerBox(input).box.parentElement.querySelector(".{PASTE_NOTE_CLASS}");
    if (!note) return;
    // Streamlit enforces max_chars in its own code, not with the maxlength attribute.
    const limit = Number(note.dataset.limit) || input.maxLength;
    const pasted = (event.clipboardData && event.clipboardData.getData("text")) || "";
    const kept = input.value.length - (input.selectionEnd - input.selectionStart);
    if (limit > 0 && kept + pasted.length > limit) {{
      event.preventDefault();
      note.textContent = "That paste is " + pasted.length.toLocaleString("en") +
        " characters long; an answer may be at most " + limit +
        ". Nothing was pasted: paste or type a shorter answer.";
    }} else {{
      note.textContent = "";
    }}
  }}, true);
  const touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  let lastKey = null;
  const focusNewAnswer = () => {{
    const box = document.querySelector('[class*="st-key-"][class*="{ANSWER_KEY_MARK}"]');
    const found = answerBox(box);
    if (!found || found.key === lastKey) return;
    const input = found.box.querySelector('input[type="text"], textarea, input[type="radio"]');
    if (!input) return;
    lastKey = found.key;
    if (!touch) input.focus({{preventScroll: true}});
  }};
  let queued = false;
  new MutationObserver(() => {{
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {{ queued = false; focusNewAnswer(); }});
  }}).observe(document.body, {{childList: true, subtree: true}});
  focusNewAnswer();
}}
</script>"""


def install() -> None:
    """Add the listeners to the page; installing them again on a rerun is harmless."""
    st.html(SCRIPT, unsafe_allow_javascript=True)


def paste_note(limit: int) -> None:
    """Right below a text box (in the same container): where a refused paste is
    explained. ``limit`` is the box's ``max_chars`` (a number of ours, never learner text)."""
    st.html(
        f'<p class="{PASTE_NOTE_CLASS}" data-limit="{int(limit)}" role="status" '
        'aria-live="polite" style="color: #b0413e; font-size: 0.875rem; margin: 0"></p>'
    )
