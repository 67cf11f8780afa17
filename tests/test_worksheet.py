"""Worksheets: valid escaped HTML, PDFs that open with the questions in them, A4 and Letter,
a separate answer key, and PDF rendering with no network."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pypdf
import pytest
from offline import run_offline
from texts import ROOT, seed_paths

from analysis.classroom.lesson import SEEDS_LESSON, load_lesson
from analysis.classroom.marking import answer_forms, gives_away, passage_answers
from analysis.classroom.questions import FORMS, SHEET_QUESTIONS
from analysis.io.corpus import load_corpus
from analysis.io.output import article_to_dict
from analysis.pipeline import score_article
from analysis.text.model import Article
from dashboard.worksheet.content import PAPERS, excerpt_for
from dashboard.worksheet.html import (
    EXCERPT_CSS,
    answer_key_html,
    excerpt_html,
    worksheet_html,
)
from dashboard.worksheet.pdf import answer_key_pdf, worksheet_pdf
from dashboard.worksheet.sheet import build_sheet

HOSTILE = Article(
    id="hostile",
    title="Injected <script>window.__pwned=1</script> headline",
    source="fixtures/hostile.txt",
    outlet="<b>Bold</b> & Co",
    text=(
        "Injected <script>window.__pwned=1</script> headline\n\n"
        'The body has <img src=x onerror="window.__pwned=1"> in it, officials said on Tuesday. '
        "Critics called the reckless plan a shameful disaster.\n\n"
        "“It is a terrible idea &amp; a scandal,” the senator said. The mayor insisted it was "
        "fine."
    ),
)
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "source", "wbr", "area", "base"}
POINTS = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0)}


class TagChecker(HTMLParser):
    """Collects structural errors: a closing tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def check_html(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    assert page.startswith("<!DOCTYPE html>")
    return checker


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    return [
        re.sub(r"^Framing dashboard worksheet · method version \S+ · page \d+ ", "", p)
        for p in pages
    ]


@pytest.fixture(scope="module")
def seeds():
    return [article_to_dict(score_article(a)) for a in load_corpus(seed_paths()).articles]


@pytest.fixture(scope="module")
def hostile():
    return [article_to_dict(score_article(HOSTILE))]


@pytest.mark.parametrize("make", [worksheet_html, answer_key_html])
def test_html_is_well_formed_and_escaped(hostile, make):
    page = make(hostile, blind=make is answer_key_html)  # the key's reveal names the outlet
    checker = check_html(page)
    assert "script" not in checker.tags and "img" not in checker.tags and "b" in checker.tags
    assert "<script>" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page
    if make is worksheet_html:
        assert "&amp;amp;" in page  # the article's own "&amp;" shows as typed


def test_html_has_every_part(seeds):
    lesson = load_lesson(SEEDS_LESSON)
    sheet = build_sheet(seeds, lesson=lesson)
    page = worksheet_html(seeds, lesson=lesson, paper="Letter")
    check_html(page)
    assert "@page { size: letter" in page
    assert page.count("<svg") == len(sheet.charts) == 3
    assert page.count("class='excerpt'") == 5
    flagged = sum(len(e.loaded) for e in sheet.excerpts)
    marked = len(re.findall(r'class="[^"]*\bloaded\b', page))
    assert marked >= flagged >= 3 and 'class="quote"' in page
    for question in sheet.questions:
        assert question.text.split("“")[0].replace("'", "&#x27;") in page
    assert "Which article would you trust most" in page  # a teacher's question
    assert "Wang’s gaffe and the Party media" in page  # the lesson's passage
    assert "answer key" not in page.lower() and "The Epoch Times" not in page  # blind lesson
    assert len(page.encode()) < 300_000


def test_the_sheet_carries_the_default_questions_covering_every_form(seeds):
    lesson = load_lesson(SEEDS_LESSON)
    sheet = build_sheet(seeds, lesson=lesson)
    assert len(sheet.questions) == SHEET_QUESTIONS
    assert {q.form for q in sheet.questions} == set(FORMS)  # all five forms and the teacher's
    chosen = [sheet.questions[1].id, sheet.questions[-1].id]
    mine = build_sheet(seeds, lesson=lesson, questions=chosen)
    assert [q.id for q in mine.questions] == chosen
    page = worksheet_html(seeds, lesson=lesson, questions=chosen)
    assert page.count('class="question"') == 2


def test_nothing_on_the_sheet_gives_the_passage_away(seeds):
    lesson = load_lesson(SEEDS_LESSON)
    sheet = build_sheet(seeds, lesson=lesson, questions=None)
    every = build_sheet(
        seeds, lesson=lesson, questions=[f"{f}-{n}" for f in FORMS for n in (1, 2, 3)]
    )
    record = next(r for r in sheet.records if str(r["id"]) == sheet.passage.article)
    answers = passage_answers(record, sheet.passage.start, sheet.passage.end)
    assert "gaffe" in answers
    forms = answer_forms(answers)
    for question in every.questions:
        if question.form != "teacher":
            assert not gives_away(question.text, forms), question.text
        for _, words in every.look_at.get(question.id, ()):
            assert not gives_away(words, forms), words
    for excerpt in every.excerpts:  # no excerpt shows the passage with its words marked
        if excerpt.article == sheet.passage.article:
            assert excerpt.end <= sheet.passage.start or sheet.passage.end <= excerpt.start


#: What the answer key must never show: character offsets ("123-145", "characters 12") and
#: field names of the JSON contract.
OFFSETS = re.compile(r"(?<![\d.,])\d+\s*[-–]\s*\d+(?![\d.,])|\bcharacters?\s+\d")
FIELD_NAMES = re.compile(
    r"\b(?:start|end|speaker_group|per_1k|own_per_1k|narrator_mean|quoted_mean|in_quote|z=|"
    r"distinctive_terms|loaded\.|voices\.|sentiment\.|name_calling|loaded_verb)\b"
)


def test_answer_key_is_its_own_short_document_in_plain_words(seeds):
    lesson = load_lesson(SEEDS_LESSON)
    key = answer_key_html(seeds, lesson=lesson, paper="Letter")
    check_html(key)
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", key, flags=re.S)
    assert "Answer key" in text and "Who published each article" in text
    assert "The Epoch Times" in text and "CNN" in text and "December 2020" in text
    assert "gaffe" in text and "Mark then reveal: the tool's words" in text
    assert not OFFSETS.search(text), OFFSETS.search(text)
    assert not FIELD_NAMES.search(text), FIELD_NAMES.search(text)
    assert text.count("Answer key") >= 1 and "Name:" not in text  # not the students' sheet
    assert len(re.findall(r'class="question"', key)) == SHEET_QUESTIONS
    pdf = " ".join(pdf_pages(answer_key_pdf(seeds, lesson=lesson)))
    assert pdf.startswith("Answer key: Who is meddling?")
    assert not OFFSETS.search(pdf) and not FIELD_NAMES.search(pdf)
    assert len(pdf_pages(answer_key_pdf(seeds, lesson=lesson))) <= 4  # short


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_pdf_opens_with_pages_of_the_right_size_and_the_questions(seeds, paper):
    sheet = build_sheet(seeds, answers=False)
    data = worksheet_pdf(seeds, paper=paper)
    reader = pypdf.PdfReader(io.BytesIO(data))
    width, height = POINTS[paper]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)
    assert 3 <= len(reader.pages) <= 8
    text = " ".join(pdf_pages(data))
    assert "Comparing news articles" in text
    for number, question in enumerate(sheet.questions, start=1):
        start = " ".join(question.text.split()[:6])
        assert f"{number}. {start}" in text, start
    for title in ("Tone: the writer", "Loaded words per 1,000", "Who is quoted: share"):
        assert title in text
    assert "Teacher's answer key" not in text


