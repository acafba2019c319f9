import stat

import pytest

from liaison.errors import SettingsError
from liaison.settings import Settings, local_password


def test_generated_password_is_kept_and_private(tmp_path):
    path = tmp_path / "state" / "password"
    first = local_password(path)
    assert len(first) >= 16
    assert local_password(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_environment_wins():
    s = Settings.from_env({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_USERNAME": "u",
                           "NEO4J_PASSWORD": "p" * 10, "NEO4J_DATABASE": "db"})
    assert (s.uri, s.username, s.password, s.database) == ("neo4j+s://x.databases.neo4j.io", "u", "p" * 10, "db")


def test_remote_server_without_password_says_what_to_set():
    with pytest.raises(SettingsError, match="NEO4J_PASSWORD"):
        Settings.from_env({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io"})
