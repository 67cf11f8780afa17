"""The PDF renderer of worksheets, drawn by ReportLab alone (pure Python, no browser)."""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from analysis.classroom.lesson import Lesson
from analysis.classroom.questions import (
    FORMS,
)
from dashboard.worksheet.content import (
    KEY_EVIDENCE,
    LINES_PER_QUESTION,
    PAPERS,
    Excerpt,
    Record,
    passage_key,
    plain_date,
    segments,
    whole,
)
from dashboard.worksheet.fonts import FONT, fonts, pdf_safe
from dashboard.worksheet.print_charts import colour
from dashboard.worksheet.sheet import Sheet, build_sheet

MARGIN = 15 * mm


class _WriteLines(Flowable):
    """Ruled lines to write an answer on."""

    def __init__(self, count: int, *, gap: float = 20) -> None:
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        for k in range(self.count):
            y = (self.count - k - 1) * self.gap + 2
            self.canv.setLineWidth(0.6)
            self.canv.line(0, y, self.width, y)


def _styles() -> dict[str, ParagraphStyle]:
    fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=f"{FONT}-Bold", fontSize=17, leading=21, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=13,
            leading=17,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "passage": ParagraphStyle("passage", parent=base, fontSize=12, leading=30),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "quote": ParagraphStyle(
            "quote", parent=base, fontSize=9, leading=12, leftIndent=14, spaceBefore=2
        ),
    }


def _x(text: str) -> str:
    """Escape for ReportLab's paragraph markup, font-safe, line breaks kept."""
    return html.escape(pdf_safe(text), quote=False).replace("\n", "<br/>")


def _runs_pdf(text: str, excerpt: Excerpt, *, marks: bool = True) -> str:
    out = []
    for run, styles in segments(text, excerpt, marks=marks):
        if "mask" in styles:
            out.append(f'<font backColor="#000000" color="#000000">{"x" * len(run)}</font>')
            continue
        chunk = _x(run)
        if "loaded" in styles:
            chunk = f"<u><b>{chunk}</b></u>"
        if "quote" in styles:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


def _table(rows: list[list[Any]], widths: Sequence[float] | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colour("#000000")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
            ]
        )
    )
    return table


