"""Input and output: reading corpora into articles, writing scores, outlet profiles."""
