"""Ad hoc Cypher console: read only, time-limited, row-capped (liaison.console), with history and save-as."""

from __future__ import annotations

import json
import re

import streamlit as st

from explorer import data
from explorer.results import show, to_result
from liaison import saved_queries
from liaison.console import MAX_ROWS_VAR, TIMEOUT_VAR, Limits, run_read_only
from liaison.errors import QueryError, QueryRefused

EXAMPLE = "MATCH (m:Meeting)-[r:PARTICIPANT]->(x)\nRETURN m, r, x\nLIMIT 50"


def infer_param(name: str, value) -> saved_queries.Param:
    if isinstance(value, bool):
        return saved_queries.Param(name, "bool", str(value).lower())
    if isinstance(value, int):
        return saved_queries.Param(name, "int", str(value))
    if isinstance(value, float):
        return saved_queries.Param(name, "float", str(value))
    if isinstance(value, list):
        return saved_queries.Param(name, "list", ",".join(map(str, value)))
    text = "" if value is None else str(value)
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return saved_queries.Param(name, "date", text)
    return saved_queries.Param(name, "string", text)


def render() -> None:
    st.title("Console")
    limits = Limits.from_env()
    st.caption(f"Read-only Cypher. Every query is planned with EXPLAIN first and refused unless read only, then run "
               f"in a read transaction, stopped after {limits.timeout:g} s ({TIMEOUT_VAR}) and cut at "
               f"{limits.max_rows} rows ({MAX_ROWS_VAR}).")
    ss = st.session_state
    ss.setdefault("console_history", [])
    ss.setdefault("console_text", EXAMPLE)
    ss.setdefault("console_params", "{}")
    text = st.text_area("Cypher", key="console_text", height=180)
    params_text = st.text_area("Parameters (JSON object)", key="console_params", height=68)
    run = st.button("Run", type="primary", key="console_run")
    if run:
        try:
            params = json.loads(params_text or "{}")
            if not isinstance(params, dict):
                raise ValueError
        except ValueError:
            st.error('Parameters must be a JSON object, e.g. {"name": "Cho Ji-ho", "limit": 10}.')
            return
        entry = {"text": text, "params": params}
        try:
            result = run_read_only(data.driver(), data.database(), text, params, limits)
        except QueryRefused as exc:
            entry["outcome"] = "refused"
            ss.console_history.insert(0, entry)
            st.error(str(exc))
            ss.pop("console_result", None)
        except QueryError as exc:
            entry["outcome"] = "error"
            ss.console_history.insert(0, entry)
            st.error(str(exc))
            ss.pop("console_result", None)
        else:
            entry["outcome"] = result.message
            ss.console_history.insert(0, entry)
            ss.console_result = {**to_result(result.columns, result.records), "message": result.message,
                                 "text": text, "params": params}
        del ss.console_history[50:]
    res = ss.get("console_result")
    if res:
        (st.warning if "cap" in res["message"] else st.caption)(res["message"])
        show(res, key="console", filename="console-result")
        with st.expander("Save as a query"):
            with st.form("console_save"):
                title = st.text_input("Title", key="console_save_title")
                description = st.text_input("Description", key="console_save_description")
                slug = st.text_input("File name (in cypher/, without .cypher)", key="console_save_slug",
                                     help="lowercase letters, digits, _ and -; empty = from the title")
                if st.form_submit_button("Save"):
                    used = saved_queries.referenced_params(res["text"])
                    params = [infer_param(n, res["params"].get(n)) for n in sorted(used)]
                    try:
                        path = saved_queries.save(slug.strip() or saved_queries.slugify(title), title, description,
                                                  res["text"], params)
                    except QueryError as exc:
                        st.error(str(exc))
                    else:
                        st.success(f"Saved as {path.name}; it is now in Saved queries.")
    if ss.console_history:
        st.subheader("History (this session)")
        for i, h in enumerate(ss.console_history[:20]):
            c1, c2 = st.columns([6, 1])
            c1.code(h["text"], language=None)
            c1.caption(h["outcome"])
            if c2.button("Load", key=f"console_hist_{i}"):
                ss.console_text = h["text"]
                ss.console_params = json.dumps(h["params"])
                st.rerun()


data.guarded(render)
