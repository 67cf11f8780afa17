"""Guided questions on a corpus that is not the seeds: every form of bias is asked about, every
pointer is valid, the wording stays near grade 8, and the answer key quotes the evidence."""

from __future__ import annotations

import pytest
import textstat

from analysis.classroom.blind import blind_records
from analysis.classroom.questions import (
    FORMS,
    NO_GROUP,
    Question,
    answer_key,
    article_names,
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
        "loaded.per_1k",
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
    assert any("characters" in e and "“" in e for e in first.evidence)
    speakers = next(a for a in key if a.form == FORMS["sourcing"])
    assert any("voices.speakers" in e for e in speakers.evidence)


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
