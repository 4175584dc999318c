"""PostgreSQL-only indexes for search and counting at national scale (no models; migrations only).

SQLite ignores these migrations: there the same queries run without them, correctly and slower.
"""