def test_pdf_worksheet_and_answer_key_are_apart(seeds):
    lesson = load_lesson(SEEDS_LESSON)
    sheet = " ".join(pdf_pages(worksheet_pdf(seeds, lesson=lesson)))
    key = " ".join(pdf_pages(answer_key_pdf(seeds, lesson=lesson)))
    assert "Answer key" not in sheet and "Who published" not in sheet and "CNN" not in sheet
    assert "Who published each article" in key and "CNN" in key
    assert "gaffe" in key and "Mark then reveal: the tool's words" in key


def test_hostile_pdf_shows_the_characters(hostile):
    text = " ".join(pdf_pages(worksheet_pdf(hostile)))
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text


def test_unknown_paper_is_refused(hostile):
    with pytest.raises(ValueError, match="unknown paper"):
        worksheet_html(hostile, paper="A5")
    with pytest.raises(ValueError, match="unknown paper"):
        worksheet_pdf(hostile, paper="legal")


def test_pdf_renders_with_no_network_and_no_browser():
    done = run_offline(
        """
        import os, sys
        os.environ["PATH"] = ""  # no chromium, no other program
        from analysis.io.corpus import load_corpus
        from analysis.io.output import article_to_dict
        from analysis.pipeline import score_corpus
        from dashboard.worksheet.pdf import answer_key_pdf, worksheet_pdf
        records = [article_to_dict(s) for s in score_corpus(load_corpus(["seeds"]).articles)]
        data = worksheet_pdf(records, blind=True) + answer_key_pdf(records, blind=True)
        sys.stdout.write(str(len(data)) if data.startswith(b"%PDF") else "not a pdf")
        """
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"\d{5,}", done.stdout)


