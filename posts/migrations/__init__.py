"""Alembic migrations for Arna's schema; run them through `posts.migrate`."""
