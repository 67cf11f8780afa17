"""Corpus-level comparison: text reuse, similarity, distinctive terms, stories, noise checks."""
