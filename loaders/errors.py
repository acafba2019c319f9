"""Named errors. Each message says what went wrong and what to do next.

The CLI turns any LiaisonError into a one-line message and a non-zero exit;
the explorer shows it with st.error. Nothing here should reach a user as a
traceback.
"""


class LiaisonError(Exception):
    """Base class for errors a user can act on."""


class SettingsError(LiaisonError):
    pass


class ConnectionProblem(LiaisonError):
    """The Neo4j server cannot be reached or refused our credentials."""


class ArticleError(LiaisonError):
    """An article file cannot be read; the loader reports it and moves on."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class WriteError(LiaisonError):
    """A write transaction failed; it was rolled back as a whole."""


class QueryError(LiaisonError):
    """A saved or ad hoc query could not run."""


class QueryRefused(QueryError):
    """The console refused a query (not read-only, timeout, row cap)."""
