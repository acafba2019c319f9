"""Ad hoc Cypher, safe by default.

Guarded in layers, as the explorer's console and anything else that runs
user-written Cypher must be:

1. `EXPLAIN` first: the server plans the query without running it, and
   anything whose summary.query_type is not 'r' (read only) is refused with
   the reason (writes, schema changes, procedures that write).
2. The query then runs inside a READ transaction (session.execute_read), so
   the server itself rejects a write that slipped past the plan check.
3. A server-side timeout (`neo4j.Query(text, timeout=...)` for the EXPLAIN,
   `@neo4j.unit_of_work(timeout=...)` for the read transaction) stops slow queries.
4. At most max_rows rows are fetched (N+1 are asked for, to know it was cut).

Limits come from LIAISON_CONSOLE_TIMEOUT (seconds, default 10) and
LIAISON_CONSOLE_MAX_ROWS (default 1000); every refusal names the setting.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field

import neo4j

from .errors import QueryError, QueryRefused

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 1000
TIMEOUT_VAR = "LIAISON_CONSOLE_TIMEOUT"
MAX_ROWS_VAR = "LIAISON_CONSOLE_MAX_ROWS"

_QUERY_TYPES = {"r": "read only", "rw": "reads and writes", "w": "writes", "s": "changes the schema"}
_PREFIX = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.I)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS

    @classmethod
    def from_env(cls, env=None) -> "Limits":
        env = os.environ if env is None else env
        try:
            timeout = float(env.get(TIMEOUT_VAR) or DEFAULT_TIMEOUT)
            max_rows = int(env.get(MAX_ROWS_VAR) or DEFAULT_MAX_ROWS)
        except ValueError:
            raise QueryError(f"{TIMEOUT_VAR} must be a number of seconds and {MAX_ROWS_VAR} a whole number") from None
        if timeout <= 0 or max_rows <= 0:
            raise QueryError(f"{TIMEOUT_VAR} and {MAX_ROWS_VAR} must be positive")
        return cls(timeout=timeout, max_rows=max_rows)


@dataclass
class ConsoleResult:
    columns: list[str]
    records: list[neo4j.Record]
    truncated: bool = False
    seconds: float = 0.0
    limits: Limits = field(default_factory=Limits)
    notifications: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        n = len(self.records)
        text = f"{n} row{'s' if n != 1 else ''} in {self.seconds:.2f} s"
        if self.truncated:
            text += (f"; stopped at {self.limits.max_rows} rows (the cap). Add a LIMIT or narrow the query, "
                     f"or raise {MAX_ROWS_VAR}")
        return text


def clean(text: str) -> str:
    """Strip trailing semicolons and whitespace; refuse an empty query."""
    text = (text or "").strip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    if not text:
        raise QueryRefused("The query is empty: write a Cypher query, e.g. MATCH (p:Person) RETURN p LIMIT 25")
    return text


def check_read_only(session: neo4j.Session, text: str, params: dict, limits: Limits) -> str:
    """Plan the query with EXPLAIN; return its query type or raise QueryRefused."""
    if _PREFIX.match(text):
        raise QueryRefused("Remove the EXPLAIN/PROFILE prefix: the console plans every query itself and "
                           "refuses PROFILE because it would run the query outside the read-only checks")
    if _LOAD_CSV.search(text):
        raise QueryRefused("LOAD CSV is refused in the console: it reads files or URLs from the server. "
                           "Load data with `liaison load` instead")
    try:
        summary = session.run(neo4j.Query("EXPLAIN " + text, timeout=limits.timeout), params).consume()
    except neo4j.exceptions.Neo4jError as exc:
        raise _translate(exc, limits) from exc
    query_type = summary.query_type or "?"
    if query_type != "r":
        what = _QUERY_TYPES.get(query_type, f"is of type {query_type!r}")
        raise QueryRefused(
            f"Refused: the server's plan says this query {what} (query type {query_type!r}); the console only runs "
            "read-only queries. Change data with `liaison load` or the Add article / Review pages. "
            "(There is no setting to lift this: it is the console's guarantee.)"
        )
    return query_type


def run_read_only(driver: neo4j.Driver, database: str, text: str, params: dict | None = None,
                  limits: Limits | None = None) -> ConsoleResult:
    """Run user-written Cypher under the console's guarantees (see module doc)."""
    limits = limits or Limits.from_env()
    text = clean(text)
    params = dict(params or {})
    started = time.perf_counter()

    # In a managed transaction the server-side timeout is set with unit_of_work
    # (neo4j.Query(..., timeout=) is the same setting for session.run, used by EXPLAIN).
    @neo4j.unit_of_work(timeout=limits.timeout)
    def work(tx: neo4j.ManagedTransaction):
        result = tx.run(text, params)
        keys = list(result.keys())
        rows = []
        for record in result:
            rows.append(record)
            if len(rows) > limits.max_rows:
                break
        summary = result.consume()
        notes = [f"{n.get('title', '')}: {n.get('description', '')}" for n in (summary.notifications or [])]
        return keys, rows, notes

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            check_read_only(session, text, params, limits)
            keys, rows, notes = session.execute_read(work)
    except QueryError:
        raise
    except neo4j.exceptions.Neo4jError as exc:
        raise _translate(exc, limits) from exc
    truncated = len(rows) > limits.max_rows
    return ConsoleResult(columns=keys, records=rows[: limits.max_rows], truncated=truncated,
                         seconds=time.perf_counter() - started, limits=limits, notifications=notes)


def _translate(exc: neo4j.exceptions.Neo4jError, limits: Limits) -> QueryError:
    code = exc.code or ""
    if "TransactionTimedOut" in code or "Timeout" in code:
        return QueryRefused(f"Stopped after {limits.timeout:g} s (the console's time limit). Narrow the query "
                            f"(add a LIMIT, start from an indexed property) or raise {TIMEOUT_VAR}")
    if "ForbiddenDueToTransactionType" in code or "AccessMode" in code or "Forbidden" in code:
        return QueryRefused(f"Refused by the server: {exc.message} The console runs in a read transaction only.")
    if "ParameterMissing" in code:
        return QueryError(f"Missing parameter: {exc.message} Give its value in the parameters box (JSON).")
    if "Syntax" in code:
        return QueryError(f"Cypher syntax error: {exc.message}")
    return QueryError(f"The query failed: {exc.message} ({code})")
