"""The named errors, defined in loaders.errors (the library) and re-exported here.

The library never imports the application layer (liaison), so its errors
live with it; the CLI and the explorer import them from either place.
"""

from loaders.errors import (  # noqa: F401 - re-exported
    ArticleError,
    ConnectionProblem,
    LiaisonError,
    QueryError,
    QueryRefused,
    SettingsError,
    WriteError,
)
