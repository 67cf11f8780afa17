"""dashboard.highlight: escaping hostile text, well-formed HTML for overlapping spans, offsets."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from analysis.compare.kwic import kwic
from dashboard import highlight
from dashboard.highlight import Mark, Marker

HOSTILE = (
    "<script>window.__pwned=1</script> Headline\n\n"
    "Body with <img src=x onerror=\"window.__pwned=1\"> & “quotes” and 'apostrophes'."
)
PLAIN = "Officials said the plan was sound. “This is a terrible idea,” the senator said."
VOID = {"br", "img", "hr", "meta", "input"}


class _Checker(HTMLParser):
    """Checks nesting, collects the visible article text and each segment's offsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.segments: list[tuple[int, int, list[str]]] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        attrs = dict(attrs)
        label = "data-label" in attrs or (self.stack and self.stack[-1][1])
        self.stack.append((tag, bool(label)))
        if "data-start" in attrs:
            self._current = []
            self.segments.append((int(attrs["data-start"]), int(attrs["data-end"]), self._current))

    def handle_endtag(self, tag):
        assert self.stack, f"closing {tag} with nothing open"
        opened, _ = self.stack.pop()
        assert opened == tag, f"crossing tags: {opened} closed by {tag}"
        self._current = None

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.text.append(data)
            if self._current is not None:
                self._current.append(data)


def check(html_text: str, text: str) -> _Checker:
    parser = _Checker()
    parser.feed(html_text)
    parser.close()
    assert parser.stack == [], "unclosed tags"
    assert "".join(parser.text) == text
    for start, end, parts in parser.segments:
        assert "".join(parts) == text[start:end]
    return parser


def test_hostile_text_is_escaped_and_shown():
    out = highlight.render(
        HOSTILE, [Mark(35, 43, "hl-quote", 'x" onmouseover="alert(1)', "<b>me</b>")]
    )
    assert "<script" not in out and "<img" not in out and "<b>me" not in out
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert 'title="x&quot; onmouseover=&quot;alert(1)"' in out
    parser = check(out, HOSTILE)
    assert set(parser.tags) <= {"div", "span", "sup"}


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (5, 15)],  # crossing
        [(0, 30), (4, 8), (6, 7)],  # nested three deep
        [(3, 3), (10, 5)],  # empty and inverted: ignored
        [(-5, 4), (70, 500)],  # out of bounds: clipped
        [(0, len(PLAIN))] * 3,  # identical
        [(k, k + 4) for k in range(0, 60, 3)],  # a chain of overlaps
    ],
)
def test_overlapping_spans_render_well_formed_with_offsets(spans):
    marks = [
        Mark(s, e, f"c{k}", f"t{k}", label="L" if k == 0 else "") for k, (s, e) in enumerate(spans)
    ]
    markers = [Marker(0, "1", "first"), Marker(35, "2", "second")]
    out = highlight.render(PLAIN, marks, markers=markers)
    check(out, PLAIN)


def test_segment_carries_every_covering_title_and_class():
    out = highlight.render(PLAIN, [Mark(0, 20, "a", "first"), Mark(10, 30, "b", "second")])
    parser = check(out, PLAIN)
    assert [(s, e) for s, e, _ in parser.segments] == [(0, 10), (10, 20), (20, 30)]
    assert 'class="a b" title="first\nsecond" data-start="10"' in out


RECORD = {
    "id": "r1",
    "text": PLAIN,
    "excluded": [{"start": 0, "end": 8, "reason": "byline"}],
    "quotes": [{"start": 35, "end": 64}],
    "sentence_scores": [
        {"start": 0, "end": 34, "compound": 0.1, "in_quote": False},
        {"start": 35, "end": 80, "compound": -0.6, "in_quote": True},
    ],
    "loaded": {
        "matches": [
            {
                "start": 53,
                "end": 61,
                "text": "terrible",
                "term": "terrible",
                "category": "emotive",
                "weight": 1.0,
                "in_quote": True,
                "reason": "strong negative emotion",
                "alternative": "poor",
                "user": False,
            }
        ]
    },
    "naming_spans": [{"start": 65, "end": 76, "group": "officials", "variant": "the senator"}],
    "voices": {
        "quotes": [
            {
                "start": 35,
                "end": 64,
                "text": "This is a terrible idea,",
                "speaker": "the senator",
                "speaker_group": "politicians",
                "verb": "said",
            }
        ]
    },
}