def _key_pdf(sheet: Sheet, st: Mapping[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(_x(f"Answer key: {sheet.title}"), st["h1"]),
        Paragraph(
            "For the teacher: what the tool found for each question on the worksheet. Keep it "
            "apart from the students' sheets. The tool's lists are not the truth: a good reason "
            "from a student counts too.",
            st["body"],
        ),
    ]
    if sheet.reveal:
        story.append(Paragraph("Who published each article", st["h2"]))
        rows = [
            [
                Paragraph(_x(h), st["cell"])
                for h in ("article", "outlet", "headline", "author", "date")
            ]
        ]
        rows += [
            [
                Paragraph(_x(str(r.get(k) or "–")), st["cell"])
                for k in ("label", "outlet", "title", "author")
            ]
            + [Paragraph(_x(plain_date(r.get("date"))), st["cell"])]
            for r in sheet.reveal
        ]
        story.append(_table(rows, [60, 95, 210, 70, 65]))
    story.append(Paragraph("The questions", st["h2"]))
    for number, answer in enumerate(sheet.answers, start=1):
        items = [
            Paragraph(f"<b>{number}.</b> {_x(answer.text)}", st["body"]),
            Paragraph(f"<i>{_x(answer.form)}.</i> {_x(answer.finding)}", st["body"]),
        ]
        items += [Paragraph(f"• {_x(e)}", st["small"]) for e in answer.evidence[:KEY_EVIDENCE]]
        items.append(Spacer(1, 6))
        story.append(KeepTogether(items))
    if sheet.passage:
        story.append(Paragraph("Mark then reveal: the tool's words", st["h2"]))
        lines = passage_key(sheet.passage_words) or ["The tool flags no word in this passage."]
        story += [Paragraph(f"• {_x(line)}", st["body"]) for line in lines]
    return story


def _build(story: list[Flowable], sheet: Sheet, title: str) -> bytes:
    """Lay the flowables out on pages of the sheet's paper with its footer; the PDF's bytes."""

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, MARGIN / 2, f"{sheet.footer} · page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAPERS[sheet.paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="",
        subject="",
        creator="framing dashboard",
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def answer_key_pdf(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    paper: str = "A4",
    comparison: Mapping[str, Any] | None = None,
    letters: Mapping[str, str] | None = None,
    questions: Sequence[str] | None = None,
) -> bytes:
    """The teacher's answer key as its own short PDF, in plain words (as
    :func:`~dashboard.worksheet.html.answer_key_html`)."""
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
    return _build(_key_pdf(sheet, _styles()), sheet, f"Answer key: {sheet.title}")


def worksheet_pdf(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    paper: str = "A4",
    comparison: Mapping[str, Any] | None = None,
    letters: Mapping[str, str] | None = None,
    questions: Sequence[str] | None = None,
) -> bytes:
    """The same worksheet as the HTML one, as PDF bytes drawn by ReportLab (offline, no browser).

    Arguments as for :func:`~dashboard.worksheet.html.worksheet_html`; ``paper`` sets the page
    size. The answer key is its own document: :func:`answer_key_pdf`.
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
    st = _styles()
    texts = {str(r["id"]): r.get("text") or "" for r in sheet.records}
    page_w, _ = PAPERS[sheet.paper]
    width = page_w - 2 * MARGIN
    story: list[Flowable] = [
        Paragraph(_x(sheet.title), st["h1"]),
        _table(
            [
                [
                    Paragraph("Name:", st["body"]),
                    Paragraph("Class:", st["body"]),
                    Paragraph("Date:", st["body"]),
                ]
            ],
            [width / 2, width / 4, width / 4],
        ),
        Spacer(1, 6),
    ]
    if sheet.intro:
        story.append(Paragraph(_x(sheet.intro), st["body"]))
    if sheet.blind:
        story.append(
            Paragraph(
                "The outlets are hidden: each article is a letter. Black bars hide "
                "names that would give the outlet away. Guess who published each one.",
                st["body"],
            )
        )
    story.append(Paragraph("The articles", st["h2"]))
    head = ["article", *([] if sheet.blind else ["outlet"]), "headline", "date", "words"]
    rows = [[Paragraph(h, st["cell"]) for h in head]]
    for record in sheet.records:
        excerpt = whole(str(record.get("title") or ""))
        cells = [sheet.names[str(record["id"])]]
        if not sheet.blind:
            cells.append(record.get("outlet") or "unknown outlet")
        row = [Paragraph(_x(str(c)), st["cell"]) for c in cells]
        row.append(Paragraph(_runs_pdf(str(record.get("title") or ""), excerpt), st["cell"]))
        row += [Paragraph(_x(str(record.get(k) or "–")), st["cell"]) for k in ("date", "words")]
        rows.append(row)
    fixed = 70 + (0 if sheet.blind else 80) + 55 + 40
    story.append(_table(rows, [70, *([] if sheet.blind else [80]), width - fixed, 55, 40]))
    story.append(Paragraph("Side by side", st["h2"]))
    story.append(
        Paragraph(
            "Key: <u><b>bold underlined</b></u> = a word from the loaded-word lists; "
            "<i>italic</i> = quoted speech.",
            st["small"],
        )
    )
    cells = []
    for excerpt in sheet.excerpts:
        cells.append(
            [
                Paragraph(_x(excerpt.name), st["h3"]),
                Paragraph(
                    f"<b>{_runs_pdf(excerpt.headline, whole(excerpt.headline))}</b>", st["cell"]
                ),
                Spacer(1, 3),
                Paragraph(_runs_pdf(texts[excerpt.article], excerpt), st["cell"]),
            ]
        )
    pairs = [
        cells[i : i + 2] + ([[]] if len(cells[i : i + 2]) == 1 else [])
        for i in range(0, len(cells), 2)
    ]
    if pairs:
        grid = Table(pairs, colWidths=[width / 2] * 2)
        grid.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, colour("#000000")),
                    ("INNERGRID", (0, 0), (-1, -1), 0.6, colour("#000000")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    story.append(CondPageBreak(120))
    story.append(Paragraph("Key charts", st["h2"]))
    for chart in sheet.charts:
        story.append(
            KeepTogether(
                [
                    chart.drawing,
                    Paragraph(
                        f"<b>What this shows:</b> {_x(chart.what)} "
                        f"<b>How it can mislead:</b> {_x(chart.mislead)}",
                        st["small"],
                    ),
                    Spacer(1, 8),
                ]
            )
        )
    story.append(Paragraph("Questions", st["h2"]))
    number = 0
    for form, heading in FORMS.items():
        asked = [q for q in sheet.questions if q.form == form]
        for k, question in enumerate(asked):
            number += 1
            block: list[Flowable] = [Paragraph(_x(heading), st["h3"])] if k == 0 else []
            block += [
                Paragraph(f"<b>{number}.</b> {_x(question.text)}", st["body"]),
                *(
                    Paragraph(f"{_x(name)}: {_runs_pdf(words, whole(words))}", st["quote"])
                    for name, words in sheet.look_at.get(question.id, ())
                ),
                _WriteLines(LINES_PER_QUESTION),
                Spacer(1, 4),
            ]
            story.append(KeepTogether(block))
    if sheet.passage:
        story.append(
            KeepTogether(
                [
                    Paragraph("Mark then reveal", st["h2"]),
                    Paragraph(
                        "Underline every word in this passage from "
                        f"{_x(sheet.passage.name)} that you find loaded: a word that judges or "
                        "stirs feelings. Then compare with the tool.",
                        st["body"],
                    ),
                    Spacer(1, 4),
                    Paragraph(
                        _runs_pdf(texts[sheet.passage.article], sheet.passage, marks=False),
                        st["passage"],
                    ),
                ]
            )
        )
    return _build(story, sheet, sheet.title)
