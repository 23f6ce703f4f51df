"""Gradient Practice: the Streamlit entry point (``streamlit run app.py``).

Every page runs through here: the page config, the navigation and, in local mode,
the sidebar learner picker are set up once; in class mode (``PRACTICE_MODE=class``)
the door of ``ui.identity`` comes first, so an anonymous visitor of any page sees
only a "Sign in" button. The chosen page then runs inside a guard that turns an
unexpected error into a message instead of a traceback.
"""

import streamlit as st

from practice import config
from ui import identity
from ui.guard import run_page
from ui.learner import sidebar_picker, use_learner
from ui.plain import navigation


def pages(specs: tuple[navigation.PageSpec, ...]) -> list[st.Page]:
    return [
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
        )
        for spec in specs
    ]


st.set_page_config(page_title="Gradient Practice", page_icon="∇", layout="wide")
try:
    in_class = config.class_mode()
except config.ConfigError as problem:
    st.error(str(problem), icon=":material/settings:")
    st.stop()
if in_class:
    identity.refuse_without_auth()
    person = identity.signed_in()
    if person is None:  # every address answers, with the sign-in button alone
        use_learner(None)
        st.navigation(pages(navigation.PAGES), position="hidden")
        identity.sign_in_screen()
        st.stop()
    record = identity.open_record(person)
    page = st.navigation(pages(navigation.class_pages(identity.teaches(record))))
    identity.sidebar_account(person)
    use_learner(record.learner)  # the only learner a signed-in person can be
else:
    page = st.navigation(pages(navigation.PAGES))
    sidebar_picker()
run_page(page)
