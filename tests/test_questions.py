"""Guided questions on a corpus that is not the seeds: every form of bias is asked about, every
pointer is valid, the wording stays near grade 8, and the answer key quotes the evidence."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter

import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from texts import ROOT

from analysis.classroom.blind import blind_records
from analysis.classroom.lesson import (
    SEEDS_LESSON,
    lesson_articles,
    load_lesson,
    passage_article,
    passage_span,
)
from analysis.classroom.marking import answer_forms, gives_away, passage_answers
from analysis.classroom.questions import (
    FORMS,
    NO_GROUP,
    SHEET_QUESTIONS,
    Question,
    answer_key,
    article_names,
    default_choice,
    guided_questions,
)
from analysis.io.output import article_to_dict
from analysis.pipeline import compare_records, score_article
from analysis.text.model import Article

STORY = "Border town shelter"
HARSH = Article(
    id="harsh",
    title="Illegal aliens flood tiny border town as reckless officials look away",
    source="fixtures/harsh.txt",
    outlet="Frontier Voice",
    event=STORY,
    text=(
        "Illegal aliens flood tiny border town as reckless officials look away\n\n"
        "A shocking wave of illegal aliens has overwhelmed the town of Dry Creek, and the "
        "disastrous response from the county is clearly a scandal.\n\n"
        "“We are being invaded, and nobody in Washington cares,” Sheriff Tom Barker said on "
        "Monday. “It is a catastrophe for every family here,” he insisted.\n\n"
        "Senator Ann Cole insisted that the shelter must close at once. “This so-called "
        "‘humane’ plan is a disgrace,” Cole said.\n\n"
        "Of course, the county board admitted that it had no plan. Illegals crowd the streets "
        "every night, and the so-called “welcome centre” is an absolute failure.\n\n"
        "The mayor claimed the shelter was safe, but residents are furious."
    ),
)
CALM = Article(
    id="calm",
    title="Border town opens shelter for asylum seekers",
    source="fixtures/calm.txt",
    outlet="Valley Courier",
    event=STORY,
    text=(
        "Border town opens shelter for asylum seekers\n\n"
        "The town of Dry Creek opened a temporary shelter on Monday for asylum seekers who "
        "crossed the border last week, county officials said.\n\n"
        "“Our goal is to keep people safe while their cases are heard,” county manager Rosa "
        "Diaz said. She said the shelter has 120 beds and a small clinic.\n\n"
        "Professor Lee Han, a migration researcher at the state university, said the number of "
        "arrivals was similar to last spring. “This is a normal seasonal rise,” Han said.\n\n"
        "Some residents asked for more information about costs. The county will hold a public "
        "meeting on Thursday, a spokeswoman for the county said.\n\n"
        "Undocumented immigrants and asylum seekers at the shelter receive meals and legal "
        "advice, the manager said."
    ),
)
BRIEF = Article(
    id="brief",
    title="Shelter opens in Dry Creek",
    source="fixtures/brief.txt",
    outlet="Wire Desk",
    event=STORY,
    text=(
        "Shelter opens in Dry Creek\n\n"
        "The town of Dry Creek opened a temporary shelter on Monday for asylum seekers who "
        "crossed the border last week, county officials said.\n\n"
        "“Our goal is to keep people safe while their cases are heard,” county manager Rosa "
        "Diaz said. She said the shelter has 120 beds and a small clinic.\n\n"
        "The sheriff said the town was overwhelmed and called it a crisis."
    ),
)


@pytest.fixture(scope="module")
def records():
    return [article_to_dict(score_article(a)) for a in (HARSH, CALM, BRIEF)]


@pytest.fixture(scope="module")
def comparison(records):
    return compare_records(records).to_dict()


@pytest.fixture(scope="module")
def questions(records, comparison):
    return guided_questions(records, comparison=comparison)


def test_every_form_of_bias_gets_questions(questions):
    forms = {q.form for q in questions}
    assert forms == set(FORMS) - {"teacher"}
    assert [q.id for q in questions if q.form == "word_choice"][:1] == ["word_choice-1"]
    assert len({q.id for q in questions}) == len(questions)


def test_every_pointer_is_a_valid_span_or_a_known_figure(questions, records):
    texts = {r["id"]: r["text"] for r in records}
    figures = {
        "loaded.own_per_1k",
        "sentiment.narrator_mean",
        "sentiment.quoted_mean",
        "voices.speakers",
        "distinctive_terms",
        "pairs",
    }
    for question in questions:
        assert question.points, question.id
        assert question.finding
        for point in question.points:
            assert point.article in texts
            if point.figure is None:
                assert 0 <= point.start < point.end <= len(texts[point.article])
                assert texts[point.article][point.start : point.end].strip()
            else:
                assert point.figure in figures and point.start is None


def test_questions_quote_the_words_they_point_at(questions, records):
    texts = {r["id"]: r["text"] for r in records}
    loaded = next(q for q in questions if q.id == "word_choice-1")
    assert "Article A (Frontier Voice)" in loaded.text
    spans = [texts[p.article][p.start : p.end] for p in loaded.points if p.figure is None]
    assert len(spans) == 3
    for words in spans:
        assert f"“{words}”" in loaded.text
    naming = next(q for q in questions if q.form == "naming" and "same people" in q.text)
    assert "“illegal aliens”" in naming.text
    assert "“asylum seekers”" in naming.text or "“undocumented immigrants”" in naming.text


def test_a_reporting_verb_that_takes_a_side_is_asked_about(questions):
    verbs = next(q for q in questions if "different from “said”" in q.text)
    assert "“insisted”" in verbs.text and "assertive" in verbs.finding


def test_reuse_and_balance_are_found(questions):
    selection = " ".join(q.text for q in questions if q.form == "selection")
    assert "repeats long parts of" in selection
    balance = [q for q in questions if q.form == "balance"]
    assert balance


def test_grade_level_of_the_questions(questions):
    """Flesch-Kincaid grade of all generated questions as one text (measured: about 4-6)."""
    text = " ".join(q.text for q in questions)
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 8.0, grade
    assert max(textstat.flesch_kincaid_grade(q.text) for q in questions) <= 12.0


def test_answer_key_gives_findings_and_quoted_evidence(questions, records, comparison):
    key = answer_key(questions, records, comparison=comparison)
    assert [a.question for a in key] == [q.id for q in questions]
    first = key[0]
    assert first.form == FORMS["word_choice"]
    assert any("per 1,000 words" in e for e in first.evidence)
    assert any(e.startswith("In Article A") and "“" in e for e in first.evidence)
    speakers = next(a for a in key if a.form == FORMS["sourcing"])
    assert any("who is quoted" in e for e in speakers.evidence)
    for answer in key:  # plain words: no offsets, no field names
        for line in (answer.finding, *answer.evidence):
            assert not re.search(r"(?<![\d.])\d+[-–]\d+(?![\d.])|characters \d", line), line
            assert not re.search(r"\b(?:start|end|per_1k|speaker_group|z=)\b|\w\.\w+_", line)


def test_default_choice_takes_one_of_each_form_first(questions):
    teacher = guided_questions(
        [], teacher=["Which one would you trust?", "What is left out?", "Who wrote it?"]
    )
    every = [*questions, *teacher]
    chosen = default_choice(every)
    assert len(chosen) == SHEET_QUESTIONS == 7
    picked = [q for q in every if q.id in chosen]
    assert {q.form for q in picked} == set(FORMS)
    counts = Counter(q.form for q in picked)
    assert max(counts.values()) - min(counts.values()) <= 1  # round by round
    assert [q.id for q in every if q.id in chosen] == chosen  # the questions' own order
    assert default_choice(every, size=3) == ["word_choice-1", "sourcing-1", "naming-1"]
    assert "teacher-1" not in default_choice(every, skip=["teacher-1"])
    assert default_choice([]) == []


SENTENCES = [
    sentence.strip()
    for article in (HARSH, CALM, BRIEF)
    for paragraph in article.text.split("\n\n")[1:]
    for sentence in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", paragraph)
]


@st.composite
def corpora(draw):
    """Two or three articles of sentences drawn from the fixtures, in any order and mix, with one
    paragraph chosen as the mark-the-words passage."""
    count = draw(st.integers(2, 3))
    articles = []
    for n in range(count):
        paragraphs = draw(
            st.lists(
                st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), min_size=1, max_size=4
            )
        )
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        articles.append(
            Article(
                id=f"a{n}",
                title=f"Report {n}",
                source=f"gen/{n}.txt",
                outlet=f"Outlet {n}",
                event=STORY,
                text=f"Report {n}\n\n{body}",
            )
        )
    records = [article_to_dict(score_article(a)) for a in articles]
    record = draw(st.sampled_from(records))
    starts = [m.start() for m in re.finditer(r"(?<=\n\n)\S", record["text"])]
    start = draw(st.sampled_from(starts))
    end = record["text"].find("\n\n", start)
    return records, record, start, len(record["text"]) if end < 0 else end


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_no_question_contains_an_answer_of_the_exercise(corpus):
    records, record, start, end = corpus
    answers = passage_answers(record, start, end)
    forms = answer_forms(answers)
    comparison = compare_records(records).to_dict()
    asked = guided_questions(records, comparison=comparison, withhold=answers)
    for question in asked:
        assert not gives_away(question.text, forms), (answers, question.text)
    # withholding nothing asks at least as many questions (the rule only removes words)
    assert len(guided_questions(records, comparison=comparison)) >= len(asked)


def test_the_seeds_lesson_questions_keep_the_passage_answers_out(seed_lesson):
    records, passage, asked = seed_lesson
    answers = passage_answers(*passage)
    assert {"gaffe", "overly zealous denial"} <= set(answers)
    forms = answer_forms(answers)
    assert asked and not any(gives_away(q.text, forms) for q in asked)
    unguarded = guided_questions(records, comparison=compare_records(records).to_dict())
    assert any(gives_away(q.text, forms) for q in unguarded)  # the old giveaway is real


@pytest.fixture(scope="module")
def seed_lesson():
    lesson = load_lesson(SEEDS_LESSON)
    articles, _ = lesson_articles(lesson)
    records = [article_to_dict(score_article(a)) for a in articles]
    position = [a.id for a in articles].index(passage_article(lesson, articles).id)
    start, end = passage_span(lesson, records[position])
    passage = (records[position], start, end)
    asked = guided_questions(
        records,
        comparison=compare_records(records).to_dict(),
        teacher=lesson.questions,
        withhold=passage_answers(*passage),
    )
    return records, passage, asked


def test_blinded_records_get_lettered_questions_without_outlets(records):
    blinded, _ = blind_records(records, profiles={})
    asked = guided_questions(blinded, comparison=compare_records(blinded).to_dict())
    text = " ".join(q.text + q.finding for q in asked)
    for outlet in ("Frontier Voice", "Valley Courier", "Wire Desk"):
        assert outlet not in text
    assert "Article A" in text and "Article B" in text


def test_teacher_questions_come_last_and_point_at_nothing(records):
    asked = guided_questions(records, teacher=["  Who   would you trust? ", " "])
    assert asked[-1] == Question("teacher-1", "teacher", "Who would you trust?", (), "")
    key = answer_key(asked, records)
    assert "no finding" in key[-1].finding


def test_single_article_gets_no_comparisons(records):
    asked = guided_questions(records[:1])
    assert asked and all(q.form != "selection" for q in asked)
    assert not any("Article B" in q.text for q in asked)


def test_nothing_to_ask_about_an_empty_article():
    record = article_to_dict(score_article(Article(id="e", text="", title="e", source="x")))
    assert guided_questions([record]) == []


def test_names_letter_articles_and_flatten_brackets():
    names = article_names(
        [
            {"id": "x", "outlet": "Indian outlet (unnamed)"},
            {"id": "y"},
            {"id": "Article C", "outlet": "Article C"},
        ]
    )
    assert names == {
        "x": "Article A (Indian outlet, unnamed)",
        "y": "Article B",
        "Article C": "Article C",
    }


def test_unknown_speaker_group_has_a_plain_name():
    assert NO_GROUP == "speakers with no group found"


def test_questions_do_not_depend_on_the_process_hash_seed():
    """The same corpus asks the same questions in every process (the worksheet and its answer
    key are made apart, by the page or the command line): ties never break by set order."""
    script = (
        "from analysis.classroom.lesson import SEEDS_LESSON, lesson_articles, load_lesson\n"
        "from analysis.classroom.questions import guided_questions\n"
        "from analysis.io.output import article_to_dict\n"
        "from analysis.pipeline import compare_records, score_article\n"
        "articles, _ = lesson_articles(load_lesson(SEEDS_LESSON))\n"
        "records = [article_to_dict(score_article(a)) for a in articles]\n"
        "for q in guided_questions(records, comparison=compare_records(records).to_dict()):\n"
        "    print(q.id, q.text)\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")  # 1 and 2 once named different pairs of articles
    }
    assert len(outputs) == 1 and "naming-1" in outputs.pop()
