"""Dashboard configuration from environment variables.

``FRAMING_CORPUS``: folders or files to load, separated by ``:`` (default: the repository's
``seeds/`` folder). The library folder is always loaded after them (unless it lies inside one of
them), so that what the user adds shows up whatever the corpus is.
``FRAMING_LIBRARY``: the library folder where added articles are saved (default:
``platformdirs.user_data_dir("framing-dashboard")/library``, outside the repository).
``FRAMING_STORE``: the score store folder (``analysis.io.store``; default:
``platformdirs.user_data_dir("framing-dashboard")/store``): scores are kept there between runs.
``FRAMING_READONLY=1``: never write to the library or the store; added articles live only in
the browser session and new scores only in the server's memory (for a shared classroom server;
a store filled beforehand is still read).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_TRUE = {"1", "true", "yes", "on"}


def default_store() -> Path:
    """The score store folder in the user's data directory (never inside the repository)."""
    return Path(platformdirs.user_data_dir("framing-dashboard")) / "store"


@dataclass(frozen=True, slots=True)
class Config:
    """Where articles come from and where added ones go.

    Attributes:
        corpus: folders and files loaded at start (in order).
        library: the folder added articles are saved to.
        readonly: True when neither the library nor the store may be written.
        store: the score store folder.
    """

    corpus: tuple[Path, ...]
    library: Path
    readonly: bool
    store: Path = field(default_factory=default_store)


def default_library() -> Path:
    """The library folder in the user's data directory (never inside the repository)."""
    return Path(platformdirs.user_data_dir("framing-dashboard")) / "library"


def with_library(corpus: tuple[Path, ...], library: Path) -> tuple[Path, ...]:
    """The corpus paths followed by the library, unless the library is (inside) one of them."""
    where = library.resolve()
    if any(where == p.resolve() or p.resolve() in where.parents for p in corpus):
        return corpus
    return (*corpus, library)


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read the configuration from environment variables (see the module docstring)."""
    env = os.environ if env is None else env
    library = Path(env["FRAMING_LIBRARY"]).expanduser() if env.get("FRAMING_LIBRARY") else None
    library = library or default_library()
    raw = env.get("FRAMING_CORPUS", "")
    parts = [Path(p).expanduser() for p in raw.split(":") if p.strip()]
    corpus = with_library(tuple(parts) if parts else (SEEDS,), library)
    readonly = env.get("FRAMING_READONLY", "").strip().lower() in _TRUE
    store = Path(env["FRAMING_STORE"]).expanduser() if env.get("FRAMING_STORE") else None
    return Config(corpus, library, readonly, store or default_store())
