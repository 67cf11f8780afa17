"""Every scorer must work with no network: a fresh interpreter with sockets disabled scores text.

textstat releases after 0.7.8 fetch NLTK's cmudict at first use; this test is what keeps a future
upgrade honest. It runs in a subprocess so that nothing imported earlier in the test session
(and no cache) can hide a download made at import or first-use time.
"""

from __future__ import annotations

from offline import run_offline


def test_the_guard_really_blocks_the_network() -> None:
    result = run_offline(
        """
        import urllib.request
        urllib.request.urlopen("http://example.com", timeout=2)
        """
    )
    assert result.returncode != 0
    assert "network disabled by the offline test guard" in result.stderr


def test_textstat_and_vader_score_offline() -> None:
    result = run_offline(
        """
        from analysis.measures.readability import readability
        from analysis.measures.sentiment import compound
        text = "Officials approved the plan. Critics said it was a terrible idea."
        r = readability(text, words=11, sentences=2)
        assert r.dale_chall and r.smog_index is not None and r.consensus_grade, r
        assert compound("A wonderful success.") > 0.5
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
