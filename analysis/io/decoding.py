"""Bytes to checked text: encodings, binary content, size limits, and a not-English check.

UTF-8 with or without BOM and UTF-16 with a BOM are decoded as such; other bytes fall back to
Windows-1252 with a warning. Content with NUL bytes or many control characters is binary. Each
failure is an :class:`InputError` with a one-line reason.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 65_536
BINARY_CONTROL_SHARE = 0.05
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CP1252_UNDEFINED = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
ENGLISH_FUNCTION_WORDS = frozenset(
    """
    the of and to a in that is was he for it with as his on be at by i this had not are but from
    or have an they which you were her all she there would their we him been has when who will no
    if out so what up its about into than them can only other some could these may then do any my
    now such our over me even most after also did many before must through where much your should
    because each those how too very here between both under while might since against
    """.split()  # noqa: SIM905 - a word list reads better as words
)
ENGLISH_MIN_WORDS = 30
ENGLISH_MIN_SHARE = 0.15
_ENGLISH_SAMPLE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


class InputError(ValueError):
    """An input that cannot be used; ``str(error)`` is a one-line message for the user."""


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode a file's bytes to text, judging binary content by decoding, never by magic numbers.

    UTF-8 (a BOM is stripped) and UTF-16 LE/BE with a BOM are read as such. Other bytes that are not
    valid UTF-8 are read as Windows-1252 (its five undefined bytes as Latin-1) with the warning
    "not UTF-8; decoded as Windows-1252". Line ends are normalised to ``\\n``.

    Args:
        data: the raw bytes of one file or upload.

    Returns:
        The text and the decoding warnings.

    Raises:
        InputError: "empty file" for empty or whitespace-only input; "looks like a binary file
            (...)" for NUL bytes outside UTF-16 or more than 5% control characters after decoding.
    """
    text, warnings = _decode(data)
    return check_text(text), warnings


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError as error:
            raise InputError(f"looks like a binary file (invalid UTF-16: {error.reason})") from None
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data:
        raise InputError("looks like a binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        return decode_legacy(data), ("not UTF-8; decoded as Windows-1252",)


def decode_legacy(data: bytes) -> str:
    return data.decode("cp1252", errors="surrogateescape").translate(_CP1252_UNDEFINED)


def check_text(text: str) -> str:
    """Normalise line ends; reject empty and binary-looking text (raises InputError)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    controls = len(CONTROL.findall(text))
    if controls > BINARY_CONTROL_SHARE * len(text):
        share = controls / len(text)
        raise InputError(f"looks like a binary file ({share:.0%} control characters)")
    return text


def repair_field(value: str) -> tuple[str, tuple[str, ...]]:
    """A streamed field read as UTF-8 with surrogate escapes: undecodable bytes -> Windows-1252."""
    if not _SURROGATE_ESCAPE.search(value):
        return value, ()
    raw = value.encode("utf-8", errors="surrogateescape")
    return decode_legacy(raw), ("not UTF-8; decoded as Windows-1252",)


def size_error(size: int, limit: int, what: str, *, at_least: bool = False) -> InputError:
    amount = f"{'at least ' if at_least else ''}{size:,} bytes ({size / 1e6:.1f} MB)"
    return InputError(
        f"{what} is {amount}, over the limit of {limit:,} bytes ({limit / 1e6:.1f} MB) "
        "for one article"
    )


def english_warning(text: str) -> str | None:
    """The non-English warning, or None when the text looks like English or is too short to tell.

    Looks at the first 20,000 characters: text whose letters are mostly outside the Latin script,
    or whose share of common English function words is below :data:`ENGLISH_MIN_SHARE`.
    """
    sample = text[:_ENGLISH_SAMPLE_CHARS]
    words = _WORD.findall(sample)
    letters = sum(len(w) for w in words)
    latin = len(_LATIN_LETTER.findall(sample))
    if letters >= 100 and latin < 0.5 * letters:
        return "does not look like English; scores assume English text"
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    hits = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS)
    if hits < ENGLISH_MIN_SHARE * len(words):
        return "does not look like English; scores assume English text"
    return None
