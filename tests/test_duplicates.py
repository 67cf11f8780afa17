"""analysis.io.duplicates: the same content whatever its white space."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analysis.io.duplicates import content_hash, duplicates
from analysis.text.model import Article


def art(aid: str, text: str) -> Article:
    return Article(id=aid, text=text, title=aid, source=aid)


def test_duplicates_of_existing_and_within_the_batch():
    existing = [art("old", "Head\n\nSame body.")]
    new = [art("n1", "Head  Same\tbody."), art("n2", "Other."), art("n3", "Other.\n")]
    assert {i: a.id for i, a in duplicates(new, existing).items()} == {0: "old", 2: "n2"}
    assert duplicates([art("x", "Head\n\nSame body!")], existing) == {}


@given(st.text(), st.lists(st.sampled_from([" ", "\n", "\t", "\n\n", "  "]), min_size=1))
def test_white_space_never_changes_the_hash(text, spaces):
    words = text.split()
    assert content_hash(" ".join(words)) == content_hash(
        spaces[0] + "".join(w + spaces[i % len(spaces)] for i, w in enumerate(words))
    )
