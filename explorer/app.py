"""Liaison explorer: the entry script builds navigation and the shared sidebar only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run explorer/app.py` puts explorer/ on sys.path, not the project.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

st.set_page_config(page_title="Liaison", page_icon="🕸️", layout="wide")

PAGES = Path(__file__).parent / "pages"
pages = [
    st.Page(str(PAGES / "home.py"), title="Overview", icon=":material/home:", default=True, url_path="overview"),
    st.Page(str(PAGES / "explore.py"), title="Explore", icon=":material/travel_explore:", url_path="explore"),
    st.Page(str(PAGES / "timeline.py"), title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page(str(PAGES / "documents.py"), title="Documents", icon=":material/article:", url_path="documents"),
    st.Page(str(PAGES / "catalogue.py"), title="Saved queries", icon=":material/bookmarks:", url_path="catalogue"),
    st.Page(str(PAGES / "console.py"), title="Console", icon=":material/terminal:", url_path="console"),
    st.Page(str(PAGES / "add_article.py"), title="Add an article", icon=":material/post_add:", url_path="add"),
    st.Page(str(PAGES / "review.py"), title="Review duplicates", icon=":material/rule:", url_path="review"),
]
nav = st.navigation(pages)

with st.sidebar:
    from liaison.settings import Settings
    from liaison.errors import LiaisonError

    try:
        st.caption(f"Graph: {Settings.from_env().describe()}")
    except LiaisonError as exc:
        st.caption(str(exc))

nav.run()
