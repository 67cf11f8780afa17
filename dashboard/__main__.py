"""Command line: ``python -m dashboard export PATH... --out DIR [--format png,svg,html,...]`` and
``python -m dashboard worksheet PATH... --out FILE.html|FILE.pdf [--blind] [--answers]
[--lesson FILE] [--paper A4|Letter]``.

Everything the dashboard's download buttons give, without a browser session: every chart in
each image format, the scores and evidence tables in each data format, and ``report.html``; and
the printable classroom worksheet (``dashboard.worksheet``), or with ``--answers`` the teacher's
answer key to it as its own document. With ``--lesson`` the lesson picks the articles (from
PATH, or from the lesson's own corpus when no PATH is given), their order, blind mode, its
questions and passage.

Exit status: 0 when everything was written; 1 when some inputs were rejected or some files could
not be made (each reported on stderr in one line, the rest still written); 2 for usage errors
(unknown format, no such path, nothing to export). User errors never end in a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dashboard.export import (
    IMAGE_FORMATS,
    TABLE_FORMATS,
    ExportError,
    caption_for,
    close_browser,
    evidence_frame,
    figure_bytes,
    scores_frame,
    table_bytes,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ALL_FORMATS = IMAGE_FORMATS + TABLE_FORMATS


def _formats(value: str) -> list[str]:
    wanted = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in ALL_FORMATS]
    if unknown or not wanted:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(ALL_FORMATS)}"
        )
    return list(dict.fromkeys(wanted))


def safe_name(name: str) -> str:
    """A file name made only of letters, digits, ``-`` and ``_`` (chart names are not paths)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "chart"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(tmp, "xb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _comparison(scores: list[Any]) -> Mapping[str, Any] | None:
    """The corpus comparison (reuse, similarity, distinctive terms, stories) of two or more
    articles, on the segmentation and furniture they were scored with."""
    if len(scores) < 2:
        return None
    from analysis.pipeline import compare_scores

    return compare_scores(scores).to_dict()


def _export(args: argparse.Namespace) -> int:
    from analysis.io.corpus import check_paths, load_corpus
    from analysis.io.output import article_to_dict
    from analysis.pipeline import score_corpus
    from dashboard.charts import build_all
    from dashboard.report import comparison_report

    missing = check_paths(args.paths)
    if missing:
        for message in missing:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    corpus = load_corpus(args.paths)
    failed = 0
    for problem in corpus.problems:
        if problem.severity == "error":
            failed += 1
            print(f"rejected: {problem}", file=sys.stderr)
        else:
            print(f"warning: {problem}", file=sys.stderr)
    if not corpus.articles:
        print("error: nothing to export (no article could be read)", file=sys.stderr)
        return EXIT_USAGE

    scores = score_corpus(corpus.articles)
    records = [article_to_dict(s) for s in scores]
    comparison = _comparison(scores)
    charts = build_all(records, comparison=comparison)
    caption = caption_for(records)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = 0

    def put(name: str, make: Any) -> None:
        nonlocal written, failed
        try:
            write_atomic(out / name, make())
            written += 1
        except ExportError as error:
            failed += 1
            print(f"error: {name}: {error}", file=sys.stderr)

    for chart in charts:
        for fmt in (f for f in args.format if f in IMAGE_FORMATS):
            put(
                f"{safe_name(chart.name)}.{fmt}",
                lambda c=chart, f=fmt: figure_bytes(c.figure, f, caption=caption),
            )
    tables = {"scores": scores_frame(records), "evidence": evidence_frame(records)}
    if comparison:
        tables["evidence"] = evidence_frame(records, comparison=comparison)
    for table, frame in tables.items():
        for fmt in (f for f in args.format if f in TABLE_FORMATS):
            put(f"{table}.{fmt}", lambda d=frame, f=fmt: table_bytes(d, f))
    put(
        "report.html",
        lambda: comparison_report(records, comparison=comparison, charts=charts).encode("utf-8"),
    )
    close_browser()
    print(f"wrote {written} files to {out}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _load(args: argparse.Namespace, lesson: Any) -> tuple[list[Any], int] | None:
    """The articles to use and how many inputs were rejected; None after a usage error."""
    from analysis.classroom.lesson import lesson_articles
    from analysis.io.corpus import check_paths, load_corpus

    if args.paths:
        missing = check_paths(args.paths)
        for message in missing:
            print(f"error: {message}", file=sys.stderr)
        if missing:
            return None
        corpus = load_corpus(args.paths)
        articles, problems = list(corpus.articles), list(corpus.problems)
    elif lesson is not None:
        articles, problems = lesson_articles(lesson)
    else:
        print("error: give the articles (PATH...) or a --lesson", file=sys.stderr)
        return None
    failed = 0
    for problem in problems:
        if problem.severity == "error":
            failed += 1
            print(f"rejected: {problem}", file=sys.stderr)
        else:
            print(f"warning: {problem}", file=sys.stderr)
    return articles, failed


def _worksheet(args: argparse.Namespace) -> int:
    from analysis.classroom.lesson import LessonError, load_lesson
    from analysis.io.output import article_to_dict
    from analysis.pipeline import score_corpus
    from dashboard.worksheet.html import answer_key_html, worksheet_html
    from dashboard.worksheet.pdf import answer_key_pdf, worksheet_pdf

    out = Path(args.out)
    kind = {".html": "html", ".htm": "html", ".pdf": "pdf"}.get(out.suffix.lower())
    if kind is None:
        print(f"error: --out must end in .html or .pdf (got {out.name})", file=sys.stderr)
        return EXIT_USAGE
    try:
        lesson = load_lesson(args.lesson) if args.lesson else None
        loaded = _load(args, lesson)
        if loaded is None:
            return EXIT_USAGE
        articles, failed = loaded
        if not articles:
            print("error: no article could be read", file=sys.stderr)
            return EXIT_USAGE
        records = [article_to_dict(s) for s in score_corpus(articles)]
        options = {"lesson": lesson, "blind": args.blind, "paper": args.paper}
        if kind == "pdf":
            data = (answer_key_pdf if args.answers else worksheet_pdf)(records, **options)
        else:
            page = (answer_key_html if args.answers else worksheet_html)(records, **options)
            data = page.encode("utf-8")
    except LessonError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if out.parent != Path():
        out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, data)
    print(f"wrote {out} ({len(data):,} bytes)", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Export the dashboard's charts, tables, report and worksheets without a "
        "browser.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export",
        help="write every chart and table for the given articles, plus report.html",
        description="Score the given articles and write every chart (images), the scores and "
        "evidence tables, and a self-contained report.html into DIR.",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of articles")
    export.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    export.add_argument(
        "--format",
        type=_formats,
        default=list(ALL_FORMATS),
        metavar="LIST",
        help=f"comma-separated formats (default: {','.join(ALL_FORMATS)})",
    )
    export.set_defaults(run=_export)
    sheet = commands.add_parser(
        "worksheet",
        help="write a printable classroom worksheet (HTML or PDF)",
        description="Score the given articles (or a lesson's) and write a printable worksheet: "
        "the articles, side-by-side excerpts with the evidence marked, key charts, guided "
        "questions with space to write and a passage to mark; with --answers the teacher's "
        "answer key to that sheet instead, as its own short document.",
    )
    sheet.add_argument("paths", nargs="*", metavar="PATH", help="files or folders of articles")
    sheet.add_argument(
        "--out", required=True, metavar="FILE", help="FILE.html or FILE.pdf to write"
    )
    sheet.add_argument("--blind", action="store_true", help="hide the outlets (Article A, B, C …)")
    sheet.add_argument(
        "--answers",
        action="store_true",
        help="write the teacher's answer key (with the reveal) instead of the worksheet",
    )
    sheet.add_argument("--lesson", metavar="FILE", help="a lesson file (YAML or JSON)")
    sheet.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="page size")
    sheet.set_defaults(run=_worksheet)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except OSError as error:
        detail = f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")
        print(f"error: {detail}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
