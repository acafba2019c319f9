"""README, --help and code stay in step."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import readme_scores  # noqa: E402


def test_readme_shows_the_last_measured_scores():
    scores = json.loads((ROOT / "metrics" / "scores.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_scores.render(scores) in readme, "run `make scores` to refresh the README"


def test_readme_and_benchmarks_show_the_last_benchmark():
    from liaison.bench import summary

    fig = json.loads((ROOT / "metrics" / "bench.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert summary(fig) in readme, "run `make bench` to refresh the README"
    benchmarks = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert f"{fig['at'][str(fig['sizes'][-1])]['nodes']:,}" in benchmarks


def test_every_cli_command_is_in_the_readme():
    out = subprocess.run([str(Path(sys.executable).parent / "liaison"), "--help"], capture_output=True,
                         text=True, check=True).stdout
    commands = re.findall(r"^  (\w[\w-]*)\s", out.split("Commands:")[1], re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert commands
    for cmd in commands:
        assert f"liaison {cmd}" in readme, f"`liaison {cmd}` is not documented in README.md"


def test_readme_names_the_two_commands_and_ci_runs_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
