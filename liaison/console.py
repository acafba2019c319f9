"""Ad hoc Cypher, safe by default.

Guarded in layers, as the explorer's console and anything else that runs
user-written Cypher must be:

1. An allow-list, checked on the server's own plan: `EXPLAIN` plans the query
   without running it; it must be read only (summary.query_type 'r'), and every
   operator of the plan must be a read of the graph or its schema
   (READ_OPERATORS) and every procedure one of READ_PROCEDURES. So LOAD CSV in
   any spelling (it fetches files and URLs from the server), TERMINATE
   TRANSACTIONS, SHOW TRANSACTIONS / SETTINGS (other sessions' queries, server
   paths) and side-effecting procedures are refused, whatever comments or case
   hide them; SHOW DATABASES and dbms.components() are allowed. Statements over
   MAX_CHARS characters or nested deeper than MAX_DEPTH are refused before the
   server parses them (a 1 MB expression overflowed its parser's stack).
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
_SHOW_DATABASES = re.compile(r"^\s*SHOW\s+(?:(?:HOME|DEFAULT)\s+DATABASE|DATABASES?)\b", re.I)
_CODE = re.compile(r"//[^\n]*|/\*.*?(?:\*/|$)|'(?:[^'\\]|\\.)*'?|\"(?:[^\"\\]|\\.)*\"?|`[^`]*`?", re.S)

#: Longest statement and deepest nesting of brackets the console sends to the server.
MAX_CHARS = 10_000
MAX_DEPTH = 64

#: Plan operators that read the graph or its schema (Neo4j 5 Community), and nothing else.
READ_OPERATORS = frozenset("""
ProduceResults Projection Filter Limit ExhaustiveLimit Skip Sort PartialSort Top Top1WithTies PartialTop
Distinct OrderedDistinct Aggregation EagerAggregation OrderedAggregation Eager EmptyResult EmptyRow Argument
ArgumentTracker Optional Unwind PartitionedUnwind Union OrderedUnion CartesianProduct NodeHashJoin ValueHashJoin
NodeLeftOuterHashJoin NodeRightOuterHashJoin Apply SemiApply AntiSemiApply LetSemiApply LetAntiSemiApply
SelectOrSemiApply SelectOrAntiSemiApply LetSelectOrSemiApply LetSelectOrAntiSemiApply RollUpApply
ConditionalApply AntiConditionalApply CacheProperties AssertSameNode AssertSameRelationship TriadicSelection
TriadicBuild TriadicFilter ProjectEndpoints NullifyMetadata Trail ShortestPath StatefulShortestPath(All)
StatefulShortestPath(Into) Expand(All) Expand(Into) OptionalExpand(All) OptionalExpand(Into) VarLengthExpand(All)
VarLengthExpand(Into) VarLengthExpand(Pruning) VarLengthExpand(Pruning,BFS) BFSPruningVarExpand Repeat(Trail)
Repeat(Walk) AllNodesScan NodeByLabelScan NodeByIdSeek NodeByElementIdSeek NodeIndexSeek NodeUniqueIndexSeek
NodeIndexSeekByRange NodeUniqueIndexSeekByRange NodeIndexContainsScan NodeIndexEndsWithScan NodeIndexScan
MultiNodeIndexSeek IntersectionNodeByLabelsScan UnionNodeByLabelsScan SubtractionNodeByLabelsScan
DirectedRelationshipIndexSeek UndirectedRelationshipIndexSeek DirectedRelationshipIndexScan
UndirectedRelationshipIndexScan DirectedRelationshipIndexSeekByRange UndirectedRelationshipIndexSeekByRange
DirectedRelationshipIndexContainsScan UndirectedRelationshipIndexContainsScan DirectedRelationshipIndexEndsWithScan
UndirectedRelationshipIndexEndsWithScan DirectedRelationshipTypeScan UndirectedRelationshipTypeScan
DirectedAllRelationshipsScan UndirectedAllRelationshipsScan DirectedUnionRelationshipTypesScan
UndirectedUnionRelationshipTypesScan DirectedRelationshipByIdSeek UndirectedRelationshipByIdSeek
DirectedRelationshipByElementIdSeek UndirectedRelationshipByElementIdSeek NodeCountFromCountStore
RelationshipCountFromCountStore ProcedureCall ShowIndexes ShowConstraints ShowProcedures ShowFunctions
ShowCurrentUser
""".split())

#: Procedures the console may call: views of the schema, full-text search, the server's version.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships", "db.index.fulltext.listAvailableAnalyzers", "dbms.components",
    "db.info", "db.ping",
})

#: Why some operators are refused, in an analyst's words (the others: not on the list).
_REFUSED = {
    "LoadCSV": "LOAD CSV reads files or URLs from the server. Load data with `liaison load` instead",
    "ShowTransactions": "SHOW TRANSACTIONS shows other sessions' queries and client addresses",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other sessions' work",
    "ShowSettings": "SHOW SETTINGS shows the server's paths and configuration",
}


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


def code_of(text: str) -> str:
    """The statement with comments, strings and quoted names blanked: what the checks read."""
    return _CODE.sub(lambda m: " " if m.group(0)[:1] in "/" else "''", text)


def _depth(code: str) -> int:
    depth = deepest = 0
    for ch in code:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    return deepest


def _operators(plan) -> list[tuple[str, str]]:
    """(operator, details) of every step of an EXPLAIN plan, without the "@database" suffix."""
    out, todo = [], [plan]
    while todo:
        step = todo.pop()
        if not step:
            continue
        name = (step.get("operatorType") or "").split("@")[0]
        out.append((name, str((step.get("args") or {}).get("Details") or "")))
        todo += step.get("children") or []
    return out


def check_read_only(session: neo4j.Session, text: str, params: dict, limits: Limits) -> str:
    """Plan the query with EXPLAIN; return its query type or raise QueryRefused (see the module doc)."""
    if _PREFIX.match(text):
        raise QueryRefused("Remove the EXPLAIN/PROFILE prefix: the console plans every query itself and "
                           "refuses PROFILE because it would run the query outside the read-only checks")
    if len(text) > MAX_CHARS:
        raise QueryRefused(f"The statement is {len(text):,} characters long; the console takes at most "
                           f"{MAX_CHARS:,}. Pass long lists as a parameter instead of writing them out")
    code = code_of(text)
    if _depth(code) > MAX_DEPTH:
        raise QueryRefused(f"The statement nests brackets more than {MAX_DEPTH} deep; the console refuses it "
                           "(the server's parser can overflow on such input). Simplify the expression")
    if _LOAD_CSV.search(code):
        raise QueryRefused("Refused: " + _REFUSED["LoadCSV"])
    if _SHOW_DATABASES.match(code):
        return "r"      # an administration command planned on the system database: a read of its list
    try:
        summary = session.run(neo4j.Query("EXPLAIN " + text, timeout=limits.timeout), params).consume()
    except neo4j.exceptions.Neo4jError as exc:
        raise _translate(exc, limits) from exc
    steps = _operators(summary.plan)
    for name, _details in steps:
        if name in _REFUSED or name.startswith("Terminate"):
            raise QueryRefused("Refused: " + _REFUSED.get(name, _REFUSED["TerminateTransactions"]))
    procedures = [details.split("(")[0].strip() for name, details in steps if name == "ProcedureCall"]
    query_type = summary.query_type or "?"
    if query_type == "s" and procedures and set(procedures) <= {"dbms.components"}:
        query_type = "r"    # a DBMS-mode procedure the server types as schema; it reads the version
    if query_type == "r":
        for name, _details in steps:
            if name not in READ_OPERATORS:
                raise QueryRefused(f"Refused: the plan uses {name}, which is not on the console's list of "
                                   "read-only operators (liaison.console.READ_OPERATORS). Change data with "
                                   "`liaison load` or the Add article / Review pages")
    for proc in procedures:
        if proc not in READ_PROCEDURES:
            raise QueryRefused(f"Refused: {proc or 'this procedure'} is not on the console's list of "
                               f"read-only procedures ({', '.join(sorted(READ_PROCEDURES))})")
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
