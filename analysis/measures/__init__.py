"""Measures of one article: sentiment, readability, loaded words, naming choices, voices."""
