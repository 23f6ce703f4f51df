"""The app's pages, in one list that ``app.py`` navigates and the tests open.

The page files live in ``app_pages/``, the folder Streamlit's documentation names for
``st.navigation`` apps: a folder called ``pages/`` beside ``app.py`` would also be
read as a legacy multipage folder, whose files Streamlit (and ``AppTest``, before every
run) would run alone, without ``app.py``'s sidebar and error guard.

Page files are named ``*_page.py`` so none matches a package: a page called
``practice.py`` would shadow the ``practice`` package when Streamlit runs it as a
script. Each URL path is a plain word (``/explore``) that people type and bookmark.
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


HOME = PageSpec(
    "app_pages/home_page.py", "Welcome", ":material/waving_hand:", "welcome", default=True
)
PRACTICE = PageSpec("app_pages/practice_page.py", "Practice", ":material/edit_note:", "practice")
REVIEW = PageSpec("app_pages/review_page.py", "Review", ":material/event_repeat:", "review")
PROGRESS = PageSpec("app_pages/progress_page.py", "Progress", ":material/insights:", "progress")
EXPLORE = PageSpec("app_pages/explore_page.py", "Explore", ":material/explore:", "explore")
INSTRUCTOR = PageSpec(
    "app_pages/instructor_page.py", "Instructor", ":material/school:", "instructor"
)

PAGES: tuple[PageSpec, ...] = (HOME, PRACTICE, REVIEW, PROGRESS, EXPLORE, INSTRUCTOR)


def class_pages(teaches: bool = False) -> tuple[PageSpec, ...]:
    """The pages a signed-in person may open in class mode: the Instructor page (bank
    previews with answers, class statistics) only for an instructor of a course."""
    return tuple(spec for spec in PAGES if teaches or spec is not INSTRUCTOR)


def page_by_name(name: str) -> PageSpec:
    """The page whose URL path or title is ``name`` (case-insensitive)."""
    wanted = name.strip().lower()
    for spec in PAGES:
        if wanted in (spec.url_path, spec.title.lower()):
            return spec
    known = ", ".join(spec.url_path for spec in PAGES)
    raise ValueError(f"no page called {name!r}; the pages are {known}")
