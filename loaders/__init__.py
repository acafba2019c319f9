"""Loaders: read → detect language → extract → resolve → write.

Each step is a module named for what it does; `loaders.pipeline` strings
them together for the CLI and the explorer.
"""
