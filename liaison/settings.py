"""Connection settings, read from the environment in one place.

NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE point the tool
at any Neo4j (Aura included). Without them it talks to the local server that
`liaison neo4j start` manages, whose password is generated once and kept in
an ignored file readable only by its owner: no password is ever a literal in
the repository.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .errors import SettingsError

#: The repository (editable install) or the directory named by LIAISON_HOME.
PROJECT_DIR = Path(os.environ.get("LIAISON_HOME", Path(__file__).resolve().parents[1]))
#: Ignored folder holding the provisioned server, its data and the password.
STATE_DIR = Path(os.environ.get("LIAISON_STATE_DIR", PROJECT_DIR / ".neo4j"))
PASSWORD_FILE = STATE_DIR / "password"
DEFAULT_BOLT_PORT = 7687


def local_password(path: Path = PASSWORD_FILE) -> str:
    """Return the local server's password, generating it on first use."""
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 8:
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    # Hex only: a password starting with '-' would be read as an option by neo4j-admin.
    value = secrets.token_hex(16)
    # Created with 0600 from the start so it is never briefly world-readable.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    return value


@dataclass(frozen=True)
class Settings:
    uri: str
    username: str
    password: str
    database: str

    @classmethod
    def from_env(cls, env: dict | None = None) -> "Settings":
        env = os.environ if env is None else env
        uri = env.get("NEO4J_URI") or f"bolt://127.0.0.1:{DEFAULT_BOLT_PORT}"
        password = env.get("NEO4J_PASSWORD")
        if not password:
            if not _is_local(uri):
                raise SettingsError(
                    f"NEO4J_PASSWORD is not set for {uri}: export it (the generated "
                    "password file is only used for the local server)."
                )
            password = local_password()
        return cls(
            uri=uri,
            username=env.get("NEO4J_USERNAME") or "neo4j",
            password=password,
            database=env.get("NEO4J_DATABASE") or "neo4j",
        )

    def describe(self) -> str:
        return f"{self.uri} (user {self.username}, database {self.database})"


def _is_local(uri: str) -> bool:
    return any(h in uri for h in ("://127.0.0.1", "://localhost"))


#: Server-side time limit of every explorer query, in seconds.
EXPLORER_TIMEOUT_VAR = "LIAISON_EXPLORER_TIMEOUT"
DEFAULT_EXPLORER_TIMEOUT = 10.0


def explorer_timeout(env: dict | None = None) -> float:
    """LIAISON_EXPLORER_TIMEOUT (seconds, default 10): the server stops an explorer query after it."""
    env = os.environ if env is None else env
    raw = env.get(EXPLORER_TIMEOUT_VAR) or ""
    try:
        value = float(raw) if raw.strip() else DEFAULT_EXPLORER_TIMEOUT
    except ValueError:
        raise SettingsError(f"{EXPLORER_TIMEOUT_VAR} must be a number of seconds, got {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{EXPLORER_TIMEOUT_VAR} must be positive, got {raw!r}")
    return value
