"""analysis.io.fields: every field a source gives is mapped, kept, or named in a warning."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analysis.io.fields import ALIASES, METADATA_FIELDS, USER_COLUMNS, clean, map_fields

NAMES = st.one_of(
    st.sampled_from([*METADATA_FIELDS, *ALIASES, *USER_COLUMNS, "user", "mood"]),
    st.text(alphabet="abcdefghij_", min_size=1, max_size=8),
)
VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


@given(st.dictionaries(NAMES, VALUES, max_size=8))
def test_nothing_is_dropped_silently(source):
    meta, extra, warnings = map_fields(source, what="row")
    notes = " ".join(warnings)
    for key, value in source.items():
        if key == "user" and isinstance(value, dict):
            for name, inner in value.items():
                assert clean(inner) is None or extra[str(name)] == clean(inner)
            continue
        kept = clean(value)
        if isinstance(value, dict) or kept is None:
            assert isinstance(value, dict) <= (key in notes), key  # non-text: named
            continue
        target = key if key in METADATA_FIELDS else ALIASES.get(key)
        assert (target is not None and meta[target] == kept) or extra.get(key) == kept, key
        if key in extra and target is None and key not in USER_COLUMNS:
            assert key in notes
