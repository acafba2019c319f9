"""The served explorer in headless Chromium (Debian's package): the graph is drawn, offline."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(neo4j_settings):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "explorer" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise AssertionError("streamlit did not answer: " + proc.stderr.read().decode()[-2000:])
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "Debian's chromium is missing: `make chromium` installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_home_page_draws_the_graph_offline(corpus_graph, app_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    page.goto(app_url, wait_until="networkidle")
    page.get_by_text("Meetings and their participants").wait_for(timeout=60_000)
    frame = page.frame_locator("iframe").first
    canvas = frame.locator("canvas")
    canvas.wait_for(timeout=60_000)
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    page.wait_for_timeout(1500)
    # `LIAISON_SCREENSHOTS=docs/screenshots make test` refreshes the README's pictures.
    shots = ROOT / os.environ.get("LIAISON_SCREENSHOTS", str(tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "overview.png"), full_page=False)
    assert outside == [], f"the page asked for outside resources: {outside}"
    page.close()
