"""channels of Arna (see DESIGN.md, Layout)."""
