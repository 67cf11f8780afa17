"""analysis.compare.kwic: keyword in context over a corpus."""

from __future__ import annotations

from analysis.compare.kwic import kwic

KWIC_TEXT = "Officials said\nthe claim was false. Another CLAIM: claimed, claims, claim-makers."


def test_kwic_whole_words_case_insensitive_offsets():
    record = {"id": "a", "title": "T", "outlet": "O", "text": KWIC_TEXT, "excluded": []}
    hits = kwic([record], "claim", width=10)
    # "claim" and "CLAIM" and the "claim" of "claim-makers" (hyphen is a word boundary);
    # never "claimed" or "claims".
    assert [h.match for h in hits] == ["claim", "CLAIM", "claim"]
    for h in hits:
        assert KWIC_TEXT[h.start : h.end] == h.match
        assert len(h.left) <= 10 and len(h.right) <= 10
        assert "\n" not in h.left + h.right
    assert kwic([record], "   ") == []


def test_kwic_phrase_across_line_break_and_excluded():
    record = {
        "id": "a",
        "title": "T",
        "outlet": None,
        "text": KWIC_TEXT,
        "excluded": [{"start": 0, "end": 20, "reason": "test"}],
    }
    hits = kwic([record], "said the")
    assert len(hits) == 1 and hits[0].match == "said\nthe" and hits[0].excluded


def test_kwic_term_with_regex_characters_is_literal():
    record = {"id": "a", "title": "", "text": "a (b) c a.b", "excluded": []}
    assert [h.match for h in kwic([record], "(b)")] == ["(b)"]
    assert [h.start for h in kwic([record], "a.b")] == [8]
