"""The user's story edits: rename, merge and split stories, kept as article id -> story name.

Stories are computed by :func:`analysis.compare.stories.group_stories` (catalog events, then
articles grouped by shared wording). The user can overrule them; an edit is stored as the story
each affected article belongs to, so it does not depend on the grouping staying the same:

- *rename* ``A`` to ``B``: every article of ``A`` -> ``B``;
- *merge* ``A, B, ...`` into ``C``: every article of each -> ``C``;
- *split* articles ``x, y`` off ``A`` into ``D``: ``x, y`` -> ``D`` and the rest of ``A`` -> ``A``
  (pinned, so that grouping by wording cannot pull the moved articles back).

:func:`apply_story_edits` then gives each overridden article its story as its ``event``; the
comparison treats that like a catalog event, so charts, filters and the story groups all follow
the edit. The file format (:func:`parse_story_edits`, :func:`story_edits_json`) is a JSON object
``{"version": 1, "stories": {"article id": "story name"}}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from analysis.io.decoding import CONTROL

#: Longest story name accepted (characters).
MAX_STORY_NAME = 200
FORMAT_VERSION = 1


class StoryEditError(ValueError):
    """A story edit or stories file that cannot be used; the message says why."""


def story_name(name: str) -> str:
    """A story name as typed, checked: spaces collapsed, not empty, no control characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise StoryEditError("give the story a name")
    if CONTROL.search(cleaned):
        raise StoryEditError("a story name cannot contain control characters")
    if len(cleaned) > MAX_STORY_NAME:
        raise StoryEditError(f"a story name has at most {MAX_STORY_NAME} characters")
    return cleaned


def _members(events: Mapping[str, Sequence[str]], name: str) -> tuple[str, ...]:
    if name not in events:
        raise StoryEditError(f"no story called {name!r}")
    return tuple(events[name])


def rename_story(events: Mapping[str, Sequence[str]], old: str, new: str) -> dict[str, str]:
    """The overrides that rename story ``old`` to ``new`` (article id -> story)."""
    target = story_name(new)
    return dict.fromkeys(_members(events, old), target)


def merge_stories(
    events: Mapping[str, Sequence[str]], names: Iterable[str], new: str
) -> dict[str, str]:
    """The overrides that put every article of the stories ``names`` into story ``new``."""
    chosen = list(dict.fromkeys(names))
    if len(chosen) < 2:
        raise StoryEditError("choose at least two stories to merge")
    target = story_name(new)
    return {aid: target for name in chosen for aid in _members(events, name)}


def split_story(
    events: Mapping[str, Sequence[str]], name: str, moved: Iterable[str], new: str
) -> dict[str, str]:
    """The overrides that move articles ``moved`` of story ``name`` to a new story ``new``."""
    members = _members(events, name)
    chosen = set(moved)
    if not chosen:
        raise StoryEditError("choose the articles to move to the new story")
    if not chosen <= set(members):
        raise StoryEditError(f"only articles of {name!r} can be split off it")
    if chosen == set(members):
        raise StoryEditError("leave at least one article in the story (or rename it instead)")
    target = story_name(new)
    if target == name:
        raise StoryEditError("the new story needs a name of its own")
    return {aid: (target if aid in chosen else name) for aid in members}


def apply_story_edits(
    records: Sequence[Mapping[str, Any]], overrides: Mapping[str, str]
) -> tuple[dict[str, Any], ...]:
    """The records with each overridden article's ``event`` set to the user's story.

    Records without an override are returned as they are (the same objects); an overridden one is
    a shallow copy with only ``event`` changed, so the scores and evidence are shared.
    """
    edited = []
    for record in records:
        story = overrides.get(str(record.get("id")))
        if story is None or story == record.get("event"):
            edited.append(record)
        else:
            edited.append({**record, "event": story})
    return tuple(edited)


def parse_story_edits(text: str, *, source: str = "stories file") -> dict[str, str]:
    """The overrides in a stories file's text (an empty text is no edits).

    Raises:
        StoryEditError: the text is not a stories file (the message names ``source``).
    """
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        raise StoryEditError(f"{source}: not valid JSON ({error})") from None
    stories = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(stories, dict) or data.get("version") != FORMAT_VERSION:
        raise StoryEditError(f"{source}: expected {{'version': 1, 'stories': {{id: story}}}}")
    overrides = {}
    for aid, name in stories.items():
        if not isinstance(name, str):
            raise StoryEditError(f"{source}: the story of {aid!r} is not text")
        try:
            overrides[str(aid)] = story_name(name)
        except StoryEditError as error:
            raise StoryEditError(f"{source}: article {aid!r}: {error}") from None
    return overrides


def story_edits_json(overrides: Mapping[str, str]) -> str:
    """A stories file's text for these overrides (sorted by article id, UTF-8 friendly)."""
    body = {"version": FORMAT_VERSION, "stories": dict(sorted(overrides.items()))}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"
