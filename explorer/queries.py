"""The explorer's Cypher. It lives in the graph layer (liaison.explorer_queries),
beside the saved queries and the console, so the benchmark and the plan tests
time and check it without importing the explorer; pages import it from here."""

from liaison.explorer_queries import *  # noqa: F401,F403
from liaison.explorer_queries import __doc__ as _queries_doc  # noqa: F401
