"""Find page furniture: the parts of a scraped page that are not the article's own text.

Share prompts, "Related Articles", comment forms, copyright lines, image credits, opinion
disclaimers, author bios, bylines and timestamp lines are found, not deleted (stand-off): each is
an :class:`~analysis.text.model.Excluded` span over a whole line, trimmed of surrounding whitespace,
with a short reason. The pipeline then leaves these spans out of every score.

Every rule is a row of :data:`FURNITURE_PATTERNS` below: where in the article it applies, the
longest line it applies to, optional substring hints (a speed-up), a regular expression that must
match the whole trimmed line, and the reason. The patterns describe general
English web boilerplate (the stock phrases of news sites, blogs and content-management systems);
none of them knows a particular article or outlet. The first matching row wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Literal

from analysis.text.model import Excluded

Where = Literal["any", "top", "end"]

BIO_ROLE_WORDS = (
    "writer",
    "researcher",
    "journalist",
    "columnist",
    "reporter",
    "editor",
    "contributor",
    "correspondent",
    "analyst",
    "commentator",
    "professor",
    "lecturer",
    "scholar",
    "fellow",
    "author",
    "novelist",
    "essayist",
    "critic",
    "blogger",
    "podcaster",
    "historian",
    "economist",
    "photographer",
    "photojournalist",
    "freelancer",
)
"""Occupations that open a contributor's note ("Jane Roe is a freelance writer ..."): the common
titles of people who write for or are quoted as experts by news sites, general English."""

NAME_PARTICLES = ("de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "dos", "bin")
"""Lower-case particles allowed inside personal names ("Ludwig van Beethoven")."""

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?"
)
_TIME_ZONES = (
    r"utc|gmt|bst|cet|cest|eet|ist|jst|hkt|aest|et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt"
)
_DATE_WORDS = (
    r"updated|published|posted|modified|last|first|on|at|of|am|pm|a\.m|p\.m|ago|today|yesterday"
    r"|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|just|now"
)
_DATE_TOKEN = (
    rf"(?>(?:{_MONTHS}|{_WEEKDAYS}|{_TIME_ZONES}|{_DATE_WORDS}"
    r"|\d{4}-\d{2}-\d{2}(?:t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?z?)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?|\d{1,4}(?:st|nd|rd|th)?)\b)"
)
_TIMESTAMP = (  # only date/time tokens, and at least one unmistakable date or time
    rf"(?=.*\d)(?=.*(?:\b(?:{_MONTHS}|{_WEEKDAYS}|updated|published|posted|ago)\b"
    rf"|\d{{4}}-\d\d-\d\d|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    rf"|\d:\d\d\s*(?:[ap]\.?m\b|(?:{_TIME_ZONES})\b)))"
    rf"[\s(]*+(?:{_DATE_TOKEN}[\s,.;:|/•·()\[\]–—-]*+)+"
)

_CAP = r"[A-Z\u00c0-\u00d6\u00d8-\u00de]"
_NAME_WORD = rf"{_CAP}[\w'’.-]*"
_PARTICLE = "|".join(NAME_PARTICLES)
_NAME = (
    r"(?-i:(?!(?:The|This|That|These|Those|It|He|She|They|We|His|Her|Its|Our|Their|A|An)\b)"
    rf"{_NAME_WORD}(?:\s+(?:(?:{_PARTICLE})\s+){{0,2}}{_NAME_WORD}){{1,3}})"
)
"""A personal name, matched case-sensitively: two to four capitalised words (particles allowed
between them), not starting with a pronoun or article."""
_ROLES = "|".join(BIO_ROLE_WORDS)


FURNITURE_PATTERNS: tuple[tuple[Where, int, tuple[str, ...], str, str], ...] = (
    # where, max chars, hints, regular expression matching the whole trimmed line, reason
    # -- sharing and navigation
    (
        "any",
        120,
        (),
        r"(?:you can |please |click (?:here )?to )?share (?:this|the) "
        r"(?:story|article|post|page|link|video)\b.*",
        "share prompt",
    ),
    (
        "any",
        120,
        (),
        r"share (?:on|via|to|with) (?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram"
        r"|e-?mail|pinterest|threads|bluesky|social media|your friends)\b.*",
        "share prompt",
    ),
    (
        "any",
        80,
        (),
        r"(?:(?:share(?: this)?|tweet|e-?mail|print|facebook|twitter|linkedin|whatsapp|reddit"
        r"|pinterest|telegram|copy link)[\s|•·,:/]*+){1,8}",
        "share buttons",
    ),
    ("any", 120, (), r"source link|original (?:article|source)\s*:?.*", "source link"),
    (
        "any",
        60,
        (),
        r"(?:related(?: articles?| stories| posts?| coverage| content| news| links| reading"
        r"| topics)?|see also|more on this(?: story| topic)?|you (?:may|might) also like"
        r"|recommended(?: for you| stories| articles| reading)?|most (?:read|popular|viewed)"
        r"|trending(?: now| stories)?|top stories)\s*:?",
        "related links",
    ),
    (
        "any",
        160,
        (),
        r"(?:related|read more|see also|more from|more on|also read|read also|recommended)\s*:.*",
        "related links",
    ),
    (
        "any",
        100,
        (),
        r"(?:read more|continue reading|more from|read the full (?:story|article))\b[^.!?]*",
        "related links",
    ),
    (
        "any",
        120,
        (),
        r"(?:leave a (?:reply|comment)|post a comment|add a comment|cancel reply|join the "
        r"(?:conversation|discussion)|\d* ?comments?|(?:show|view|hide) comments|comments are "
        r"closed\.?|you must be logged in to post a comment\.?)\s*:?",
        "comment form",
    ),
    (
        "any",
        240,
        ("your email", "required fields", "save my name"),
        r".*\b(?:your email address will not be published|required fields are marked|save my "
        r"name, email,? and website)\b.*",
        "comment form",
    ),
    ("any", 40, (), r"(?:back|scroll|return|go) to top(?: button)?\s*[↑^]?", "back to top"),
    (
        "any",
        60,
        (),
        r"(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: this)? "
        r"advertisement|skip advert(?:isement)?)\s*:?",
        "advertisement",
    ),
    # -- subscription and rights
    (
        "any",
        40,
        (),
        r"(?:subscribe|sign up|register)(?: now| today| here| for free| free)?\s*[!.:]?",
        "subscribe prompt",
    ),
    (
        "any",
        200,
        (),
        r"(?:subscribe|sign up|sign-up|register|get|join|receive)\b.{0,100}?\b(?:newsletters?"
        r"|inbox|e-?mail updates|e-?mail alerts|breaking news alerts|daily briefing)\b.*",
        "subscribe prompt",
    ),
    ("any", 240, (), r"(?:copyright\s*)?(?:©|\(c\)\s*\d{4}).*", "copyright line"),
    ("any", 240, (), r"copyright\s+(?:\d{4}|by\b).*", "copyright line"),
    ("any", 240, ("all rights reserved",), r".*\ball rights reserved\b.*", "copyright line"),
    # -- images
    (
        "any",
        240,
        (),
        r"(?:photo|photograph|image|picture|illustration|video|credit|photo credit|image credit"
        r"|image source|file photo|pictured)s?\s*(?:by\s*)?:.*",
        "image credit",
    ),
    (
        "any",
        320,
        ("(photo ", "(image ", "(picture "),
        r".*\((?:photo|image|picture) (?:by|credit|courtesy)\b[^)]*\)",
        "image credit",
    ),
    (
        "any",
        320,
        ("getty images", "ap photo", "shutterstock", "afp", "reuters/", "epa/", "epa-efe/"),
        r".*\b(?:getty images|ap photo(?:/[\w .'’-]+)?|shutterstock|afp|reuters/[\w .'’-]+"
        r"|epa(?:-efe)?/[\w .'’-]+)\)?",
        "image credit",
    ),
    # -- opinion pages
    (
        "any",
        600,
        (),
        r"(?:disclaimer\s*:\s*)?(?:the\s+)?(?:views|opinions)\s+(?:expressed|in this)\b.*?\b"
        r"(?:author|authors|writer|writers|contributor|columnist|own|necessarily)\b.*",
        "opinion disclaimer",
    ),
    ("any", 600, (), r"disclaimer\s*:.*", "opinion disclaimer"),
    (
        "any",
        600,
        (),
        r"this (?:article|column|piece|commentary|op-ed) (?:is|was|reflects) (?:an opinion"
        r"|the (?:author|writer)['’]s (?:own )?(?:opinion|views?))\b.*",
        "opinion disclaimer",
    ),
    (
        "end",
        1200,
        (),
        rf"[*_(\[]*{_NAME}\s+is\s+(?:a|an|the)\s+(?:[\w'’,-]+\s+){{0,6}}?(?:{_ROLES})s?\b.*",
        "author bio",
    ),
    # -- bylines and datelines
    (
        "any",
        100,
        (),
        rf"(?:written |posted |reported |story )?by:?\s+(?:{_NAME}|(?-i:[A-Z]{{2,}}))"
        rf"(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|•·–—-]\s*(?-i:{_CAP})[\w .&'’-]{{0,40}})?",
        "byline",
    ),
    ("any", 100, (), _TIMESTAMP, "timestamp"),
    ("top", 60, (), _NAME, "byline"),
)
"""The furniture rules, in the order they are tried (the first match wins).

