"""linters of Arna (see DESIGN.md, Layout)."""
