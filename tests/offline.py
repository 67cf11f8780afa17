"""Run Python code in a fresh interpreter with networking disabled (sockets patched to refuse),
so that nothing imported earlier in the test session, and no cache, can hide a download."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from texts import ROOT

NO_NETWORK = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network disabled by the offline test guard")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


def run_offline(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
