"""Command line: ``python -m analysis score|compare|evaluate``.

``score --store DIR`` reads articles already in the score store (``analysis.io.store``) back
instead of scoring them, and adds the others; what it writes is the same either way.
``score --engine dask --store DIR`` first scores into the store as a Dask job
(``analysis.scale.engine``), then writes the same output from the store (``--format none``:
nothing but the store).

Exit status: 0 when everything was scored; 1 when some inputs were rejected (each reported on
stderr in one line, the rest still scored and written); 2 for usage errors (no such path,
nothing to score, a malformed user lexicon or group file). User errors never end in a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from analysis.io import output
from analysis.io.corpus import check_paths, iter_corpus
from analysis.io.decoding import InputError
from analysis.measures.voices.verbs import VoicesLexiconError
from analysis.pipeline import (
    compare_scores,
    default_resources,
    default_workers,
    iter_records,
    iter_scores,
)
from analysis.text.lexicon import LexiconError
from analysis.text.model import Article, Problem

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class _Reporter:
    """Reports problems on stderr and counts the rejected inputs; shows a progress bar (tqdm)
    when the stream is a terminal and not in CI, and nothing otherwise."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.rejected = 0
        self.scored = 0
        self._bar: Any = None
        if stream.isatty() and not os.environ.get("CI"):
            from tqdm import tqdm

            self._bar = tqdm(file=stream, unit=" articles", desc="scored", mininterval=0.5)

    def _say(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def problem(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.rejected += 1
            self._say(f"rejected: {problem}")
        else:
            self._say(f"warning: {problem}")

    def store_error(self, error: object) -> None:
        self._say(f"warning: score store: {error}")

    def store_problems(self, store: Any) -> None:
        for problem in store.problems:
            self.store_error(problem)

    def tick(self) -> None:
        self.scored += 1
        if self._bar is not None:
            self._bar.update()

    def done(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _articles(paths: Sequence[str], reporter: _Reporter) -> Iterator[Article]:
    for item in iter_corpus(paths):
        if isinstance(item, Problem):
            reporter.problem(item)
        else:
            for warning in item.warnings:
                reporter.problem(Problem(item.source, warning, "warning"))
            yield item


@contextlib.contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _score_on_dask(args: argparse.Namespace) -> int | None:
    """``--engine dask``: score into the store as a Dask job. Returns the exit status when
    nothing more is to be written (``--format none``), else ``None`` (the output is then made
    from the store, where every article now is)."""
    from analysis.scale.engine import score_with_dask

    bar: Any = None
    if sys.stderr.isatty() and not os.environ.get("CI"):
        from tqdm import tqdm

        bar = tqdm(file=sys.stderr, unit=" partitions", desc="scored", mininterval=0.5)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        run = score_with_dask(
            args.paths,
            args.store,
            scheduler=args.scheduler,
            workers=args.workers or None,
            progress=progress if bar is not None else None,
        )
    except OSError as error:  # the scheduler cannot be reached
        print(f"error: dask: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if bar is not None:
            bar.close()
    for failed in run.failed:
        print(
            f"failed: partition {failed.number} ({failed.inputs}): {failed.error}", file=sys.stderr
        )
    print(
        f"dask: {run.articles} articles in {len(run.partitions)} partitions, "
        f"{run.scored} scored and stored, {run.seconds:.1f} s",
        file=sys.stderr,
    )
    if args.format != "none":
        return EXIT_REJECTED if run.failed else None
    reporter = _Reporter(sys.stderr)
    for problem in run.all_problems():
        reporter.problem(problem)
    if run.articles == 0:
        print("error: nothing to score (no article could be read)", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_REJECTED if reporter.rejected or run.failed else EXIT_OK


def _score(args: argparse.Namespace) -> int:
    default_resources()  # a malformed user lexicon stops us before any output is begun
    failed_partitions = False
    if args.engine == "dask":
        if not args.store:
            print("error: --engine dask writes the score store: give --store DIR", file=sys.stderr)
            return EXIT_USAGE
        status = _score_on_dask(args)
        if status == EXIT_REJECTED:
            failed_partitions = True
        elif status is not None:
            return status
    elif args.format == "none" and not args.store:
        print("error: --format none only fills the score store: give --store DIR", file=sys.stderr)
        return EXIT_USAGE
    reporter = _Reporter(sys.stderr)
    workers = args.workers or default_workers()
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(_open_out(args.out))
        evidence = (
            output.EvidenceWriter(stack.enter_context(_open_out(args.evidence)))
            if args.evidence
            else None
        )

        articles = _articles(args.paths, reporter)
        if args.store:
            from analysis.stored import iter_stored_records, open_store

            store = open_store(args.store)
            stack.callback(reporter.store_problems, store)
            scored = iter_stored_records(
                articles, store, workers=workers, on_error=reporter.store_error
            )
        else:
            scored = iter_records(articles, workers=workers)

        def records() -> Iterable[dict]:
            for record in scored:
                reporter.tick()
                if evidence is not None:
                    evidence.write(record)
                yield record

        if args.format == "none":
            for _ in records():
                pass
        elif args.format == "json":
            output.write_json(records(), out)
        elif args.format == "csv":
            output.write_csv((output.flat_row(r) for r in records()), out)
        else:
            for line in output.table_lines(list(records())):
                print(line, file=out)
    reporter.done()
    if reporter.scored == 0:
        print("error: nothing to score (no article could be read)", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_REJECTED if reporter.rejected or failed_partitions else EXIT_OK


def _compare_on_dask(args: argparse.Namespace) -> int:
    """``compare --engine dask``: distinctive terms and reuse as a Dask job (JSON only)."""
    from analysis.scale.compare import compare_with_dask

    if args.format != "json":
        print("error: --engine dask writes the comparison as JSON only", file=sys.stderr)
        return EXIT_USAGE
    try:
        found = compare_with_dask(
            args.paths, scheduler=args.scheduler, workers=args.workers or None
        )
    except OSError as error:  # the scheduler cannot be reached
        print(f"error: dask: {error}", file=sys.stderr)
        return EXIT_USAGE
    for failed in found.failed:
        print(
            f"failed: partition {failed.number} ({failed.inputs}): {failed.error}", file=sys.stderr
        )
    with _open_out(args.out) as out:
        json.dump(found.result, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return EXIT_REJECTED if found.failed else EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    if args.engine == "dask":
        return _compare_on_dask(args)
    reporter = _Reporter(sys.stderr)
    workers = args.workers or default_workers()
    scores = []
    for scored in iter_scores(_articles(args.paths, reporter), workers=workers):
        reporter.tick()
        scores.append(scored)
    reporter.done()
    if len(scores) < 2:
        print(f"error: comparing needs at least two articles ({len(scores)} read)", file=sys.stderr)
        return EXIT_USAGE
    comparison = compare_scores(scores)
    with _open_out(args.out) as out:
        if args.format == "json":
            json.dump(comparison.to_dict(), out, ensure_ascii=False, indent=1)
            out.write("\n")
        else:
            rows = (
                {"table": name, **row}
                for name, frame in comparison.to_frames().items()
                for row in frame.to_dict("records")
            )
            output.write_csv(rows, out)
    return EXIT_REJECTED if reporter.rejected else EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import format_report, run_evaluation

    sets = {"basil": args.basil, "babe": args.babe, "ptc": args.ptc}
    given = {name: path for name, path in sets.items() if path}
    if not given:
        print("error: give at least one of --basil, --babe, --ptc", file=sys.stderr)
        return EXIT_USAGE
    missing = check_paths(list(given.values()))
    if missing:
        for message in missing:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    results = run_evaluation(**given)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(format_report(results))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Score and compare how news articles frame a story, with evidence.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    score = commands.add_parser(
        "score", help="score articles (files, folders, JSONL, CSV, Parquet)"
    )
    score.add_argument("paths", nargs="+", metavar="PATH")
    score.add_argument(
        "--format",
        choices=("json", "csv", "table", "none"),
        default="json",
        help="none: write nothing but the score store (with --store)",
    )
    score.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    score.add_argument(
        "--evidence", metavar="FILE", help="also write every evidence span as a CSV table"
    )
    score.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes (default: all cores)"
    )
    score.add_argument(
        "--store",
        metavar="DIR",
        help="score store folder: reuse the scores stored there, add the new ones",
    )
    score.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="dask: score as a Dask job into --store (a LocalCluster, or --scheduler)",
    )
    score.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a dask-scheduler address (tcp://host:8786)",
    )
    score.set_defaults(run=_score, needs_paths=True)

    compare = commands.add_parser(
        "compare", help="compare articles: text reuse, distinctive terms per outlet, stories"
    )
    compare.add_argument("paths", nargs="+", metavar="PATH")
    compare.add_argument("--format", choices=("json", "csv"), default="json")
    compare.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    compare.add_argument("--workers", type=int, default=0, metavar="N")
    compare.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="dask: distinctive terms and reuse (MinHash LSH candidates) as a Dask job",
    )
    compare.add_argument("--scheduler", metavar="ADDRESS", help="a dask-scheduler address")
    compare.set_defaults(run=_compare, needs_paths=True)

    evaluate = commands.add_parser(
        "evaluate", help="measure the loaded-language scores against annotated corpora"
    )
    evaluate.add_argument("--basil", metavar="FILE", help="BASIL-format JSONL")
    evaluate.add_argument("--babe", metavar="FILE", help="BABE-format CSV")
    evaluate.add_argument("--ptc", metavar="FILE", help="PTC-format JSONL")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.set_defaults(run=_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    if getattr(args, "needs_paths", False):
        missing = check_paths(args.paths)
        if missing:
            for message in missing:
                print(f"error: {message}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return args.run(args)
    except (InputError, LexiconError, VoicesLexiconError) as error:  # incl. the user's data files
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        print(
            f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_USAGE
