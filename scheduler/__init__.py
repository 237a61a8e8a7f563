"""scheduler of Arna (see DESIGN.md, Layout)."""
