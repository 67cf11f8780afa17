"""Printable worksheets for a class: HTML and PDF, A4 or Letter, black-and-white safe.

A worksheet carries: the articles (lettered A, B, C …; outlets hidden in blind mode), side-by-side
excerpts with the evidence marked, three key charts, the guided questions of
:mod:`analysis.classroom.questions` (plus the teacher's own) with lines to write on, a passage to
mark for mark-then-reveal. The questions are the teacher's choice (default: seven, one of each
form of bias first, :func:`analysis.classroom.questions.default_choice`); none names a word the
passage asks students to find. The teacher's answer key is a separate short document
(``answer_key_html`` / ``answer_key_pdf``) in plain words: the reveal of the outlets, what the
tool found for each question with the words it quotes, the tool's flagged words in the passage
with their reasons; no character offsets or field names.

Content and renderers are apart: :mod:`~dashboard.worksheet.content` picks the excerpts and the
passage, :mod:`~dashboard.worksheet.print_charts` draws the key charts,
:mod:`~dashboard.worksheet.sheet` gathers everything a sheet shows once, and
:mod:`~dashboard.worksheet.html` and :mod:`~dashboard.worksheet.pdf` render it.

Nothing depends on colour: loaded words are **bold and underlined**, quoted speech is *italic*,
hidden giveaways are solid black bars, chart series differ by fill and are labelled by number or
value. The PDF is drawn by ReportLab alone (pure Python, no browser). Everything from an article
is escaped.
"""
