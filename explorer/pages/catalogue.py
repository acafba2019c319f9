"""Saved queries: pick one, fill its parameters, run it. The query and its parameters live in the URL."""

from __future__ import annotations

import streamlit as st

from explorer import data
from explorer import queries as Q
from explorer.results import show, to_result
from liaison import saved_queries
from liaison.console import run_read_only
from liaison.errors import QueryError

#: Parameters whose values the graph can offer (query slug or "*", parameter name) -> names query.
PICKERS = {
    ("*", "country"): Q.COUNTRIES, ("meetings_between_countries", "a"): Q.COUNTRIES,
    ("meetings_between_countries", "b"): Q.COUNTRIES, ("*", "person"): Q.PERSONS, ("*", "topic"): Q.TOPICS,
    ("*", "place"): Q.PLACES, ("*", "status"): Q.STATUSES, ("shortest_path", "a"): Q.ENTITY_NAMES,
    ("shortest_path", "b"): Q.ENTITY_NAMES, ("documents_mentioning", "name"): Q.ENTITY_NAMES,
}


@st.cache_data(ttl=30, show_spinner=False)
def run_saved(slug: str, text: str, params_json: str) -> dict:
    import json

    result = run_read_only(data.driver(), data.database(), text, json.loads(params_json))
    out = to_result(result.columns, result.records)
    out["message"] = result.message
    return out


def param_widget(q, p, current: str) -> str:
    label = f"{p.name} ({p.type})"
    key = f"cat_{q.slug}_{p.name}"
    names_query = PICKERS.get((q.slug, p.name)) or PICKERS.get(("*", p.name))
    if p.type == "bool":
        return "true" if st.checkbox(p.name, value=saved_queries.coerce(p, current), key=key) else "false"
    if names_query and p.type == "string":
        options = [r["name"] for r in data.read_rows(names_query, limit=Q.PICKER_LIMIT) if r["name"]]
        if current not in options:
            options = [current] + options
        return st.selectbox(label, options, index=options.index(current), key=key, accept_new_options=True) or ""
    return st.text_input(label, value=current, key=key,
                         help="YYYY, YYYY-MM or YYYY-MM-DD" if p.type == "date" else
                         "comma-separated" if p.type == "list" else None)


def render() -> None:
    st.title("Saved queries")
    queries = saved_queries.load_all()
    if not queries:
        st.info(f"No saved queries in {saved_queries.default_dir()}.")
        return
    slugs = list(queries)
    qp = st.query_params
    wanted = qp.get("q")
    if wanted and wanted not in queries:
        st.warning(f"No saved query named {wanted!r}; pick one below.")
    slug = st.selectbox("Query", slugs, index=slugs.index(wanted) if wanted in queries else 0,
                        format_func=lambda s: f"{queries[s].title}  ·  {s}", key="cat_pick")
    q = queries[slug]
    st.caption(q.description)
    if slug != wanted:
        # A new choice: the URL carries the query and its defaults.
        qp.clear()
        qp["q"] = slug
    url_values = {p.name: qp.get(p.name, p.default) for p in q.params}
    with st.form(key=f"cat_form_{slug}"):
        raw = {p.name: param_widget(q, p, url_values[p.name]) for p in q.params}
        submitted = st.form_submit_button("Run", type="primary")
    if submitted:
        qp.clear()
        qp["q"] = slug
        for name, value in raw.items():
            qp[name] = value
        url_values = raw
    with st.expander("Cypher"):
        st.code(q.text, language=None)
    try:
        values = q.values(url_values)
    except QueryError as exc:
        st.error(str(exc))
        return
    import json

    result = run_saved(slug, q.text, json.dumps(values, sort_keys=True))
    st.caption(result["message"] + " · the address bar holds this query and its parameters: copy it to share the result.")
    show(result, key=f"cat_{slug}", filename=slug)


data.guarded(render)
