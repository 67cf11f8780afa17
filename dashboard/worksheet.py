"""Printable worksheets for a class: HTML and PDF, A4 or Letter, black-and-white safe.

A worksheet carries: the articles (lettered A, B, C …; outlets hidden in blind mode),
side-by-side excerpts with the evidence marked, three key charts, the guided questions of
:mod:`analysis.questions` (plus the teacher's own) with lines to write on, a passage to mark for
mark-then-reveal, and, with ``answers=True``, a separate teacher's answer key on its own pages
(the reveal of the outlets, what the tool found for each question, the tool's flagged words in
the passage with their reasons).

Nothing depends on colour: loaded words are **bold and underlined**, quoted speech is *italic*,
hidden giveaways are solid black bars, chart series differ by fill (black, white, greys) and are
labelled by number or value. The PDF is drawn by ReportLab alone (pure Python, no browser):
charts with ``reportlab.graphics`` (the same drawings become inline SVG in the HTML version),
text in the Bitstream Vera fonts that ship inside ReportLab (typographic quotes and dashes
included; a character the font lacks prints as "?"). Everything from an article is escaped.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

import analysis
from analysis.blind import MASK, Blinder, reveal_table
from analysis.lesson import Lesson, passage_article, passage_span, select_articles
from analysis.marking import flagged_matches
from analysis.output import article_from_record
from analysis.questions import FORMS, Answer, Question, answer_key, article_names, guided_questions
from analysis.text import segment

Record = Mapping[str, Any]

#: Paper sizes (points) by the names the ``paper`` option takes.
PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "Letter": letter}
PAGE_CSS = {"A4": "A4", "Letter": "letter"}
MARGIN = 15 * mm
#: Drawing width in points: fits the text width of both A4 and Letter with 15 mm margins.
CHART_WIDTH = 500
EXCERPT_CHARS = 650
LINES_PER_QUESTION = 3
FONT = "Vera"
_FONT_FILES = {
    "Vera": "Vera.ttf",
    "Vera-Bold": "VeraBd.ttf",
    "Vera-Italic": "VeraIt.ttf",
    "Vera-BoldItalic": "VeraBI.ttf",
}
_GREYS = ("#000000", "#ffffff", "#8c8c8c", "#d9d9d9", "#4d4d4d", "#f2f2f2", "#b3b3b3")
_MASK_RUN = re.compile(f"{MASK}+")


# --- what the sheet shows ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A part of one article shown on the sheet, with its marks.

    Attributes:
        article: the article id (as shown: a label in blind mode).
        name: how the sheet names the article.
        headline: the headline (masked in blind mode).
        start: first character of the excerpt.
        end: one past its last character.
        loaded: spans of flagged loaded words inside it.
        quotes: spans of quotations inside it.
    """

    article: str
    name: str
    headline: str
    start: int
    end: int
    loaded: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PrintChart:
    """A chart for print: title, what it shows, how it can mislead, and the drawing."""

    title: str
    what: str
    mislead: str
    drawing: Drawing


@dataclass(frozen=True, slots=True)
class Sheet:
    """Everything a worksheet shows, computed once for both the HTML and the PDF.

    Attributes:
        title: the lesson's title or a default.
        intro: the note for the class.
        blind: whether outlets are hidden.
        records: the articles as shown (blinded in blind mode), in order.
        names: article id -> name on the sheet.
        excerpts: one excerpt per article.
        charts: the key charts.
        questions: guided and teacher questions.
        look_at: question id -> (article name, quoted span) pairs the question points at and
            does not quote itself (at most two, shortened).
        passage: the excerpt to mark (no marks shown), or None.
        passage_words: the tool's flagged words in the passage (for the key).
        answers: the answer key entries.
        reveal: label -> outlet, title, author, date (blind mode), for the key.
        footer: one line naming the method version.
    """

    title: str
    intro: str
    blind: bool
    records: tuple[Record, ...]
    names: Mapping[str, str]
    excerpts: tuple[Excerpt, ...]
    charts: tuple[PrintChart, ...]
    questions: tuple[Question, ...]
    look_at: Mapping[str, tuple[tuple[str, str], ...]]
    passage: Excerpt | None
    passage_words: tuple[Mapping[str, Any], ...]
    answers: tuple[Answer, ...]
    reveal: tuple[Mapping[str, Any], ...]
    footer: str


