"""The `arna` command: it composes posts, linters, channels and scheduler."""
