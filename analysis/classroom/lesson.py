"""Story-set lessons: a YAML or JSON file naming the articles a class reads, and how.

A lesson file is a mapping with these keys (only ``title`` and ``articles`` are required)::

    title: Who is meddling?            # shown on screen and on the worksheet
    corpus: ../seeds                   # folder(s) or file(s) to load, relative to this file
                                       # (a string or a list; default: the file's own folder)
    articles:                          # in reading order: article ids, or paths relative to
      - 002_de722205fcaa0106           # the (first) corpus folder
      - path: 004_ddb81862ad58e1e6.txt
    order: listed                      # or "shuffled" (the same shuffle every time)
    blind: true                        # hide outlets (Article A, B, C …) until the reveal
    intro: Read the two reports.       # a note for the class (optional)
    steps: [articles, tone, words, voices, naming, reuse]   # the screens, in order
    questions:                         # the teacher's own questions
      - Which article would you trust most, and why?
    passage:                           # for mark-then-reveal
      article: 002_de722205fcaa0106    # an id from the list above
      paragraph: 4                     # the 4th paragraph (the headline is paragraph 1) ...
      # contains: "Blinken said he"    # ... or the paragraph containing these words

Loading never raises a traceback at the user: every problem is a :class:`LessonError` whose
message is one line naming the file and the key at fault.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analysis.io.corpus import load_corpus
from analysis.text.model import Article, Problem
from analysis.text.segmentation import segment

#: The lesson screens, in their default order.
STEPS: tuple[str, ...] = ("articles", "tone", "words", "voices", "naming", "reuse")
ORDERS = ("listed", "shuffled")
KEYS = ("title", "corpus", "articles", "order", "blind", "intro", "steps", "questions", "passage")
SUFFIXES = (".yaml", ".yml", ".json")
#: The lesson that ships with the project: the seed articles.
SEEDS_LESSON = Path(__file__).resolve().parents[2] / "lessons" / "seeds.yaml"
MAX_LESSON_BYTES = 1_000_000


class LessonError(ValueError):
    """A lesson file that cannot be used; ``str(error)`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """One article of a lesson: by id, or by a path relative to the corpus folder."""

    id: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        return self.id if self.id is not None else f"path {self.path}"


@dataclass(frozen=True, slots=True)
class PassageRef:
    """The passage students mark: an article and one paragraph, by number or by its words."""

    article: ArticleRef
    paragraph: int | None = None
    contains: str | None = None


@dataclass(frozen=True, slots=True)
class Lesson:
    """A validated lesson file.

    Attributes:
        title: the lesson's title.
        articles: the articles in reading order (before any shuffle).
        corpus: absolute folders or files the articles are loaded from.
        order: "listed" or "shuffled".
        blind: whether outlets are hidden until the teacher reveals them.
        intro: a note for the class ("" if none).
        steps: the screens of the lesson view, in order (names from :data:`STEPS`).
        questions: the teacher's own questions.
        passage: the passage for mark-then-reveal, or None.
        source: the file it was read from.
    """

    title: str
    articles: tuple[ArticleRef, ...]
    corpus: tuple[Path, ...]
    order: str = "listed"
    blind: bool = False
    intro: str = ""
    steps: tuple[str, ...] = STEPS
    questions: tuple[str, ...] = ()
    passage: PassageRef | None = None
    source: str = ""


def _fail(source: str, where: str, message: str) -> LessonError:
    return LessonError(f"{source}: {where}: {message}" if where else f"{source}: {message}")


def _text(value: Any, source: str, where: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(source, where, "must be a non-empty text" if required else "must be a text")
    return " ".join(value.split())


def _article_ref(value: Any, source: str, where: str) -> ArticleRef:
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return ArticleRef(id=str(value).strip())
    if isinstance(value, Mapping):
        unknown = sorted(set(map(str, value)) - {"id", "path"})
        if unknown:
            raise _fail(source, where, f"unknown key {unknown[0]!r} (use id or path)")
        if ("id" in value) == ("path" in value):
            raise _fail(source, where, "give either id or path")
        key = "id" if "id" in value else "path"
        text = _text(value[key], source, f"{where}.{key}", required=True)
        if key == "path" and (Path(text).is_absolute() or ".." in Path(text).parts):
            raise _fail(source, where, "path must stay inside the corpus folder")
        return ArticleRef(**{key: text})
    raise _fail(source, where, "must be an article id or {id: …} / {path: …}")


def _passage(value: Any, articles: Sequence[ArticleRef], source: str) -> PassageRef | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _fail(source, "passage", "must be a mapping with article and paragraph or contains")
    unknown = sorted(set(map(str, value)) - {"article", "paragraph", "contains"})
    if unknown:
        raise _fail(source, "passage", f"unknown key {unknown[0]!r}")
    if "article" not in value:
        raise _fail(source, "passage", "names no article")
    ref = _article_ref(value["article"], source, "passage.article")
    same_kind = [a for a in articles if (a.id is None) == (ref.id is None)]
    if ref not in articles and len(same_kind) == len(articles):
        raise _fail(source, "passage.article", f"{ref} is not among the lesson's articles")
    if ("paragraph" in value) == ("contains" in value):
        raise _fail(source, "passage", "give either paragraph or contains")
    if "paragraph" in value:
        number = value["paragraph"]
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise _fail(source, "passage.paragraph", "must be a whole number from 1")
        return PassageRef(ref, paragraph=number)
    return PassageRef(
        ref, contains=_text(value["contains"], source, "passage.contains", required=True)
    )


def parse_lesson(data: Any, *, source: str, base: Path) -> Lesson:
    """Validate a lesson read from YAML or JSON.

    Args:
        data: the parsed document.
        source: the file name, for messages.
        base: the folder relative paths are taken from (the lesson file's folder).

    Raises:
        LessonError: the first problem found, in one line.
    """
    if not isinstance(data, Mapping):
        raise _fail(source, "", "a lesson must be a mapping of keys (title, articles, …)")
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise _fail(source, unknown[0], f"unknown key (known: {', '.join(KEYS)})")
    title = _text(data.get("title"), source, "title", required=True)
    raw = data.get("articles")
    if not isinstance(raw, list) or not raw:
        raise _fail(source, "articles", "must be a non-empty list")
    articles = tuple(_article_ref(v, source, f"articles[{i + 1}]") for i, v in enumerate(raw))
    seen: set[ArticleRef] = set()
    for i, ref in enumerate(articles):
        if ref in seen:
            raise _fail(source, f"articles[{i + 1}]", f"{ref} is listed twice")
        seen.add(ref)
    corpus_raw = data.get("corpus", ".")
    corpus_list = corpus_raw if isinstance(corpus_raw, list) else [corpus_raw]
    corpus = tuple(
        (base / _text(c, source, "corpus", required=True)).resolve() for c in corpus_list
    )
    order = data.get("order", "listed")
    if order not in ORDERS:
        raise _fail(source, "order", f"must be one of {', '.join(ORDERS)}")
    blind = data.get("blind", False)
    if not isinstance(blind, bool):
        raise _fail(source, "blind", "must be true or false")
    steps = data.get("steps", list(STEPS))
    if not isinstance(steps, list) or not steps or any(s not in STEPS for s in steps):
        raise _fail(source, "steps", f"must be a list drawn from {', '.join(STEPS)}")
    questions = data.get("questions") or []
    if not isinstance(questions, list):
        raise _fail(source, "questions", "must be a list of texts")
    return Lesson(
        title=title,
        articles=articles,
        corpus=corpus,
        order=order,
        blind=blind,
        intro=_text(data.get("intro"), source, "intro"),
        steps=tuple(dict.fromkeys(steps)),
        questions=tuple(
            _text(q, source, f"questions[{i + 1}]", required=True) for i, q in enumerate(questions)
        ),
        passage=_passage(data.get("passage"), articles, source),
        source=source,
    )


def read_lesson(data: bytes | str, *, name: str, base: Path) -> Lesson:
    """Parse lesson text (YAML, of which JSON is a subset; ``.json`` names parse as JSON).

    Args:
        data: the file's content.
        name: its file name (the suffix picks the parser) for messages.
        base: the folder relative paths are taken from.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_LESSON_BYTES:
            raise _fail(name, "", f"larger than {MAX_LESSON_BYTES:,} bytes")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _fail(name, "", f"not UTF-8 text ({error.reason})") from None
    try:
        parsed = json.loads(data) if name.lower().endswith(".json") else yaml.safe_load(data)
    except json.JSONDecodeError as error:
        raise _fail(name, "", f"not valid JSON (line {error.lineno}: {error.msg})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise _fail(name, "", f"not valid YAML ({where}{problem})") from None
    return parse_lesson(parsed, source=name, base=base)


def load_lesson(path: str | os.PathLike[str]) -> Lesson:
    """Read and validate a lesson file (``.yaml``, ``.yml`` or ``.json``).

    Raises:
        LessonError: the file is missing, unreadable or invalid (one-line message).
    """
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise _fail(str(path), "", f"a lesson file ends in {', '.join(SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _fail(str(path), "", error.strerror or str(error)) from None
    return read_lesson(data, name=str(path), base=path.resolve().parent)


def _matches_path(article: Article, ref: ArticleRef, corpus: Sequence[Path]) -> bool:
    source = article.source.split("#", 1)[0]
    try:
        resolved = Path(source).resolve()
    except OSError:
        return False
    return any(resolved == (folder / str(ref.path)).resolve() for folder in corpus)


def select_articles(lesson: Lesson, articles: Sequence[Article]) -> list[Article]:
    """The lesson's articles found among ``articles``, in lesson order (shuffled if asked).

    Raises:
        LessonError: an article of the lesson is not there (naming the first one missing).
    """
    chosen = []
    for i, ref in enumerate(lesson.articles):
        found = _find(ref, articles, lesson.corpus)
        if found is None:
            raise _fail(lesson.source, f"articles[{i + 1}]", f"no article {ref} in the corpus")
        chosen.append(found)
    if lesson.order == "shuffled":
        random.Random(lesson.title).shuffle(chosen)
    passage_article(lesson, chosen)
    return chosen


def lesson_articles(lesson: Lesson) -> tuple[list[Article], list[Problem]]:
    """Load the lesson's corpus and pick its articles (see :func:`select_articles`).

    Returns:
        The articles in lesson order, and the problems met while loading the corpus.

    Raises:
        LessonError: a corpus path does not exist or an article is missing.
    """
    for path in lesson.corpus:
        if not path.exists():
            raise _fail(lesson.source, "corpus", f"{path} does not exist")
    corpus = load_corpus(lesson.corpus)
    return select_articles(lesson, corpus.articles), list(corpus.problems)


def _find(ref: ArticleRef, articles: Sequence[Article], corpus: Sequence[Path]) -> Article | None:
    if ref.id is not None:
        return next((a for a in articles if a.id == ref.id), None)
    return next((a for a in articles if _matches_path(a, ref, corpus)), None)


def passage_article(lesson: Lesson, articles: Sequence[Article]) -> Article | None:
    """The article of the lesson's passage among the lesson's chosen articles (None: no passage).

    Raises:
        LessonError: the passage names an article that is not among them.
    """
    if lesson.passage is None:
        return None
    found = _find(lesson.passage.article, articles, lesson.corpus)
    if found is None:
        raise _fail(
            lesson.source,
            "passage.article",
            f"{lesson.passage.article} is not among the lesson's articles",
        )
    return found


def passage_span(lesson: Lesson, article: Article | Mapping[str, Any]) -> tuple[int, int]:
    """The (start, end) offsets of the lesson's passage in the article's text.

    Paragraphs are those of :func:`analysis.text.segmentation.segment` (non-blank lines; the
    headline is paragraph 1).

    Raises:
        LessonError: the lesson has no passage, or it is not in this article's text.
    """
    if lesson.passage is None:
        raise _fail(lesson.source, "passage", "the lesson has no passage")
    text = article.text if isinstance(article, Article) else str(article.get("text") or "")
    paragraphs = segment(text).paragraphs
    passage = lesson.passage
    if passage.paragraph is not None:
        if passage.paragraph > len(paragraphs):
            raise _fail(
                lesson.source,
                "passage.paragraph",
                f"the article has only {len(paragraphs)} paragraphs",
            )
        span = paragraphs[passage.paragraph - 1]
        return span.start, span.end
    wanted = " ".join(str(passage.contains).split()).casefold()
    for span in paragraphs:
        if wanted in " ".join(text[span.start : span.end].split()).casefold():
            return span.start, span.end
    raise _fail(lesson.source, "passage.contains", "no paragraph of the article has these words")
