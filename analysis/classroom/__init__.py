"""Classroom mode: lesson files, blind reading, mark-then-reveal, guided questions."""
