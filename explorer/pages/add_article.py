"""Paste or upload an article: see what extraction finds, correct or drop what is wrong, add the rest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data
from liaison.errors import LiaisonError
from explorer.editing import correct, highlight, prune


def render() -> None:
    st.title("Add an article")
    st.caption("Paste an article (optionally with a `url:` / `language:` / `published:` / `title:` header and a "
               "blank line) or upload a .txt file. Nothing is written until you press “Add to the graph”.")
    ss = st.session_state
    up = st.file_uploader("Upload a .txt or .md file", type=["txt", "md"], key="add_upload")
    text = st.text_area("…or paste it", key="add_text", height=200)
    name = st.text_input("Name (the document's short id)", key="add_name",
                         value=(up.name.rsplit(".", 1)[0] if up else "pasted"))
    if st.button("Extract", type="primary", key="add_extract"):
        raw = up.getvalue().decode("utf-8-sig", errors="replace") if up else text
        if not raw.strip():
            st.error("Nothing to extract: paste the article text or upload a file.")
            return
        from loaders.read import parse_article

        article = parse_article(raw, name=name.strip() or "pasted", path="")
        try:
            from loaders.pipeline import extract_article

            ex = extract_article(article)
        except Exception as exc:  # noqa: BLE001 - extraction is being improved; show why it failed
            st.error(f"Extraction failed ({type(exc).__name__}: {exc}). The extractor (loaders/extract) may be "
                     "mid-update; try again later or load the file with `liaison load`.")
            return
        ss.add_article, ss.add_extraction = article, ex
    article, ex = ss.get("add_article"), ss.get("add_extraction")
    if not ex:
        return
    st.subheader(article.title or article.name)
    st.caption(f"language {ex.language} · {len(ex.entities)} entities · {len(ex.meetings)} meetings"
               + (f" · warnings: {'; '.join(ex.warnings)}" if ex.warnings else ""))
    st.markdown(f"<div class='liaison-doc'>{highlight(article.body, ex)}</div>", unsafe_allow_html=True)
    st.subheader("Entities — correct the type or title, untick what is wrong")
    ents = pd.DataFrame([{"keep": True, "type": e.type, "name": e.name, "aliases": ", ".join(e.aliases),
                          "title": e.title or "", "mentions": len(e.mentions)} for e in ex.entities])
    from loaders.model import ENTITY_TYPES, MEETING_KINDS

    edited_e = st.data_editor(
        ents, hide_index=True, key="add_entities", width="stretch", disabled=["name", "aliases", "mentions"],
        column_config={"type": st.column_config.SelectboxColumn("type", options=list(ENTITY_TYPES), required=True)},
    ) if len(ents) else ents
    st.subheader("Meetings — correct kind, date (YYYY[-MM[-DD]]) or place, untick what is wrong")
    meets = pd.DataFrame([{"keep": True, "kind": m.kind, "date": m.date or "", "place": m.place or "",
                           "participants": "; ".join(f"{p.entity} ({p.role})" for p in m.participants),
                           "topics": ", ".join(m.topics)} for m in ex.meetings])
    edited_m = st.data_editor(
        meets, hide_index=True, key="add_meetings", width="stretch", disabled=["participants", "topics"],
        column_config={"kind": st.column_config.SelectboxColumn("kind", options=list(MEETING_KINDS), required=True),
                       "date": st.column_config.TextColumn("date", validate=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")},
    ) if len(meets) else meets
    if st.button("Add to the graph", key="add_write"):
        drop_e = set(edited_e.loc[~edited_e["keep"], "name"]) if len(edited_e) else set()
        drop_m = set(edited_m.index[~edited_m["keep"]]) if len(edited_m) else set()
        from loaders.pipeline import add_article

        import copy

        corrected = correct(copy.deepcopy(ex), edited_e.to_dict("records") if len(edited_e) else [],
                            edited_m.to_dict("records") if len(edited_m) else [])
        kept = prune(corrected, drop_e, drop_m)
        report = add_article(data.driver(), data.database(), article, kept)
        data.read_rows.clear()
        if report.skipped:
            raise LiaisonError(report.skipped[0].reason)
        st.success(f"Written: {report.nodes_created} nodes and {report.relationships_created} relationships "
                   f"created ({len(drop_e)} entities and {len(drop_m)} meetings dropped). See it in Documents.")


data.guarded(render)
