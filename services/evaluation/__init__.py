"""Evaluations through the whole write path (extraction + store + cross-article merge) in a scratch database.

The pure scorers live in `services.extraction.evaluation`; this package adds what needs PostgreSQL.
"""
