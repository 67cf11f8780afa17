"""The Streamlit dashboard: pages compose ``analysis`` results with pure chart builders."""
