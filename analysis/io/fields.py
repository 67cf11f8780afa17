"""Which fields of a source (a JSONL/CSV row, markdown front matter) become which metadata.

Nothing a source gives is dropped without a word:

- The metadata fields (:data:`METADATA_FIELDS`) are read as they are.
- Other names a reader of news datasets would expect are mapped onto them
  (:data:`ALIASES`: ``event_id`` and ``story`` -> ``event``, ``headline`` -> ``title``,
  ``published_at`` -> ``date``, ``link`` -> ``url``, ``byline`` -> ``author`` ...). When a source
  gives both the field and an alias, the field wins and the alias is kept as a user column.
- Every other field with a text or number value is kept as a *user column* on the article
  (``Article.extra``): saved with it, shown in the library, used by no score. Columns commonly
  found in news datasets (:data:`USER_COLUMNS`: ``lean``, ``outlet_lean``, ``bias`` ...) are kept
  quietly; any other is kept with a warning naming it, so that a misspelt field is noticed.
- A ``user`` object holds user columns by name (the library writes them so) and is read quietly.
- Values that are not text (nested objects, lists of lists, binary data) are ignored with a
  warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

METADATA_FIELDS = ("title", "outlet", "date", "event", "url", "author", "genre")
#: Other names for the metadata fields, as news datasets and feeds spell them.
ALIASES: dict[str, str] = {
    "event_id": "event",
    "event_name": "event",
    "story": "event",
    "story_id": "event",
    "headline": "title",
    "outlet_name": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "source_name": "outlet",
    "published": "date",
    "published_at": "date",
    "publish_date": "date",
    "publication_date": "date",
    "pub_date": "date",
    "date_published": "date",
    "link": "url",
    "article_url": "url",
    "authors": "author",
    "byline": "author",
}
#: Other names for the article text, used when there is no ``text`` field.
TEXT_ALIASES = ("body", "content", "article_text")
#: Fields often found in news datasets, kept as user columns without a warning.
USER_COLUMNS = frozenset(
    {"lean", "outlet_lean", "bias", "leaning", "section", "topic", "tags", "language", "country"}
)
#: The field holding user columns by name (how the library saves them).
USER_FIELD = "user"


def clean(value: object) -> str | None:
    """A metadata value as a stripped string, or None when missing or blank."""
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        parts = [p for p in (clean(v) for v in value if not isinstance(v, list | dict)) if p]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return None
    text = str(value).strip()
    return text or None


def _is_text(value: object) -> bool:
    if isinstance(value, dict | bytes):
        return False
    return not (isinstance(value, list) and any(isinstance(v, list | dict) for v in value))


def text_field(names: Iterable[str]) -> str:
    """The field that holds the article text: ``text``, else the first alias present."""
    present = set(names)
    return next((n for n in ("text", *TEXT_ALIASES) if n in present), "text")


def map_fields(
    source: Mapping[str, object], *, what: str, skip: Iterable[str] = ()
) -> tuple[dict[str, str | None], dict[str, str], list[str]]:
    """Split a source's fields into metadata, user columns and warnings (module docstring).

    Args:
        source: field name (lower-cased by the caller) -> value as read.
        what: how the warnings name the source ("row", "front matter").
        skip: fields the caller reads itself (``id``, the text field).

    Returns:
        ``(meta, extra, warnings)``: every metadata field (None when not given), user columns
        by name in source order, and one warning per kind of note.
    """
    skipped = set(skip)
    meta: dict[str, str | None] = dict.fromkeys(METADATA_FIELDS)
    extra: dict[str, str] = {}
    ignored: list[str] = []
    unknown: list[str] = []
    for key in METADATA_FIELDS:
        if key in source and key not in skipped:
            if _is_text(source[key]):
                meta[key] = clean(source[key])
            else:
                ignored.append(key)
    for key, value in source.items():
        if key in skipped or key in METADATA_FIELDS:
            continue
        key = key or "(unnamed)"
        if key == USER_FIELD and isinstance(value, dict):
            for name, inner in value.items():
                if _is_text(inner):
                    if (kept := clean(inner)) is not None:
                        extra[str(name)] = kept
                else:
                    ignored.append(f"{USER_FIELD}.{name}")
            continue
        if not _is_text(value):
            ignored.append(key)
            continue
        target = ALIASES.get(key)
        if target is not None and meta[target] is None:
            meta[target] = clean(value)
            continue
        if (kept := clean(value)) is not None:
            extra[key] = kept
            if target is None and key not in USER_COLUMNS:
                unknown.append(key)
    warnings = []
    if unknown:
        warnings.append(f"{what} fields kept as user columns (not scored): {', '.join(unknown)}")
    if ignored:
        warnings.append(f"{what} fields ignored (not text): {', '.join(ignored)}")
    return meta, extra, warnings
