"""Score a corpus as a Dask job: partitions scored on a cluster's workers, into the score store.

The job (Dask's ``distributed`` scheduler, on a ``LocalCluster`` sized to the machine or on a
scheduler at an address) has two passes over the partitions of
:mod:`analysis.scale.partitions`:

1. *ids*: every partition is read (parsed, not scored) and reports the id each article asks
   for; the driver claims the ids over the whole corpus in order, exactly as one load would, so
   an id that clashes with another partition's is renamed as it would be in one process.
2. *score*: every partition is read again with those ids, its articles not in the store yet are
   scored by the very same :func:`analysis.pipeline.score_article` (lexicons loaded once per
   worker process) and written to the store in batches from the worker itself; nothing but a
   small report per partition travels back to the driver.

The keys already in the store are read once by the driver and broadcast to the workers, so a
re-run scores only what is new. A partition that fails (an exception, a worker lost more often
than the scheduler allows) is reported with its inputs and the others go on; the store keeps
what every partition wrote.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.io.corpus import claim_ids, read_sources
from analysis.io.output import article_to_dict
from analysis.io.store import ScoreStore
from analysis.pipeline import default_workers, score_article
from analysis.scale.partitions import DEFAULT_PARTITION_ARTICLES, Partition, plan_partitions
from analysis.stored import STORE_BATCH, article_key, method_version
from analysis.text.model import Article, Problem


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What one partition did.

    Attributes:
        number: the partition's place in the corpus.
        inputs: its files, in a few words.
        articles: articles read.
        scored: articles scored and stored by this run.
        problems: inputs rejected or read with a warning, as one load would report them.
        error: why the partition failed (``None``: it did not).
    """

    number: int
    inputs: str
    articles: int = 0
    scored: int = 0
    problems: tuple[Problem, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DaskRun:
    """The outcome of :func:`score_with_dask`: one report per partition, in corpus order."""

    partitions: tuple[PartitionReport, ...]
    problems: tuple[Problem, ...]
    seconds: float

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.partitions)

    @property
    def scored(self) -> int:
        return sum(p.scored for p in self.partitions)

    @property
    def failed(self) -> tuple[PartitionReport, ...]:
        return tuple(p for p in self.partitions if p.error is not None)

    def all_problems(self) -> list[Problem]:
        """Walking problems first, then each partition's, in corpus order."""
        return [*self.problems, *(q for p in self.partitions for q in p.problems)]


def partition_bases(partition: Partition) -> list[str]:
    """Pass 1 (on a worker): the id each article of the partition asks for, in order."""
    return read_sources(partition.sources)[1]


def score_partition(
    partition: Partition, ids: Sequence[str], store_root: str, method: str, stored: frozenset
) -> PartitionReport:
    """Pass 2 (on a worker): read the partition with its claimed ids, score what the store does
    not hold yet and write it to the store in batches of :data:`STORE_BATCH`."""
    if method_version() != method:
        raise RuntimeError(
            "this worker's scoring method differs from the driver's (other code, lexicons or "
            "user data files); install the same version and data files on every worker"
        )
    items, _ = read_sources(partition.sources, ids=ids)
    store = ScoreStore(store_root, method=method)
    problems = tuple(i for i in items if isinstance(i, Problem))
    articles = [i for i in items if isinstance(i, Article)]
    problems += tuple(Problem(a.source, w, "warning") for a in articles for w in a.warnings)
    pending: list[tuple[str, dict]] = []
    scored = 0
    for article in articles:
        key = article_key(article)
        if key in stored:
            continue
        pending.append((key, article_to_dict(score_article(article))))
        scored += 1
        if len(pending) >= STORE_BATCH:
            store.write(pending)
            pending = []
    store.write(pending)
    return PartitionReport(partition.number, partition.describe(), len(articles), scored, problems)


def _failed(partition: Partition, error: BaseException) -> PartitionReport:
    reason = f"{type(error).__name__}: {error}".splitlines()[0]
    return PartitionReport(partition.number, partition.describe(), error=reason)


def claim_partition_ids(
    client: Any, partitions: Sequence[Partition]
) -> tuple[dict[int, list[str]], dict[int, PartitionReport]]:
    """Pass 1: the ids of every partition's articles, claimed over the whole corpus in order
    (as one load claims them), and a report for each partition that could not be read."""
    failed: dict[int, PartitionReport] = {}
    bases: list[list[str] | None] = []
    for partition, future in zip(
        partitions, client.map(partition_bases, partitions, pure=False), strict=True
    ):
        try:
            bases.append(future.result())
        except Exception as error:  # reported with the partition's inputs
            failed[partition.number] = _failed(partition, error)
            bases.append(None)
    claimed = iter(claim_ids(b for found in bases if found is not None for b in found))
    ids = {
        p.number: [next(claimed) for _ in found]
        for p, found in zip(partitions, bases, strict=True)
        if found is not None
    }
    return ids, failed


def connect(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    """A distributed client, and the local cluster it runs on (``None`` for a scheduler)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers or default_workers(),
        threads_per_worker=1,  # scoring is pure Python: one process per core
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,  # the nanny's shutdown notes are not the user's business
    )
    return Client(cluster), cluster


def score_with_dask(
    paths: Iterable[str],
    store_root: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_ARTICLES,
    progress: Callable[[int, int], None] | None = None,
) -> DaskRun:
    """Score ``paths`` into the score store at ``store_root`` as a Dask job.

    Args:
        paths: files and folders, as for :func:`analysis.io.corpus.iter_corpus`.
        store_root: the score store folder (``analysis.io.store``); every worker must reach it
            (a shared file system on a real cluster).
        scheduler: a ``dask-scheduler`` address (``tcp://host:8786``); ``None`` starts a
            ``LocalCluster`` of ``workers`` processes (default: one per core).
        workers: worker processes of the local cluster.
        partition_size: articles per partition.
        progress: called with (partitions done, partitions in all) as the scoring pass goes.

    Returns:
        A :class:`DaskRun` with one report per partition; failed partitions have ``error``.
    """
    from distributed import as_completed

    started = time.perf_counter()
    partitions, problems = plan_partitions(paths, size=partition_size)
    method = method_version()
    stored = frozenset(ScoreStore(store_root, method=method).keys())
    client, cluster = connect(scheduler, workers)
    try:
        ids, reports = claim_partition_ids(client, partitions)
        [shared] = client.scatter([stored], broadcast=True)
        todo = {
            client.submit(
                score_partition, p, ids[p.number], str(store_root), method, shared, pure=False
            ): p
            for p in partitions
            if p.number in ids
        }
        for done, future in enumerate(as_completed(todo), start=1):
            partition = todo[future]
            try:
                reports[partition.number] = future.result()
            except Exception as error:  # reported with the partition's inputs
                reports[partition.number] = _failed(partition, error)
            if progress is not None:
                progress(done, len(todo))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    ordered = tuple(reports[p.number] for p in partitions)
    return DaskRun(ordered, tuple(problems), time.perf_counter() - started)
