"""The app's pages, in one list that ``app.py`` navigates and the tests open.

Page files are named ``*_page.py`` so none matches a package: a page called
``pages/practice.py`` would shadow the ``practice`` package when Streamlit runs it
as a script.

Each URL path also differs from its file's name, on purpose. Until ``st.navigation``
has run once in a server process, Streamlit still treats ``pages/`` as a legacy page
folder whose pages are named after their files. If the very first request after a
start is a deep link such as ``/explore_page``, that legacy page would match and run
alone, without ``app.py`` (no sidebar, no guard); ``/explore`` matches nothing there,
so Streamlit falls back to ``app.py``, whose navigation then opens Explore.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: its file (relative to the project root), title, icon and URL path."""

    path: str
    title: str
    icon: str
    url_path: str
    default: bool = False


HOME = PageSpec("pages/home_page.py", "Welcome", ":material/waving_hand:", "welcome", default=True)
PRACTICE = PageSpec("pages/practice_page.py", "Practice", ":material/edit_note:", "practice")
REVIEW = PageSpec("pages/review_page.py", "Review", ":material/event_repeat:", "review")
PROGRESS = PageSpec("pages/progress_page.py", "Progress", ":material/insights:", "progress")
EXPLORE = PageSpec("pages/explore_page.py", "Explore", ":material/explore:", "explore")
INSTRUCTOR = PageSpec("pages/instructor_page.py", "Instructor", ":material/school:", "instructor")

PAGES: tuple[PageSpec, ...] = (HOME, PRACTICE, REVIEW, PROGRESS, EXPLORE, INSTRUCTOR)


def page_by_name(name: str) -> PageSpec:
    """The page whose URL path or title is ``name`` (case-insensitive)."""
    wanted = name.strip().lower()
    for spec in PAGES:
        if wanted in (spec.url_path, spec.title.lower()):
            return spec
    known = ", ".join(spec.url_path for spec in PAGES)
    raise ValueError(f"no page called {name!r}; the pages are {known}")
