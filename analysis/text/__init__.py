"""Layer 0: the records every module shares, the one segmentation pass, furniture, lexicons."""
