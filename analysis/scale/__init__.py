"""Scale-out: the same scoring as a Dask job (:func:`score_with_dask`), partition by partition."""

from analysis.scale.engine import DaskRun, PartitionReport, score_with_dask
from analysis.scale.partitions import Partition, plan_partitions

__all__ = ["DaskRun", "Partition", "PartitionReport", "plan_partitions", "score_with_dask"]