def test_excerpt_html_for_pages_is_escaped_and_marked(hostile):
    record = hostile[0]
    excerpt = excerpt_for(record, "Article A")
    snippet = excerpt_html(record, excerpt)
    check = TagChecker()
    check.feed(snippet)
    assert check.errors == [] and check.stack == [] and set(check.tags) <= {"div", "span"}
    assert 'class="loaded"' in snippet and "&lt;img src=x" in snippet
    assert "<style>" in EXCERPT_CSS and ".ws-text .loaded" in EXCERPT_CSS


def test_worksheet_command_writes_pdf_and_html(tmp_path, capsys):
    from dashboard.__main__ import main

    pdf = tmp_path / "out" / "sheet.pdf"
    assert main(["worksheet", "--lesson", str(SEEDS_LESSON), "--out", str(pdf), "--answers"]) == 0
    pages = pdf_pages(pdf.read_bytes())
    assert pages[0].startswith("Answer key: Who is meddling?")
    assert "Name:" not in " ".join(pages)
    page = tmp_path / "sheet.html"
    status = main(
        ["worksheet", str(ROOT / "seeds"), "--out", str(page), "--blind", "--paper", "Letter"]
    )
    assert status == 0
    text = page.read_text(encoding="utf-8")
    assert "@page { size: letter" in text and "Article E" in text and "CNN" not in text
    assert "wrote" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "x.docx"], "--out must end in .html or .pdf"),
        (["--out", "x.pdf"], "give the articles (PATH...) or a --lesson"),
        (["nowhere", "--out", "x.pdf"], "nowhere"),
        (["--lesson", "missing.yaml", "--out", "x.pdf"], "missing.yaml"),
    ],
)
def test_worksheet_command_usage_errors(tmp_path, capsys, monkeypatch, argv, message):
    from dashboard.__main__ import main

    monkeypatch.chdir(tmp_path)
    assert main(["worksheet", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_worksheet_command_reports_a_lesson_article_missing_from_the_paths(tmp_path, capsys):
    from dashboard.__main__ import main

    only = str(seed_paths()[0])
    out = tmp_path / "x.pdf"
    assert main(["worksheet", only, "--lesson", str(SEEDS_LESSON), "--out", str(out)]) == 2
    assert "no article 002_de722205fcaa0106 in the corpus" in capsys.readouterr().err
    assert not out.exists()
