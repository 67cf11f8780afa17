"""Measure the analysis against annotated news corpora (``python -m analysis evaluate``).

:mod:`~analysis.evaluate.report` runs whatever sets are given and formats the table;
:mod:`~analysis.evaluate.loaded` scores loaded language on BABE, BASIL and PTC;
:mod:`~analysis.evaluate.metrics` holds the figures (ROC-AUC, token F1, pair agreement).
"""

from analysis.evaluate.metrics import roc_auc
from analysis.evaluate.report import BASELINES, GOALS, format_report, run_evaluation

__all__ = ["BASELINES", "GOALS", "format_report", "roc_auc", "run_evaluation"]
