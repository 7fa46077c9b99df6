"""The reader: a thin Textual layer over the core."""
