"""Named texts and paths shared by the tests (after textstat's EMPTY/EASY/LONG style).

A plain module, imported as ``from texts import ...`` (pyproject puts tests/ on the path), because
two conftest.py files (tests/ and tests/browser/) make ``from texts import`` ambiguous.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EVAL_DIR = ROOT.parent / "shared" / "eval"

EMPTY = ""
ONE_SENTENCE = "The committee approved the budget on Tuesday."
ABBREVIATIONS = (
    "The U.S. Senate met on Dec. 17 with Sen. Smith and Mr. J. R. Jones. "
    "Growth was 2.5 percent... Then it fell."
)
QUOTED = (
    "Officials said the plan was sound.\n\n"
    "\u201cThis is a terrible, disastrous idea,\u201d the senator said. "
    'Critics called it "a wonderful success" in public.'
)


def seed_paths() -> list[Path]:
    """The five seed article files, in name order."""
    return sorted(SEEDS.glob("*.txt"))


#: Names that give the seed outlets away: outlets and aliases, bylines, a dateline.
SEED_GIVEAWAYS = (
    "The Epoch Times",
    "Epoch Times",
    "CNN",
    "RT World News",
    "Indian outlet",
    "Zhong Yuan",
    "Virendra Pandit",
    "New Delhi",
)

#: The Lesson page's screens for the seeds lesson, in order, as a student sees their headers.
LESSON_SCREENS = (
    "The articles",
    "Tone: how does each article sound?",
    "Word choice: which words are loaded?",
    "Voices: who gets to speak?",
    "Naming: what is each actor called?",
    "Shared wording: who repeats whom?",
    "Reveal and worksheet",
)
