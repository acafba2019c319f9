"""docker-compose.yml cannot run here (no Docker engine): check it parses and says what it must."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file():
    doc = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = doc["services"]
    neo = services["neo4j"]
    assert neo["image"] == "neo4j:5.26-community"
    assert "${NEO4J_PASSWORD" in neo["environment"]["NEO4J_AUTH"]
    assert "healthcheck" in neo
    assert all(p.startswith("127.0.0.1:") for p in neo["ports"])
    assert "neo4j-data" in doc["volumes"]
    assert services["explorer"]["build"] == "."
    assert all(p.startswith("127.0.0.1:") for p in services["explorer"]["ports"])
    assert services["loader"]["restart"] == "no"
    assert "load" in services["loader"]["command"]
    assert (ROOT / "Dockerfile").exists()


def test_no_password_literal_in_the_repository():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "neo4j/${NEO4J_PASSWORD" in text
    assert "NEO4J_PASSWORD=" in (ROOT / ".env.example").read_text()
    assert (ROOT / ".env.example").read_text().strip().endswith("NEO4J_PASSWORD=")