def test_marks_for_every_layer():
    layers = [name for name, _ in highlight.LAYERS]
    html_out = highlight.article_html(
        RECORD,
        layers=layers,
        categories=["emotive"],
        groups=["politicians"],
        reuse=[(0, 34, "Another <i>article</i>")],
    )
    check(html_out, PLAIN)
    assert "loaded: emotive — why: strong negative emotion — neutral alternative: poor" in html_out
    assert "quotation: the senator (politicians, said)" in html_out
    assert ">the senator · politicians</span>" in html_out  # the speaker named before the quote
    assert "not scored (page furniture): byline" in html_out
    assert "naming: officials → the senator" in html_out
    assert "reused: also in “Another &lt;i&gt;article&lt;/i&gt;”" in html_out
    assert 'title="sentence 2: tone -0.60 (quoted)"' in html_out
    for css in ("hl-loaded hl-cat0", "hl-quote hl-grp0", "hl-excluded", "hl-naming", "hl-reuse"):
        assert css in html_out


def test_layers_off_and_missing_sections():
    assert highlight.marks_for(RECORD, layers=[], categories=[], groups=[]) == []
    bare = {"text": PLAIN, "quotes": [{"start": 35, "end": 64}]}
    marks = highlight.marks_for(
        bare, layers=["loaded", "quotes", "naming"], categories=[], groups=[]
    )
    assert [(m.start, m.end, m.title) for m in marks] == [(35, 64, "quotation")]


def test_reuse_spans_from_comparison_either_side():
    comparison = {
        "pairs": [
            {
                "a": "r1",
                "b": "r2",
                "passages": [{"a_start": 1, "a_end": 5, "b_start": 10, "b_end": 14}],
            },
            {
                "a": "r0",
                "b": "r1",
                "passages": [{"a_start": 7, "a_end": 9, "b_start": 20, "b_end": 30}],
            },
        ]
    }
    spans = highlight.reuse_spans(RECORD, comparison, {"r2": "Two", "r0": "Zero"})
    assert spans == [(1, 5, "Two"), (20, 30, "Zero")]
    assert highlight.reuse_spans(RECORD, None, {}) == []


def test_kwic_html_escapes_context():
    record = {"id": "h", "title": "<b>t</b>", "outlet": None, "text": HOSTILE, "excluded": []}
    out = highlight.kwic_html(kwic([record], "script"))
    assert "<script" not in out and "<b>t" not in out
    assert "&lt;" in out and out.count("<tr") == 2


def test_legend_names_categories_and_groups_escaped():
    out = highlight.legend_html(["emotive", "<x>"], ["government"])
    assert "emotive" in out and "&lt;x&gt;" in out and "government" in out and "<x>" not in out


def test_strip_has_one_row_per_sentence_with_direction_and_escaped_hover():
    record = {
        "text": "Good news <b>here</b>. Bad, awful news. A plain fact.",
        "sentence_scores": [
            {"start": 0, "end": 22, "compound": 0.44, "in_quote": False},
            {"start": 23, "end": 39, "compound": -0.7, "in_quote": True},
            {"start": 40, "end": 53, "compound": 0.0, "in_quote": False},
        ],
    }
    out = highlight.strip_html(record)
    check(out, "− negative │ positive +" + "1" + "2" + "3")
    rows = out.split('class="fr-srow"')[1:]
    assert len(rows) == 3
    assert '<i class="pos" style="width:44%">' in rows[0] and "neg" not in rows[0]
    assert '<i class="neg" style="width:70%">' in rows[1] and "(quoted)" in rows[1]
    assert '<i class="neu">' in rows[2]
    assert "&lt;b&gt;here&lt;/b&gt;" in rows[0] and "<b>here" not in out


def test_every_category_style_differs_beyond_colour():
    css = highlight.css()
    looks = []
    for k in range(8):
        rule = css.split(f".hl-cat{k}{{", 1)[1].split("}", 1)[0]
        decl = dict(part.split(":", 1) for part in rule.split(";"))
        looks.append((decl["text-decoration-line"], decl["text-decoration-style"]))
    assert len(set(looks)) == 8


def test_mild_matches_are_marked_as_not_counted() -> None:
    record = {
        "id": "a",
        "text": "They claimed a disgraceful win.",
        "loaded": {
            "matches": [
                {"start": 5, "end": 12, "category": "loaded_verb", "flagged": False},
                {"start": 15, "end": 26, "category": "emotive", "flagged": True},
            ]
        },
    }
    marks = {
        (m.start, m.end): m
        for m in highlight.marks_for(
            record, layers={"loaded"}, categories=["loaded_verb", "emotive"], groups=[]
        )
    }
    assert "hl-mild" in marks[(5, 12)].css and "not counted" in marks[(5, 12)].title
    assert "hl-mild" not in marks[(15, 26)].css