``where`` limits a rule to part of the article: ``any`` line; ``top`` the first two non-blank
lines after the headline (a bare name under the headline is a byline); ``end`` the last quarter
of the lines, or the last three non-blank lines (author bios close an article). ``max chars``
keeps a rule to lines no longer than that (furniture lines are short). ``hints``, when given, are
lower-case strings one of which the line must contain: a fast pre-check for rules that search
the whole line, never a rule of their own. Every regex must match the whole trimmed line,
case-insensitively except where ``(?-i:...)`` marks capitalised names. The headline line itself
is never furniture."""


_LIMITS = sorted({limit for _, limit, _, _, _ in FURNITURE_PATTERNS})
_RULES = {
    (limit, top, end): tuple(
        (hints, re.compile(regex, re.IGNORECASE), reason)
        for where, most, hints, regex, reason in FURNITURE_PATTERNS
        if most >= limit
        and (where == "any" or (where == "top" and top) or (where == "end" and end))
    )
    for limit in _LIMITS
    for top in (False, True)
    for end in (False, True)
}
"""The compiled rules, in table order, for lines up to each length limit, under the headline or
not, near the end or not: chosen once per line instead of testing every rule's conditions."""
_LINE = re.compile(r"[^\n]+")
_TOP_LINES = 2
_END_LINES = 3
_END_SHARE = 0.25


def find_furniture(text: str, *, has_headline: bool = True) -> tuple[Excluded, ...]:
    """Find page furniture in an article: whole lines that are not the article's own text.

    Args:
        text: the article text as loaded.
        has_headline: whether the first non-blank line is the headline (it is then never
            furniture, and "top" rules look at the lines after it).

    Returns:
        Excluded spans (trimmed whole lines with a reason), sorted and non-overlapping, with
        offsets into ``text``.
    """
    lines = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            lines.append((start, start + len(stripped), stripped))
    first = 1 if has_headline else 0
    end_from = min(len(lines) - _END_LINES, int(len(lines) * (1 - _END_SHARE)))
    found = []
    for index in range(first, len(lines)):
        start, end, line = lines[index]
        slot = bisect_left(_LIMITS, len(line))
        if slot == len(_LIMITS):
            continue
        lowered = None
        for hints, regex, reason in _RULES[
            _LIMITS[slot], index < first + _TOP_LINES, index >= end_from
        ]:
            if hints:
                lowered = lowered or line.lower()
                if not any(map(lowered.__contains__, hints)):
                    continue
            if regex.fullmatch(line):
                found.append(Excluded(start, end, reason))
                break
    return tuple(found)
