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
    st.Page(str(PAGES / "home.py"), title="Overview", icon="🏠", default=True, url_path="overview"),
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
