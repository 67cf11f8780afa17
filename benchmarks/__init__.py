"""Benchmarks (`make bench`): speed and memory figures, printed and saved to bench-results/."""
