"""One writer at a time for a user file that is read, extended and replaced (lexicon, outlets).

Atomic replacement alone keeps a file whole, but two writers that both read the old file and
each replace it with "old + mine" lose one addition. :func:`exclusive` holds an advisory lock
(``fcntl.flock``) on the target's folder for the whole read-modify-replace, so the second writer
reads what the first wrote (no lock file is left behind; writers of other files in the same
folder wait too, which costs nothing at these sizes). The kernel releases the lock when the
process dies, so a killed writer never blocks the next one. Where ``fcntl`` is missing
(Windows) the lock is a no-op.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold the lock for ``target`` (a lock on the folder it is in, created if missing)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
