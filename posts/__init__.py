"""The domain of Arna: stories, per-network posts, media, plan events, storage and migrations.

This package imports none of `linters`, `channels`, `scheduler` or `arna`.
"""
