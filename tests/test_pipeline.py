"""Scoring pipeline: the seeds end to end, narrator vs quoted, headline handling, invariants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from texts import QUOTED, seed_paths

from analysis import pipeline
from analysis.io.corpus import load_corpus
from analysis.io.output import to_dataframe
from analysis.pipeline import score_article, score_corpus
from analysis.text.model import Article
from analysis.text.segmentation import inside, segment


def _article(text: str, title: str | None = None) -> Article:
    first = text.strip().split("\n", 1)[0].strip() if text.strip() else ""
    return Article(id="t", text=text, title=first if title is None else title, source="test")


def test_quoted_sentences_are_split_from_narrator() -> None:
    scores = score_article(_article(QUOTED, title=""))
    flags = [s.in_quote for s in scores.sentence_scores]
    assert flags == [False, True, False]
    quoted = [s.compound for s in scores.sentence_scores if s.in_quote]
    assert scores.sentiment.quoted_mean == quoted[0] < 0
    assert scores.sentiment.narrator_mean is not None


def test_headline_is_its_own_sentence_and_not_in_readability() -> None:
    text = "Storm hits coast\n\nThe storm hit the coast. Homes were damaged."
    with_headline = score_article(_article(text))
    first = with_headline.sentence_scores[0]
    assert text[first.start : first.end] == "Storm hits coast"
    body_only = score_article(_article("The storm hit the coast. Homes were damaged.", title=""))
    assert with_headline.readability == body_only.readability
    assert with_headline.words == body_only.words + 3


def test_seeds_score_with_furniture_excluded() -> None:
    corpus = load_corpus([p for p in seed_paths()])
    scores = score_corpus(corpus.articles)
    assert len(scores) == 5
    by_id = {s.article.id: s for s in scores}
    rt = by_id["004_ddb81862ad58e1e6"]
    assert rt.excluded, "RT copy ends with page furniture"
    tail = rt.article.text[rt.excluded[-1].start : rt.excluded[-1].end]
    assert "Back to top" in tail
    for s in scores:
        for sentence in s.sentence_scores:
            assert -1 <= sentence.compound <= 1
            for ex in s.excluded:
                assert not (ex.start <= sentence.start and sentence.end <= ex.end)


def test_two_workers_give_the_same_results_in_order() -> None:
    articles = load_corpus(seed_paths()).articles
    assert score_corpus(articles, workers=2) == score_corpus(articles, workers=1)


def test_dataframe_has_one_row_per_article() -> None:
    frame = to_dataframe(score_corpus(load_corpus(seed_paths()).articles))
    assert len(frame) == 5
    assert {"id", "outlet", "sentiment.mean", "readability.dale_chall"} <= set(frame.columns)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.text(alphabet='Ab. “”"\n,’!?', max_size=400))
def test_any_text_scores_within_bounds_and_deterministically(text: str) -> None:
    article = _article(text)
    scores = score_article(article)
    assert scores == score_article(article)
    n = len(text)
    for sentence in scores.sentence_scores:
        assert 0 <= sentence.start < sentence.end <= n
        assert -1 <= sentence.compound <= 1
    for span in (*scores.quotes, *scores.excluded):
        assert 0 <= span.start < span.end <= n
    shares = (
        scores.sentiment.share_negative,
        scores.sentiment.share_neutral,
        scores.sentiment.share_positive,
    )
    if scores.sentence_scores:
        assert abs(sum(shares) - 1) < 1e-9
    assert scores.words >= 0


@given(st.text(alphabet='ab "“”\n', max_size=80))
def test_quoted_token_flags_mark_tokens_starting_inside_a_quotation(text: str) -> None:
    seg = segment(text)
    flags = pipeline._quoted_token_flags(seg.tokens, seg.quotes)
    assert flags == [inside(seg.quotes, t.start) for t in seg.tokens]


def test_workers_stream_in_order_and_stop_cleanly_when_abandoned() -> None:
    from analysis.pipeline import iter_scores
    from benchmarks.newslike import corpus

    articles = list(corpus(40, words=80))
    scored = list(iter_scores(iter(articles), workers=2, chunksize=2))
    assert [s.article for s in scored] == articles  # texts restored, order kept
    assert scored == [score_article(a) for a in articles]
    stream = iter_scores(iter(articles), workers=2, chunksize=1)
    assert next(stream).article == articles[0]
    stream.close()  # must not hang with the task thread waiting for a slot


def test_records_from_workers_equal_records_made_in_process() -> None:
    from analysis.io.output import article_to_dict
    from analysis.pipeline import iter_records
    from benchmarks.newslike import corpus

    articles = list(corpus(12, words=80))
    expected = [article_to_dict(score_article(a)) for a in articles]
    assert list(iter_records(iter(articles), workers=2, chunksize=2)) == expected
    assert list(iter_records(articles, workers=1)) == expected


def test_stored_records_equal_fresh_ones_and_an_early_stop_keeps_what_was_scored(tmp_path) -> None:
    from analysis.io.output import article_to_dict
    from analysis.stored import iter_stored_records, open_store
    from benchmarks.newslike import corpus

    articles = list(corpus(10, words=60))
    expected = [article_to_dict(score_article(a)) for a in articles]
    stream = iter_stored_records(iter(articles), open_store(tmp_path), workers=2, chunksize=1)
    assert [next(stream) for _ in range(3)] == expected[:3]
    stream.close()
    assert len(open_store(tmp_path).keys()) >= 3  # what was scored before the stop is stored
    again = iter_stored_records(articles, open_store(tmp_path), workers=2, chunksize=2)
    assert list(again) == expected
    assert len(open_store(tmp_path).keys()) == 10


def test_the_method_changes_with_the_users_data_files(tmp_path, monkeypatch) -> None:
    from analysis.stored import METHOD_VERSION, method_version

    monkeypatch.setenv("FRAMING_USER_LEXICON", str(tmp_path / "user_lexicon.csv"))
    before = method_version(pipeline.load_resources())
    assert before.startswith(METHOD_VERSION + "+")
    assert method_version(pipeline.load_resources()) == before
    (tmp_path / "user_lexicon.csv").write_text(
        "term,category,weight,reason,alternative\nfearbait,name_calling,0.8,labels a warning,\n",
        encoding="utf-8",
    )
    assert method_version(pipeline.load_resources()) != before


_meta = st.none() | st.text(max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=300) | st.text(alphabet='Ab. “”"\n,’!?', max_size=300),
    st.text(max_size=20),
    st.tuples(st.text(min_size=1, max_size=8), st.text(max_size=8), _meta, _meta, _meta, _meta),
    st.lists(st.text(max_size=8), max_size=2),
)
def test_scores_depend_on_the_scored_fields_only(text, title, meta, warnings) -> None:
    """What makes keying stored scores by ``SCORED_FIELDS`` sound: other metadata is copied."""
    from analysis.io.output import METADATA_FIELDS, article_to_dict

    assert pipeline.SCORED_FIELDS == ("text", "title")
    plain = Article(id="a", text=text, title=title, source="s")
    aid, source, outlet, date, url, author = meta
    other = Article(
        id=aid,
        text=text,
        title=title,
        source=source,
        outlet=outlet,
        date=date,
        event=outlet,
        url=url,
        author=author,
        genre=date,
        warnings=tuple(warnings),
    )
    copied = {*METADATA_FIELDS, "warnings"}

    def scores(article: Article) -> dict:
        return {k: v for k, v in article_to_dict(score_article(article)).items() if k not in copied}

    assert scores(plain) == scores(other)
