"""Migrations that add PostgreSQL-only indexes, each a no-op on other databases."""
