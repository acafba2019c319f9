"""Documents: each article with the entities extraction found, highlighted, each linked to its node."""

from __future__ import annotations

import html
from urllib.parse import quote

import streamlit as st

from explorer import data
from explorer import queries as Q
from explorer.graphview import STYLE


def highlight(text: str, mentions: list[dict]) -> str:
    """HTML of the text with <mark> links on mentions. Every piece of text is escaped; overlaps are skipped."""
    out, pos = [], 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        start, end = m["start"], m["end"]
        if start is None or end is None or start < pos or end > len(text) or start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        colour = STYLE.get(m.get("type") or "", {}).get("color", "#888")
        title = html.escape(f"{m.get('type')}: {m.get('name')}", quote=True)
        out.append(f'<a class="mention" href="explore?entity={quote(m["entity"] or "")}" target="_self" '
                   f'title="{title}"><mark style="background:{colour}33;border-bottom:2px solid {colour}">'
                   f"{html.escape(text[start:end])}</mark></a>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


#: Documents per page of the picker (DOCUMENTS is paginated in Document.name order).
PAGE_SIZE = 200
#: Mentions highlighted in one document at most.
MAX_MENTIONS = 10000


def _label(d: dict) -> str:
    return f"{d['name']} — {d['title'] or '(no title)'} [{d['language'] or '?'}]"


def render() -> None:
    st.title("Documents")
    wanted = st.query_params.get("doc")
    entity = st.query_params.get("entity")
    if entity:
        docs = data.read_rows(Q.DOCUMENTS_OF_ENTITY, id=entity, limit=PAGE_SIZE)
        st.caption(f"Showing the {len(docs)} document(s) that mention `{entity}`"
                   + (f" (the first {PAGE_SIZE} by name)." if len(docs) >= PAGE_SIZE else "."))
    else:
        docs = []
    if not docs:
        page = int(st.number_input("Page", min_value=1, value=1, step=1, key="documents_page",
                                   help=f"{PAGE_SIZE} documents a page, by file name")) - 1
        docs = data.read_rows(Q.DOCUMENTS, skip=page * PAGE_SIZE, limit=PAGE_SIZE)
        if not docs and page:
            st.info("No documents on this page: go back a page.")
            return
    if not docs:
        st.info("No documents yet. Load articles with `liaison load corpus/` or add one on the Add an article page.")
        return
    ids = [d["id"] for d in docs]
    labels = {d["id"]: _label(d) for d in docs}
    if wanted and wanted not in labels:
        found = data.read_rows(Q.DOCUMENT, id=wanted)
        if found:
            ids.insert(0, wanted)
            labels[wanted] = _label(found[0])
    index = ids.index(wanted) if wanted in ids else 0
    pick = st.selectbox("Document", ids, index=index, format_func=labels.get, key="documents_pick")
    if pick != wanted:
        st.query_params["doc"] = pick
    doc = data.read_rows(Q.DOCUMENT, id=pick)[0]
    st.subheader(doc["title"] or doc["name"])
    meta = [f"`{doc['name']}`", doc["language"] or "?", doc["published"] or "undated"]
    st.caption(" · ".join(meta))
    if doc["url"] and doc["url"].startswith(("http://", "https://")):
        st.markdown(f'<a href="{html.escape(doc["url"], quote=True)}" target="_blank" rel="noopener">Original article</a>',
                    unsafe_allow_html=True)
    mentions = data.read_rows(Q.DOCUMENT_MENTIONS, id=pick, types=list(Q.ENTITY_TYPES), limit=MAX_MENTIONS)
    legend = " ".join(f"<mark style='background:{STYLE[t]['color']}33;border-bottom:2px solid {STYLE[t]['color']}'>{t}</mark>"
                      for t in Q.ENTITY_TYPES)
    st.markdown(f"<small>{legend} — click a highlighted name to open it in Explore.</small>", unsafe_allow_html=True)
    st.markdown(f"<div class='liaison-doc' lang='{html.escape(doc['language'] or '', quote=True)}'>"
                f"{highlight(doc['text'] or '', mentions)}</div>", unsafe_allow_html=True)
    meetings = data.read_rows(Q.DOCUMENT_MEETINGS, id=pick, limit=PAGE_SIZE)
    st.subheader(f"Meetings reported ({len(meetings)})")
    for m in meetings:
        st.markdown(f'<a href="explore?meeting={quote(m["id"])}" target="_self">'
                    f"{html.escape(m['title'] or m['kind'] or 'meeting')}</a>", unsafe_allow_html=True)


data.guarded(render)
