"""The explorer's pages under Streamlit's AppTest, against the real server."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "explorer" / "app.py")
pytestmark = pytest.mark.neo4j


def _run(timeout=60):
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    return at


def test_home_shows_counts_and_documents(corpus_graph):
    at = _run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics.get("Document") == "25"
    assert "Meeting" in metrics and "Person" in metrics
    assert len(at.dataframe) >= 1


def test_bad_password_is_a_message_not_a_traceback(corpus_graph, monkeypatch):
    from liaison.db import close_all

    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password-123")
    close_all()
    at = _run()
    assert not at.exception
    assert any("refused the credentials" in e.value for e in at.error)