def _headline(record: Record) -> tuple[int, int] | None:
    text = record.get("text") or ""
    match = re.search(r"\S[^\n]*", text)
    if match and " ".join(match.group().split()) == " ".join(str(record.get("title")).split()):
        return match.start(), match.start() + len(match.group().rstrip())
    return None


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for s, e in spans if start <= s and e <= end)


def _paragraphs(record: Record) -> list[tuple[int, int]]:
    """Body paragraphs: not the headline, not page furniture, not masked."""
    text = record.get("text") or ""
    head = _headline(record)
    excluded = [(e["start"], e["end"]) for e in record.get("excluded") or ()]
    found = []
    for p in segment(text).paragraphs:
        if head and p.start < head[1]:
            continue
        if any(s <= p.start and p.end <= e for s, e in excluded):
            continue
        if MASK * 3 in text[p.start : p.end] and len(text[p.start : p.end].strip(MASK + " ")) < 3:
            continue
        found.append((p.start, p.end))
    return found


def _trim(record: Record, start: int, end: int, focus: int) -> tuple[int, int]:
    """Cut a long paragraph to whole sentences around ``focus`` within :data:`EXCERPT_CHARS`."""
    if end - start <= EXCERPT_CHARS:
        return start, end
    sentences = [
        (s["start"], s["end"])
        for s in record.get("sentence_scores") or ()
        if start <= s["start"] and s["end"] <= end
    ] or [(start, end)]
    first = next((i for i, (_, e) in enumerate(sentences) if e > focus), 0)
    lo = hi = first
    while True:
        grown = False
        if hi + 1 < len(sentences) and sentences[hi + 1][1] - sentences[lo][0] <= EXCERPT_CHARS:
            hi, grown = hi + 1, True
        if lo > 0 and sentences[hi][1] - sentences[lo - 1][0] <= EXCERPT_CHARS:
            lo, grown = lo - 1, True
        if not grown:
            break
    s, e = sentences[lo][0], sentences[hi][1]
    if e - s > EXCERPT_CHARS:  # one very long sentence: cut at a space
        cut = (record.get("text") or "").rfind(" ", s, s + EXCERPT_CHARS)
        e = cut if cut > s else s + EXCERPT_CHARS
    return s, e


def _spans(record: Record) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    loaded = [(m["start"], m["end"]) for m in flagged_matches(record, 0, len(record["text"]))]
    quotes = [(q["start"], q["end"]) for q in record.get("quotes") or ()]
    return loaded, quotes


def excerpt_for(record: Record, name: str) -> Excerpt:
    """The paragraph of an article with the most evidence (flagged words, then quotations)."""
    loaded, quotes = _spans(record)
    paragraphs = _paragraphs(record) or [(0, len(record.get("text") or ""))]

    def weight(p: tuple[int, int]) -> tuple[int, int, int]:
        return (len(_inside(loaded, *p)), len(_inside(quotes, *p)), -p[0])

    best = max(paragraphs, key=weight)
    focus = next((s for s, _ in _inside(loaded, *best)), best[0])
    start, end = _trim(record, *best, focus)
    return _excerpt(record, name, start, end, loaded, quotes)


def _excerpt(
    record: Record,
    name: str,
    start: int,
    end: int,
    loaded: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
) -> Excerpt:
    head = _headline(record)
    headline = (record.get("text") or "")[head[0] : head[1]] if head else str(record.get("title"))
    return Excerpt(
        str(record["id"]),
        name,
        headline,
        start,
        end,
        _inside(loaded, start, end),
        tuple((max(s, start), min(e, end)) for s, e in quotes if s < end and start < e),
    )


def _auto_passage(records: Sequence[Record]) -> tuple[Record, int, int] | None:
    """The body paragraph with the most flagged loaded words (at least two), or None."""
    best = None
    for record in records:
        loaded, _ = _spans(record)
        for p in _paragraphs(record):
            count = len(_inside(loaded, *p))
            if count >= 2 and (best is None or count > best[0]):
                best = (count, record, p)
    if best is None:
        return None
    _, record, (start, end) = best
    focus = next((s for s, _ in _inside(_spans(record)[0], start, end)), start)
    return (record, *_trim(record, start, end, focus))


#: Longest quotation printed under a question.
LOOK_AT_CHARS = 220


