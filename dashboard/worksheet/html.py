"""The HTML renderer of worksheets: one self-contained page, printable, everything escaped."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from analysis.classroom.lesson import Lesson
from analysis.classroom.questions import (
    FORMS,
    Question,
)
from dashboard.worksheet.content import (
    KEY_EVIDENCE,
    LINES_PER_QUESTION,
    Excerpt,
    Record,
    passage_key,
    plain_date,
    segments,
    whole,
)
from dashboard.worksheet.fonts import FONT
from dashboard.worksheet.sheet import Sheet, build_sheet

PAGE_CSS = {"A4": "A4", "Letter": "letter"}
_CSS = """
@page { size: %(paper)s; margin: 15mm; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #000; background: #fff;
       max-width: 190mm; margin: 0 auto; font-size: 11pt; line-height: 1.45; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 14pt; margin: 16pt 0 6pt;
     border-bottom: 1.5pt solid #000; } h3 { font-size: 12pt; margin: 10pt 0 4pt; }
.who { display: flex; gap: 24pt; margin: 6pt 0 12pt; } .who span { flex: 1;
       border-bottom: 1pt solid #000; padding-top: 14pt; }
table { border-collapse: collapse; width: 100%%; margin: 6pt 0; }
th, td { border: 1pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
.pairs { display: grid; grid-template-columns: 1fr 1fr; gap: 8pt; }
.excerpt { border: 1pt solid #000; padding: 6pt; break-inside: avoid; font-size: 10pt; }
.excerpt h3 { margin-top: 0; } .headline { font-weight: bold; margin-bottom: 4pt; }
.text { white-space: pre-wrap; }
.loaded { font-weight: bold; text-decoration: underline; text-decoration-thickness: 1.5pt; }
.quote { font-style: italic; }
.mask { background: #000; color: #000; }
.legend { font-size: 9pt; margin: 4pt 0; }
figure { margin: 10pt 0; break-inside: avoid; } figure svg { max-width: 100%%; height: auto; }
figcaption { font-size: 9pt; }
.question { break-inside: avoid; margin: 8pt 0; }
.write { border-bottom: 1pt solid #000; height: 20pt; }
.passage { border: 1pt solid #000; padding: 8pt; line-height: 2.4; font-size: 12pt; }
.key { break-before: page; page-break-before: always; }
.evidence { font-size: 9pt; margin: 2pt 0 0 12pt; }
footer { font-size: 8pt; margin-top: 16pt; border-top: 1pt solid #000; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _runs_html(text: str, excerpt: Excerpt, *, marks: bool = True) -> str:
    out = []
    for run, styles in segments(text, excerpt, marks=marks):
        chunk = _e(run)
        if styles:
            chunk = f'<span class="{" ".join(sorted(styles))}">{chunk}</span>'
        out.append(chunk)
    return "".join(out)


#: The styles of :func:`excerpt_html` (bold underline, italic, black bars), for a page to include.
EXCERPT_CSS = (
    "<style>.ws-text{white-space:pre-wrap;line-height:1.6}"
    ".ws-text .loaded{font-weight:bold;text-decoration:underline;text-decoration-thickness:2px}"
    ".ws-text .quote{font-style:italic}.ws-text .mask{background:#000;color:#000}</style>"
)


def excerpt_html(record: Record, excerpt: Excerpt, *, marks: bool = True) -> str:
    """An excerpt of an article as escaped HTML with the worksheet's marks (for a page: include
    :data:`EXCERPT_CSS` once)."""
    return (
        f"<div class='ws-text'>{_runs_html(record.get('text') or '', excerpt, marks=marks)}</div>"
    )


def _svg(drawing: Drawing) -> str:
    """A drawing as inline SVG (text escaped by ReportLab), without the XML prologue."""
    svg = renderSVG.drawToString(drawing)
    svg = svg[svg.index("<svg") :]
    return svg.replace(
        f"font-family: {FONT}", f"font-family: {FONT}, 'DejaVu Sans', Arial, sans-serif"
    )


def _question_html(number: int, question: Question, look_at: Sequence[tuple[str, str]]) -> str:
    lines = "".join('<div class="write"></div>' for _ in range(LINES_PER_QUESTION))
    quotes = "".join(
        f"<p class='evidence'>{_e(name)}: {_runs_html(words, whole(words))}</p>"
        for name, words in look_at
    )
    return f'<div class="question"><p><b>{number}.</b> {_e(question.text)}</p>{quotes}{lines}</div>'


def _articles_html(sheet: Sheet) -> str:
    rows = []
    for record in sheet.records:
        outlet = "" if sheet.blind else f"<td>{_e(record.get('outlet') or 'unknown outlet')}</td>"
        rows.append(
            f"<tr><td>{_e(sheet.names[str(record['id'])])}</td>{outlet}"
            f"<td>{_e(record.get('title'))}</td><td>{_e(record.get('date') or '–')}</td>"
            f"<td>{_e(record.get('words'))}</td></tr>"
        )
    head = "<th>article</th>" + ("" if sheet.blind else "<th>outlet</th>")
    return (
        f"<table><thead><tr>{head}<th>headline</th><th>date</th><th>words</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _page(title: str, sheet: Sheet, body: Sequence[str]) -> str:
    """A self-contained HTML document on ``sheet``'s paper with its footer (no script, nothing
    fetched: a strict CSP)."""
    return "".join(
        [
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">",
            f"<title>{_e(title)}</title><style>{_CSS % {'paper': PAGE_CSS[sheet.paper]}}</style>",
            "</head><body>",
            *body,
            f"<footer>{_e(sheet.footer)}</footer></body></html>\n",
        ]
    )


def _key_body(sheet: Sheet) -> list[str]:
    parts = [
        f"<h1>Answer key: {_e(sheet.title)}</h1>",
        "<p>For the teacher: what the tool found for each question on the worksheet. Keep it "
        "apart from the students' sheets. The tool's lists are not the truth: a good reason "
        "from a student counts too.</p>",
    ]
    if sheet.reveal:
        rows = "".join(
            f"<tr><td>{_e(r['label'])}</td><td>{_e(r['outlet'])}</td><td>{_e(r['title'])}</td>"
            f"<td>{_e(r.get('author') or '–')}</td><td>{_e(plain_date(r.get('date')))}</td></tr>"
            for r in sheet.reveal
        )
        parts.append(
            "<h2>Who published each article</h2><table><thead><tr><th>article</th>"
            "<th>outlet</th><th>headline</th><th>author</th><th>date</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append("<h2>The questions</h2>")
    for number, answer in enumerate(sheet.answers, start=1):
        evidence = "".join(f"<li>{_e(item)}</li>" for item in answer.evidence[:KEY_EVIDENCE])
        parts.append(
            f'<div class="question"><p><b>{number}.</b> {_e(answer.text)}</p>'
            f"<p><i>{_e(answer.form)}.</i> {_e(answer.finding)}</p>"
            + (f'<ul class="evidence">{evidence}</ul>' if evidence else "")
            + "</div>"
        )
    if sheet.passage:
        items = (
            "".join(f"<li>{_e(line)}</li>" for line in passage_key(sheet.passage_words))
            or "<li>The tool flags no word in this passage.</li>"
        )
        parts.append(f"<h2>Mark then reveal: the tool's words</h2><ul>{items}</ul>")
    return parts


def answer_key_html(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    paper: str = "A4",
    comparison: Mapping[str, Any] | None = None,
    letters: Mapping[str, str] | None = None,
    questions: Sequence[str] | None = None,
) -> str:
    """The teacher's answer key to :func:`worksheet_html` with the same arguments, as its own
    short document in plain words: who published each article (blind mode), what the tool
    found for each question on the sheet with the words it quotes, and the tool's words in the
    passage to mark. No character offsets, no field names.

    Raises:
        ValueError: unknown paper size.
        analysis.classroom.lesson.LessonError: the lesson names an article not among ``records``.
    """
    sheet = build_sheet(
        records,
        paper=paper,
        lesson=lesson,
        blind=blind,
        answers=True,
        comparison=comparison,
        letters=letters,
        questions=questions,
    )
    return _page(f"Answer key: {sheet.title}", sheet, _key_body(sheet))


def worksheet_html(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    paper: str = "A4",
    comparison: Mapping[str, Any] | None = None,
    letters: Mapping[str, str] | None = None,
    questions: Sequence[str] | None = None,
) -> str:
    """A self-contained, printable HTML worksheet for the students (the answer key is a
    separate document: :func:`answer_key_html`).

    Args:
        records: article dicts of the JSON contract (original, not blinded).
        lesson: a story-set lesson: its articles (picked from ``records``, in its order), title,
            note, questions and passage; its ``blind`` setting switches blind mode on.
        blind: hide outlets and every giveaway (Article A, B, C …).
        paper: "A4" or "Letter" (the CSS ``@page`` size; the layout fits both).
        comparison: the ``compare`` dict of ``records`` (computed when omitted).
        letters: article id -> label fixed for the session (blind mode); default A, B, C … in
            order.
        questions: ids of the questions to print (the teacher's choice); default
            :func:`analysis.classroom.questions.default_choice`.

    Raises:
        ValueError: unknown paper size.
        analysis.classroom.lesson.LessonError: the lesson names an article not among ``records``.
    """
    sheet = build_sheet(
        records,
        paper=paper,
        lesson=lesson,
        blind=blind,
        comparison=comparison,
        letters=letters,
        questions=questions,
    )
    texts = {str(r["id"]): r.get("text") or "" for r in sheet.records}
    parts = [
        f"<h1>{_e(sheet.title)}</h1>",
        '<div class="who"><span>Name:</span><span>Class:</span><span>Date:</span></div>',
    ]
    if sheet.intro:
        parts.append(f"<p>{_e(sheet.intro)}</p>")
    if sheet.blind:
        parts.append(
            "<p>The outlets are hidden: each article is a letter. Black bars hide names "
            "that would give the outlet away. Guess who published each one.</p>"
        )
    parts.append(f"<h2>The articles</h2>{_articles_html(sheet)}")
    parts.append(
        "<h2>Side by side</h2><p class='legend'>Key: <span class='loaded'>bold underlined</span>"
        " = a word from the loaded-word lists; <span class='quote'>italic</span> = quoted speech."
        "</p><div class='pairs'>"
    )
    for excerpt in sheet.excerpts:
        parts.append(
            f"<div class='excerpt'><h3>{_e(excerpt.name)}</h3>"
            f"<div class='headline'>{_runs_html(excerpt.headline, whole(excerpt.headline))}</div>"
            f"<div class='text'>{_runs_html(texts[excerpt.article], excerpt)}</div></div>"
        )
    parts.append("</div><h2>Key charts</h2>")
    for chart in sheet.charts:
        parts.append(
            f"<figure>{_svg(chart.drawing)}<figcaption><b>What this shows:</b> {_e(chart.what)} "
            f"<b>How it can mislead:</b> {_e(chart.mislead)}</figcaption></figure>"
        )
    parts.append("<h2>Questions</h2>")
    number = 0
    for form, heading in FORMS.items():
        asked = [q for q in sheet.questions if q.form == form]
        if asked:
            parts.append(f"<h3>{_e(heading)}</h3>")
        for question in asked:
            number += 1
            parts.append(_question_html(number, question, sheet.look_at.get(question.id, ())))
    if sheet.passage:
        parts.append(
            f"<h2>Mark then reveal</h2><p>Underline every word in this passage from "
            f"{_e(sheet.passage.name)} that you find loaded: a word that judges or stirs "
            "feelings. Then compare with the tool.</p>"
            "<div class='passage text'>"
            f"{_runs_html(texts[sheet.passage.article], sheet.passage, marks=False)}</div>"
        )
    return _page(sheet.title, sheet, parts)
