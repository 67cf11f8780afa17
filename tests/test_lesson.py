"""Lesson files: the seeds lesson loads and resolves; every broken file gives one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.classroom.lesson import (
    SEEDS_LESSON,
    STEPS,
    ArticleRef,
    LessonError,
    lesson_articles,
    load_lesson,
    passage_article,
    passage_span,
    read_lesson,
    select_articles,
)
from analysis.text.model import Article

ARTICLES = [
    Article(
        id="a1",
        text="Head one\n\nFirst para.\n\nSecond para has the words.",
        title="Head one",
        source="/corpus/a1.txt",
    ),
    Article(id="b2", text="Head two\n\nOnly para.", title="Head two", source="/corpus/sub/b2.txt"),
    Article(id="c3", text="Head three\n\nThird.", title="Head three", source="/corpus/c3.txt"),
]


def lesson(text: str, name: str = "l.yaml"):
    return read_lesson(text, name=name, base=Path("/corpus"))


def test_seeds_lesson_loads_and_resolves_every_article():
    seeds = load_lesson(SEEDS_LESSON)
    assert seeds.blind is True and seeds.steps == STEPS
    assert len(seeds.questions) == 3
    articles, problems = lesson_articles(seeds)
    assert problems == []
    assert [a.id for a in articles] == [
        "002_de722205fcaa0106",
        "003_608ab7e1f38988d6",
        "004_ddb81862ad58e1e6",
        "000_de0d7ebb0ea629cb",
        "001_d6f82fd124a3bad1",
    ]
    chosen = passage_article(seeds, articles)
    start, end = passage_span(seeds, chosen)
    assert chosen.text[start:end].startswith("Wang’s gaffe and the Party media")


def test_ids_and_paths_in_order_with_passage_by_paragraph():
    found = lesson(
        "title: T\narticles: [c3, {path: sub/b2.txt}, a1]\n"
        "passage: {article: a1, paragraph: 3}\nquestions: [' Why? ']\n"
    )
    assert found.articles[1] == ArticleRef(path="sub/b2.txt")
    chosen = select_articles(found, ARTICLES)
    assert [a.id for a in chosen] == ["c3", "b2", "a1"]
    assert found.questions == ("Why?",)
    start, end = passage_span(found, ARTICLES[0])
    assert ARTICLES[0].text[start:end] == "Second para has the words."


def test_passage_by_words_and_json_lessons():
    found = lesson(
        '{"title": "T", "articles": ["a1"], "blind": true, '
        '"passage": {"article": "a1", "contains": "HAS  the"}}',
        name="l.json",
    )
    assert found.blind
    start, _ = passage_span(found, {"text": ARTICLES[0].text})
    assert ARTICLES[0].text[start:].startswith("Second para")


def test_shuffled_order_is_the_same_every_time():
    text = "title: Shuffle me\norder: shuffled\narticles: [a1, b2, c3]\n"
    first = [a.id for a in select_articles(lesson(text), ARTICLES)]
    assert sorted(first) == ["a1", "b2", "c3"]
    assert [a.id for a in select_articles(lesson(text), ARTICLES)] == first


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just\n- a list\n", "a lesson must be a mapping"),
        ("title: T\n", "articles: must be a non-empty list"),
        ("articles: [a1]\n", "title: must be a non-empty text"),
        ("title: T\narticles: [a1]\ncolour: red\n", "colour: unknown key"),
        ("title: T\narticles: [a1, a1]\n", "articles[2]: a1 is listed twice"),
        ("title: T\narticles: [{id: a1, path: x}]\n", "articles[1]: give either id or path"),
        ("title: T\narticles: [{path: ../x.txt}]\n", "path must stay inside the corpus"),
        ("title: T\narticles: [a1]\norder: random\n", "order: must be one of listed, shuffled"),
        ("title: T\narticles: [a1]\nblind: maybe\n", "blind: must be true or false"),
        ("title: T\narticles: [a1]\nsteps: [tone, dance]\n", "steps: must be a list drawn from"),
        ("title: T\narticles: [a1]\nquestions: [ok, 3]\n", "questions[2]: must be a non-empty"),
        ("title: T\narticles: [a1]\npassage: {article: z9, paragraph: 1}\n", "z9 is not among"),
        ("title: T\narticles: [a1]\npassage: {article: a1}\n", "give either paragraph or contains"),
        ("title: T\narticles: [a1]\npassage: {article: a1, paragraph: 0}\n", "whole number"),
        ("title: [unclosed\n", "not valid YAML (line"),
    ],
)
def test_bad_lessons_fail_in_one_line(text, message):
    with pytest.raises(LessonError) as error:
        lesson(text)
    assert message in str(error.value)
    assert str(error.value).startswith("l.yaml: ")
    assert "\n" not in str(error.value)


def test_missing_articles_and_passages_are_reported():
    with pytest.raises(LessonError, match=r"articles\[2\]: no article path nope.txt"):
        select_articles(lesson("title: T\narticles: [a1, {path: nope.txt}]\n"), ARTICLES)
    far = lesson("title: T\narticles: [a1]\npassage: {article: a1, paragraph: 9}\n")
    with pytest.raises(LessonError, match="only 3 paragraphs"):
        passage_span(far, ARTICLES[0])
    words = lesson("title: T\narticles: [a1]\npassage: {article: a1, contains: zebra}\n")
    with pytest.raises(LessonError, match="no paragraph of the article has these words"):
        passage_span(words, ARTICLES[0])
    mixed = lesson("title: T\narticles: [{path: a1.txt}]\npassage: {article: c3, paragraph: 1}\n")
    with pytest.raises(LessonError, match="c3 is not among"):
        select_articles(mixed, ARTICLES)


def test_files_are_checked(tmp_path):
    with pytest.raises(LessonError, match=r"ends in \.yaml"):
        load_lesson(tmp_path / "lesson.txt")
    with pytest.raises(LessonError, match="No such file"):
        load_lesson(tmp_path / "gone.yaml")
    bad = tmp_path / "bad.json"
    bad.write_text("{title: 1}", encoding="utf-8")
    with pytest.raises(LessonError, match=r"not valid JSON \(line 1"):
        load_lesson(bad)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00title")
    with pytest.raises(LessonError, match="not UTF-8"):
        load_lesson(binary)
    missing_corpus = tmp_path / "l.yaml"
    missing_corpus.write_text("title: T\ncorpus: nowhere\narticles: [a]\n", encoding="utf-8")
    with pytest.raises(LessonError, match=r"corpus: .*nowhere does not exist"):
        lesson_articles(load_lesson(missing_corpus))