def _look_at(
    questions: Sequence[Question], records: Sequence[Record], names: Mapping[str, str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each question, the spans it points at that its own words do not already quote."""
    texts = {str(r["id"]): r.get("text") or "" for r in records}
    found = {}
    for question in questions:
        quoted = []
        for point in question.points:
            if point.start is None or point.end is None or point.article not in texts:
                continue
            words = " ".join(texts[point.article][point.start : point.end].split())
            if not words or words.strip('“”"') in question.text:
                continue
            if len(words) > LOOK_AT_CHARS:
                words = words[: words.rfind(" ", 0, LOOK_AT_CHARS)] + " …"
            if not words.startswith(("“", '"', "‘")):
                words = f"“{words}”"
            quoted.append((names.get(point.article, point.article), words))
        if quoted:
            found[question.id] = tuple(quoted[:2])
    return found


def _lesson_records(records: Sequence[Record], lesson: Lesson) -> list[Record]:
    by_id = {str(r["id"]): r for r in records}
    chosen = select_articles(lesson, [article_from_record(r) for r in records])
    return [by_id[a.id] for a in chosen]


def build_sheet(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    answers: bool = False,
    comparison: Mapping[str, Any] | None = None,
) -> Sheet:
    """Compute what a worksheet shows (see :func:`worksheet_html` for the arguments).

    Raises:
        analysis.lesson.LessonError: the lesson names an article not among ``records``.
    """
    original = _lesson_records(records, lesson) if lesson else list(records)
    blind = blind or bool(lesson and lesson.blind)
    passage_at = None
    if lesson and lesson.passage:
        article = passage_article(lesson, [article_from_record(r) for r in original])
        if article is not None:
            record = next(r for r in original if str(r["id"]) == article.id)
            passage_at = (str(record["id"]), *passage_span(lesson, record))
    reveal: list[Mapping[str, Any]] = []
    shown: list[Record] = list(original)
    if blind:
        blinder = Blinder(original)
        shown = [blinder.record(r) for r in original]
        reveal = reveal_table(original, blinder.mapping)
        if passage_at:
            passage_at = (blinder.labels[passage_at[0]], passage_at[1], passage_at[2])
    if comparison is None and len(shown) >= 2:
        from analysis.pipeline import compare_records

        comparison = compare_records(shown).to_dict()
    elif comparison is not None and blind:
        comparison = Blinder(original).comparison(comparison)
    names = article_names(shown)
    questions = guided_questions(
        shown, comparison=comparison, names=names, teacher=lesson.questions if lesson else ()
    )
    if passage_at:
        record = next(r for r in shown if str(r["id"]) == passage_at[0])
        found = (record, passage_at[1], passage_at[2])
    else:
        found = _auto_passage(shown)
    passage = None
    passage_words: tuple[Mapping[str, Any], ...] = ()
    if found:
        record, start, end = found
        passage = _excerpt(record, names[str(record["id"])], start, end, (), ())
        passage_words = tuple(flagged_matches(record, start, end))
    return Sheet(
        title=lesson.title if lesson else "Comparing news articles",
        intro=lesson.intro if lesson else "",
        blind=blind,
        records=tuple(shown),
        names=names,
        excerpts=tuple(excerpt_for(r, names[str(r["id"])]) for r in shown),
        charts=tuple(
            c
            for c in (
                _tone_chart(shown, names),
                _loaded_chart(shown, names),
                _voices_chart(shown, names),
            )
            if c
        ),
        questions=tuple(questions),
        look_at=_look_at(questions, shown, names),
        passage=passage,
        passage_words=passage_words,
        answers=tuple(answer_key(questions, shown, comparison=comparison, names=names))
        if answers
        else (),
        reveal=tuple(reveal) if answers else (),
        footer=f"Framing dashboard worksheet · method version {analysis.METHOD_VERSION}",
    )


# --- charts (reportlab.graphics: the same drawing prints in the PDF and becomes SVG) -----------


def _short(text: str, limit: int = 26) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


ROW = 26


def _frame(title: str, rows: int, *, below: float) -> tuple[Drawing, float, float, float]:
    """A drawing sized for ``rows`` bars and ``below`` points of axis and legend under them:
    returns it, the top y of the rows, the x where bars start, and the bar area's width."""
    height = 34 + rows * ROW + below
    drawing = Drawing(CHART_WIDTH, height)
    drawing.add(String(0, height - 14, _pdf_safe(title), fontName=f"{FONT}-Bold", fontSize=11))
    return drawing, height - 34, 150, CHART_WIDTH - 150 - 40


def _text(drawing: Drawing, x: float, y: float, text: str, **kw: Any) -> None:
    font, size = kw.pop("font", FONT), kw.pop("fontSize", 8)
    drawing.add(String(x, y, _pdf_safe(text), fontName=font, fontSize=size, **kw))


def _tone_chart(records: Sequence[Record], names: Mapping[str, str]) -> PrintChart | None:
    rows = [
        (
            names[str(r["id"])],
            (r.get("sentiment") or {}).get("narrator_mean"),
            (r.get("sentiment") or {}).get("quoted_mean"),
        )
        for r in records
    ]
    if all(n is None and q is None for _, n, q in rows):
        return None
    biggest = max(abs(v) for _, n, q in rows for v in (n, q) if v is not None)
    scale = max(0.2, -(-biggest * 10 // 1) / 10)
    drawing, top, x0, width = _frame(
        "Tone: the writer's own sentences and quoted ones", len(rows), below=40
    )
    zero = x0 + width / 2
    for i, (name, narrator, quoted) in enumerate(rows):
        y = top - i * ROW
        _text(drawing, 0, y - 12, _short(name))
        for k, (value, fill) in enumerate(((narrator, "#000000"), (quoted, "#ffffff"))):
            bar_y = y - 10 - k * 10 + 6
            if value is None:
                _text(drawing, zero + 4, bar_y, "no quotes" if k else "–", fontSize=7)
                continue
            length = value / scale * width / 2
            drawing.add(
                Rect(
                    min(zero, zero + length),
                    bar_y,
                    abs(length),
                    8,
                    fillColor=_colour(fill),
                    strokeColor=_colour("#000000"),
                    strokeWidth=0.6,
                )
            )
            label_x = zero + length + (3 if value >= 0 else -3)
            _text(
                drawing,
                label_x,
                bar_y + 1,
                f"{value:+.2f}",
                textAnchor="start" if value >= 0 else "end",
            )
    bottom = top - len(rows) * ROW
    drawing.add(Line(zero, top + 6, zero, bottom + 4, strokeWidth=0.8))
    for tick in (-scale, 0.0, scale):
        x = zero + tick / scale * width / 2
        _text(
            drawing, x, bottom - 6, f"{tick:+.1f}" if tick else "0 (neutral)", textAnchor="middle"
        )
    _legend(
        drawing,
        bottom - 24,
        [("#000000", "writer's own sentences"), ("#ffffff", "quoted sentences")],
    )
    return PrintChart(
        "Tone",
        "Average VADER tone of each article's sentences, from -1 (very negative) to +1 (very "
        "positive), for the writer's own sentences (black) and the quoted ones (white).",
        "An average hides strong sentences that cancel out; VADER reads single words and "
        "misses irony and context.",
        drawing,
    )


def _loaded_chart(records: Sequence[Record], names: Mapping[str, str]) -> PrintChart | None:
    rows = [
        (
            names[str(r["id"])],
            (r.get("loaded") or {}).get("per_1k"),
            (r.get("loaded") or {}).get("per_1k_ci"),
        )
        for r in records
    ]
    if all(v is None for _, v, _ in rows):
        return None
    top_value = max((ci[1] if ci else v) for _, v, ci in rows if v is not None) or 1.0
    drawing, top, x0, width = _frame(
        "Loaded words per 1,000 of the writer's own words", len(rows), below=8
    )
    for i, (name, value, ci) in enumerate(rows):
        y = top - i * ROW
        _text(drawing, 0, y - 12, _short(name))
        if value is None:
            _text(drawing, x0, y - 12, "no words")
            continue
        length = value / top_value * width
        drawing.add(
            Rect(
                x0,
                y - 16,
                length,
                12,
                fillColor=_colour("#b3b3b3"),
                strokeColor=_colour("#000000"),
                strokeWidth=0.6,
            )
        )
        end = length
        if ci:
            lo, hi = (x0 + c / top_value * width for c in ci)
            drawing.add(Line(lo, y - 10, hi, y - 10, strokeWidth=1))
            drawing.add(Line(lo, y - 14, lo, y - 6, strokeWidth=1))
            drawing.add(Line(hi, y - 14, hi, y - 6, strokeWidth=1))
            end = hi - x0
        _text(drawing, x0 + end + 4, y - 13, f"{value:.1f}")
    bottom = top - len(rows) * ROW
    drawing.add(Line(x0, top + 6, x0, bottom + 4, strokeWidth=0.8))
    return PrintChart(
        "Loaded words",
        "How many words from the loaded-word lists the writer uses per 1,000 of their own "
        "words (quotations left out); the line is the 95% range the rate could have by chance.",
        "The lists cannot see context: a listed word can be neutral in its sentence, and an "
        "unlisted one loaded. Overlapping ranges mean the difference may be chance.",
        drawing,
    )


def _voices_chart(records: Sequence[Record], names: Mapping[str, str]) -> PrintChart | None:
    shares = []
    groups: dict[str, None] = {}
    for r in records:
        words: dict[str, int] = {}
        for s in (r.get("voices") or {}).get("speakers") or ():
            group = s.get("group") or "no group found"
            words[group] = words.get(group, 0) + int(s.get("words") or 0)
            groups.setdefault(group, None)
        shares.append((names[str(r["id"])], words))
    if not groups:
        return None
    order = list(groups)
    drawing, top, x0, width = _frame(
        "Who is quoted: share of quoted words by group",
        len(shares),
        below=14 + 12 * ((len(order) + 1) // 2),
    )
    for i, (name, words) in enumerate(shares):
        y = top - i * ROW
        _text(drawing, 0, y - 12, _short(name))
        total = sum(words.values())
        if not total:
            _text(drawing, x0, y - 12, "nobody quoted by name")
            continue
        x = x0
        for k, group in enumerate(order):
            part = words.get(group, 0) / total * width
            if part <= 0:
                continue
            fill = _GREYS[k % len(_GREYS)]
            drawing.add(
                Rect(
                    x,
                    y - 18,
                    part,
                    14,
                    fillColor=_colour(fill),
                    strokeColor=_colour("#000000"),
                    strokeWidth=0.6,
                )
            )
            if part >= 14:
                ink = "#ffffff" if fill in ("#000000", "#4d4d4d", "#8c8c8c") else "#000000"
                _text(
                    drawing,
                    x + part / 2,
                    y - 14,
                    str(k + 1),
                    textAnchor="middle",
                    fillColor=_colour(ink),
                    font=f"{FONT}-Bold",
                )
            x += part
    bottom = top - len(shares) * ROW
    legend_y = bottom - 6
    _number_legend(drawing, legend_y, order)
    return PrintChart(
        "Who is quoted",
        "Each bar splits an article's quoted words among the groups of the people quoted; the "
        "numbers in the bar match the list under the chart.",
        "A share says nothing about how the quotes are used, and a speaker the tool could not "
        "place counts as 'no group found'.",
        drawing,
    )


def _legend(drawing: Drawing, y: float, items: Sequence[tuple[str, str]]) -> None:
    x = 150
    for fill, label in items:
        drawing.add(
            Rect(
                x,
                y,
                10,
                8,
                fillColor=_colour(fill),
                strokeColor=_colour("#000000"),
                strokeWidth=0.6,
            )
        )
        _text(drawing, x + 14, y + 1, label)
        x += 24 + 5 * len(label)


def _number_legend(drawing: Drawing, y: float, groups: Sequence[str]) -> None:
    for k, group in enumerate(groups):
        row, col = divmod(k, 2)
        x = 150 + col * 170
        yy = y - 12 * row - 8
        drawing.add(
            Rect(
                x,
                yy,
                10,
                8,
                fillColor=_colour(_GREYS[k % len(_GREYS)]),
                strokeColor=_colour("#000000"),
                strokeWidth=0.6,
            )
        )
        _text(drawing, x + 14, yy + 1, f"{k + 1} = {_short(group, 30)}")


def _colour(value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(value)


# --- text helpers -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fonts() -> frozenset[int]:
    """Register the Vera fonts shipped in ReportLab once; returns the code points they cover."""
    import reportlab

    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    for name, file in _FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )
    return frozenset(TTFont(FONT, str(folder / _FONT_FILES[FONT])).face.charToGlyph)


def _pdf_safe(text: str) -> str:
    """Text the PDF font can draw: characters it lacks become "?" (masks stay for styling)."""
    covered = _fonts()
    return "".join(
        ch if ord(ch) in covered or ch in "\n" + MASK else " " if ch.isspace() else "?"
        for ch in str(text)
    )


def _segments(
    text: str, excerpt: Excerpt, *, marks: bool = True
) -> list[tuple[str, frozenset[str]]]:
    """The excerpt cut into runs of text with the styles covering each (loaded, quote, mask)."""
    start, end = excerpt.start, excerpt.end
    layers: list[tuple[int, int, str]] = []
    if marks:
        layers += [(s, e, "loaded") for s, e in excerpt.loaded]
        layers += [(s, e, "quote") for s, e in excerpt.quotes]
    layers += [
        (m.start() + start, m.end() + start, "mask") for m in _MASK_RUN.finditer(text[start:end])
    ]
    bounds = sorted({start, end, *(p for s, e, _ in layers for p in (s, e) if start <= p <= end)})
    runs = []
    for a, b in itertools.pairwise(bounds):
        styles = frozenset(kind for s, e, kind in layers if s <= a and b <= e)
        runs.append((text[a:b], styles))
    return runs


# --- HTML -------------------------------------------------------------------------------------

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
    for run, styles in _segments(text, excerpt, marks=marks):
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
        f"<p class='evidence'>{_e(name)}: {_runs_html(words, _whole(words))}</p>"
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


def _key_html(sheet: Sheet) -> str:
    parts = [
        '<section class="key"><h1>Teacher\'s answer key</h1>',
        "<p>Keep this part: it shows what the tool found. Do not hand it out.</p>",
    ]
    if sheet.reveal:
        rows = "".join(
            f"<tr><td>{_e(r['label'])}</td><td>{_e(r['outlet'])}</td><td>{_e(r['title'])}</td>"
            f"<td>{_e(r.get('author') or '–')}</td><td>{_e(r.get('date') or '–')}</td></tr>"
            for r in sheet.reveal
        )
        parts.append(
            "<h2>Reveal: who published each article</h2><table><thead><tr><th>article</th>"
            "<th>outlet</th><th>headline</th><th>author</th><th>date</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append("<h2>Questions</h2>")
    for number, answer in enumerate(sheet.answers, start=1):
        evidence = "".join(f"<li>{_e(item)}</li>" for item in answer.evidence)
        parts.append(
            f'<div class="question"><p><b>{number}.</b> {_e(answer.text)}</p>'
            f"<p><i>{_e(answer.form)}.</i> {_e(answer.finding)}</p>"
            + (f'<ul class="evidence">{evidence}</ul>' if evidence else "")
            + "</div>"
        )
    if sheet.passage:
        items = (
            "".join(
                f"<li><b>{_e(m['text'])}</b>: {_e(m.get('category', '').replace('_', ' '))}"
                f" — {_e(m.get('reason') or '')}"
                + (f"; plainer: {_e(m['alternative'])}" if m.get("alternative") else "")
                + (" (inside a quotation: a speaker's word)" if m.get("in_quote") else "")
                + "</li>"
                for m in sheet.passage_words
            )
            or "<li>The tool flags no word in this passage.</li>"
        )
        parts.append(f"<h2>Mark then reveal: the tool's words</h2><ul>{items}</ul>")
    parts.append("</section>")
    return "".join(parts)


def worksheet_html(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    answers: bool = False,
    paper: str = "A4",
    comparison: Mapping[str, Any] | None = None,
) -> str:
    """A self-contained, printable HTML worksheet.

    Args:
        records: article dicts of the JSON contract (original, not blinded).
        lesson: a story-set lesson: its articles (picked from ``records``, in its order), title,
            note, questions and passage; its ``blind`` setting switches blind mode on.
        blind: hide outlets and every giveaway (Article A, B, C …).
        answers: add the teacher's answer key on its own pages (with the reveal in blind mode).
        paper: "A4" or "Letter" (the CSS ``@page`` size; the layout fits both).
        comparison: the ``compare`` dict of ``records`` (computed when omitted).

    Raises:
        ValueError: unknown paper size.
        analysis.lesson.LessonError: the lesson names an article not among ``records``.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose from {', '.join(PAPERS)}")
    sheet = build_sheet(records, lesson=lesson, blind=blind, answers=answers, comparison=comparison)
    texts = {str(r["id"]): r.get("text") or "" for r in sheet.records}
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">",
        f"<title>{_e(sheet.title)}</title><style>{_CSS % {'paper': PAGE_CSS[paper]}}</style>",
        f"</head><body><h1>{_e(sheet.title)}</h1>",
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
            f"<div class='headline'>{_runs_html(excerpt.headline, _whole(excerpt.headline))}</div>"
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
    if answers:
        parts.append(_key_html(sheet))
    parts.append(f"<footer>{_e(sheet.footer)}</footer></body></html>\n")
    return "".join(parts)


def _whole(text: str) -> Excerpt:
    """An excerpt covering a whole string, no marks (for headlines)."""
    return Excerpt("", "", text, 0, len(text), (), ())


# --- PDF --------------------------------------------------------------------------------------


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
    _fonts()
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
    return html.escape(_pdf_safe(text), quote=False).replace("\n", "<br/>")


def _runs_pdf(text: str, excerpt: Excerpt, *, marks: bool = True) -> str:
    out = []
    for run, styles in _segments(text, excerpt, marks=marks):
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
                ("GRID", (0, 0), (-1, -1), 0.6, _colour("#000000")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
            ]
        )
    )
    return table


def _key_pdf(sheet: Sheet, st: Mapping[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        PageBreak(),
        Paragraph("Teacher's answer key", st["h1"]),
        Paragraph("Keep this part: it shows what the tool found. Do not hand it out.", st["body"]),
    ]
    if sheet.reveal:
        story.append(Paragraph("Reveal: who published each article", st["h2"]))
        rows = [
            [
                Paragraph(_x(h), st["cell"])
                for h in ("article", "outlet", "headline", "author", "date")
            ]
        ]
        rows += [
            [
                Paragraph(_x(str(r.get(k) or "–")), st["cell"])
                for k in ("label", "outlet", "title", "author", "date")
            ]
            for r in sheet.reveal
        ]
        story.append(_table(rows, [60, 95, 220, 70, 55]))
    story.append(Paragraph("Questions", st["h2"]))
    for number, answer in enumerate(sheet.answers, start=1):
        items = [
            Paragraph(f"<b>{number}.</b> {_x(answer.text)}", st["body"]),
            Paragraph(f"<i>{_x(answer.form)}.</i> {_x(answer.finding)}", st["body"]),
        ]
        items += [Paragraph(f"• {_x(e)}", st["small"]) for e in answer.evidence]
        items.append(Spacer(1, 6))
        story.append(KeepTogether(items))
    if sheet.passage:
        story.append(Paragraph("Mark then reveal: the tool's words", st["h2"]))
        if not sheet.passage_words:
            story.append(Paragraph("The tool flags no word in this passage.", st["body"]))
        for m in sheet.passage_words:
            category = str(m.get("category", "")).replace("_", " ")
            line = f"<b>{_x(m['text'])}</b>: {_x(category)} — {_x(m.get('reason') or '')}"
            if m.get("alternative"):
                line += f"; plainer: {_x(m['alternative'])}"
            if m.get("in_quote"):
                line += " (inside a quotation: a speaker's word)"
            story.append(Paragraph(f"• {line}", st["body"]))
    return story


def worksheet_pdf(
    records: Sequence[Record],
    *,
    lesson: Lesson | None = None,
    blind: bool = False,
    answers: bool = False,
    paper: str = "A4",
    comparison: Mapping[str, Any] | None = None,
) -> bytes:
    """The same worksheet as :func:`worksheet_html`, as PDF bytes drawn by ReportLab (offline,
    no browser). Arguments as for :func:`worksheet_html`; ``paper`` sets the page size."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose from {', '.join(PAPERS)}")
    sheet = build_sheet(records, lesson=lesson, blind=blind, answers=answers, comparison=comparison)
    st = _styles()
    texts = {str(r["id"]): r.get("text") or "" for r in sheet.records}
    page_w, _ = PAPERS[paper]
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
        excerpt = _whole(str(record.get("title") or ""))
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
                    f"<b>{_runs_pdf(excerpt.headline, _whole(excerpt.headline))}</b>", st["cell"]
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
                    ("BOX", (0, 0), (-1, -1), 0.6, _colour("#000000")),
                    ("INNERGRID", (0, 0), (-1, -1), 0.6, _colour("#000000")),
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
                    Paragraph(f"{_x(name)}: {_runs_pdf(words, _whole(words))}", st["quote"])
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
    if answers:
        story += _key_pdf(sheet, st)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, MARGIN / 2, f"{sheet.footer} · page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAPERS[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=sheet.title,
        author="",
        subject="",
        creator="framing dashboard",
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
