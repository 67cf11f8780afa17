"""The dashboard's entry point: page configuration and the page router, nothing else.

Run with ``streamlit run dashboard/app.py`` (or ``make run``) from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ (not the repository) on sys.path.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

st.set_page_config(page_title="Framing dashboard", layout="wide")

PAGES = [
    st.Page("app_pages/compare.py", title="Compare", url_path="compare", default=True),
    st.Page("app_pages/read.py", title="Read side by side", url_path="read"),
    st.Page("app_pages/words.py", title="Words", url_path="words"),
    st.Page("app_pages/voices.py", title="Voices", url_path="voices"),
    st.Page("app_pages/reuse.py", title="Reuse", url_path="reuse"),
    st.Page("app_pages/lesson.py", title="Lesson", url_path="lesson"),
    st.Page("app_pages/add.py", title="Add articles", url_path="add"),
    st.Page("app_pages/stories.py", title="Stories", url_path="stories"),
    st.Page("app_pages/method.py", title="Method", url_path="method"),
]

st.navigation(PAGES).run()
