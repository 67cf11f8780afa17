"""The dashboard's pages (one file each) and what they share (``shared``)."""
