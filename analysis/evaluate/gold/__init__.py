"""A hand-annotated gold set of quotations and speakers in BASIL articles (see GUIDELINE.md)."""
