"""Media-framing analysis: load articles, score them sentence by sentence, compare outlets.

Pure Python: text in, typed records and DataFrames out. Nothing here imports streamlit or plotly.
"""

from analysis.io.corpus import iter_corpus, load_corpus
from analysis.io.decoding import InputError
from analysis.io.output import article_to_dict, to_dataframe
from analysis.pipeline import compare_scores, iter_scores, score_article, score_corpus
from analysis.scale import score_with_dask
from analysis.stored import METHOD_VERSION, method_version
from analysis.text.model import Article, ArticleScores, Corpus, Problem, Segmentation, Span
from analysis.text.segmentation import segment

__all__ = [
    "METHOD_VERSION",
    "Article",
    "ArticleScores",
    "Corpus",
    "InputError",
    "Problem",
    "Segmentation",
    "Span",
    "article_to_dict",
    "compare_scores",
    "iter_corpus",
    "iter_scores",
    "load_corpus",
    "method_version",
    "score_article",
    "score_corpus",
    "score_with_dask",
    "segment",
    "to_dataframe",
]
