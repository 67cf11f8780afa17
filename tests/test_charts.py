"""dashboard.charts: the pure figure builders (figure contents, notes, noise, escaping)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import charts

HOSTILE_TITLE = "<script>window.__pwned=1</script> and <img src=x onerror=alert(1)>"
TEXT = "Headline here\n\nThe first sentence. “A quoted one,” she said. The last one."


def record(
    rid: str,
    compounds: list[float],
    *,
    outlet: str = "Outlet A",
    title: str = "A title",
    quoted: tuple[int, ...] = (),
    sections: bool = True,
    per_1k: float = 20.0,
    ci: tuple[float, float] = (10.0, 30.0),
    grade: float = 10.0,
) -> dict:
    """A contract-shaped article dict; ``sections=False`` leaves out the later analysis sections."""
    scores = [
        {"start": 0, "end": 13, "compound": c, "in_quote": k in quoted, "loaded": 0.0}
        for k, c in enumerate(compounds)
    ]
    rec = {
        "id": rid,
        "title": title,
        "outlet": outlet,
        "text": TEXT,
        "words": 500,
        "sentences": len(scores),
        "excluded": [],
        "quotes": [],
        "sentence_scores": scores,
        "sentiment": {"mean": sum(compounds) / len(compounds)},
        "readability": {
            "flesch_kincaid_grade": grade,
            "gunning_fog": grade + 2,
            "smog_index": grade + 1,
            "coleman_liau_index": grade - 1,
            "consensus_grade": grade,
        },
    }
    if sections:
        rec["loaded"] = {
            "matches": [],
            "per_1k": per_1k,
            "per_1k_ci": list(ci),
            "per_1k_all": per_1k,
            "own_per_1k": per_1k,
            "own_per_1k_ci": list(ci),
            "by_category": {"emotive": 6, "hedge": 4},
        }
        rec["naming"] = {"china": {"CCP": 3, "Beijing": 1}}
        rec["voices"] = {
            "quote_share": 0.2,
            "quotes": [
                {
                    "start": 0,
                    "end": 5,
                    "text": "one two three",
                    "speaker": "A",
                    "speaker_group": "government",
                    "verb": "said",
                },
                {
                    "start": 6,
                    "end": 9,
                    "text": "four five",
                    "speaker": None,
                    "speaker_group": None,
                    "verb": None,
                },
            ],
            "speakers": [],
            "attributions": [],
        }
        rec["sentiment"]["toward"] = {"china": {"mean": -0.3, "sentences": 4}}
    return rec


POSITIVE = [0.6, 0.7, 0.8, 0.65, 0.75, 0.7]
NEGATIVE = [-0.6, -0.7, -0.8, -0.65, -0.75, -0.7]
MIXED = [0.5, -0.4, 0.3, -0.5, 0.6, -0.3]


def test_build_all_with_only_core_sections_lists_the_rest_as_unavailable():
    recs = [record("a", POSITIVE, sections=False), record("b", NEGATIVE, sections=False)]
    built = charts.build_all(recs)
    assert [c.name for c in built] == ["sentence-sentiment", "narrator-vs-quoted", "readability"]
    missing = charts.unavailable(built)
    assert any(m.startswith("loaded-rates") for m in missing)
    assert any(m.startswith("voice-share") for m in missing)
    assert len(missing) == 4


def test_build_all_full_and_with_comparison():
    recs = [record("a", POSITIVE), record("b", NEGATIVE, outlet="Outlet B")]
    comparison = {
        "pairs": [
            {
                "a": "a",
                "b": "b",
                "similarity": 0.4,
                "reused_share_a": 0.3,
                "reused_share_b": 0.2,
                "passages": [],
            }
        ],
        "distinctive_terms": {
            "Outlet A": [{"term": "regime", "z": 2.5, "count": 4}],
            "Outlet B": [{"term": "talks", "z": 1.2, "count": 2}],
        },
        "events": {},
    }
    built = charts.build_all(recs, comparison=comparison)
    assert [c.name for c in built] == [
        "sentence-sentiment",
        "narrator-vs-quoted",
        "loaded-rates",
        "readability",
        "voice-share",
        "naming",
        "sentiment-toward",
        "similarity",
        "distinctive-terms",
    ]
    for chart in built:
        assert isinstance(chart.figure, go.Figure)
        assert chart.figure.layout.title.text == chart.title
        for sentence in (chart.what, chart.mislead):
            assert sentence.endswith(".") and sentence.count(". ") == 0
    terms = next(c for c in built if c.name == "distinctive-terms")
    assert "1 listed terms have z below 1.96" in terms.noise
    assert "stands out" not in terms.noise
    comparison["distinctive_terms"]["Outlet C"] = []
    terms = charts.distinctive_terms(comparison)
    assert terms.noise.endswith("No term stands out beyond chance for: Outlet C.")
    assert len(terms.figure.data) == 2
    sim = next(c for c in built if c.name == "similarity")
    assert sim.figure.data[0].z[0][1] == 0.4 and sim.figure.data[0].z[1][0] == 0.4
    assert sim.figure.data[0].text[0][0] == ""  # the diagonal says nothing


def _noise_annotations(fig: go.Figure) -> list[str]:
    text = fig.layout.title.subtitle.text
    return [text] if text else []


def test_sentence_sentiment_says_when_differences_are_within_noise():
    similar = charts.sentence_sentiment([record("a", MIXED), record("b", [-x for x in MIXED])])
    assert len(similar.figure.data) == 2
    assert list(similar.figure.data[0].y) == MIXED
    assert "Within the noise" in similar.noise
    assert _noise_annotations(similar.figure)
    distinct = charts.sentence_sentiment([record("a", POSITIVE), record("b", NEGATIVE)])
    assert distinct.noise == "" and not _noise_annotations(distinct.figure)


def test_narrator_vs_quoted_bars_and_intervals():
    rec = record("a", [0.5, 0.6, 0.55, -0.5, -0.6, -0.55], quoted=(3, 4, 5))
    chart = charts.narrator_vs_quoted([rec])
    narrator, quoted = chart.figure.data
    assert narrator.y[0] == pytest.approx(0.55) and quoted.y[0] == pytest.approx(-0.55)
    assert narrator.error_y.array[0] > 0
    assert narrator.marker.pattern.shape != quoted.marker.pattern.shape  # not colour alone
    assert chart.noise == ""  # clearly different
    thin = charts.narrator_vs_quoted([record("b", MIXED)])  # no quoted sentences at all
    assert "Outlet A" in thin.noise


def test_loaded_rates_stack_categories_and_overlap_note():
    recs = [
        record("a", POSITIVE, per_1k=20, ci=(10, 30)),
        record("b", POSITIVE, per_1k=25, ci=(15, 35), outlet="Outlet B"),
        record("c", POSITIVE, per_1k=80, ci=(60, 100), outlet="Outlet C"),
    ]
    chart = charts.loaded_rates(recs)
    names = [t.name for t in chart.figure.data]
    assert names == ["emotive", "hedge", "writer's own voice, 95% interval"]
    assert chart.figure.data[0].y[0] == pytest.approx(12.0)  # 6 per 500 words
    marker = chart.figure.data[-1]
    assert list(marker.error_y.array) == [10, 10, 20]
    assert "Outlet A · A title vs Outlet B · A title" in chart.noise
    assert "Outlet C" not in chart.noise


def test_readability_noise_uses_formula_disagreement():
    chart = charts.readability_grades(
        [record("a", POSITIVE, grade=10), record("b", POSITIVE, grade=11, outlet="B")]
    )
    assert len(chart.figure.data) == len(charts.GRADE_FORMULAS)
    assert "Within the noise" in chart.noise  # formulas spread 3 grades, articles differ by 1
    far = charts.readability_grades(
        [record("a", POSITIVE, grade=6), record("b", POSITIVE, grade=14)]
    )
    assert far.noise == ""


def test_voice_share_percentages_and_thin_note():
    chart = charts.voice_share([record("a", POSITIVE)])
    shares = {t.name: t.x[0] for t in chart.figure.data}
    assert shares == {"government": pytest.approx(60.0), "unattributed": pytest.approx(40.0)}
    assert "Fewer than 3 quotations" in chart.noise


def test_naming_heatmap_sums_by_outlet():
    recs = [record("a", POSITIVE), record("b", POSITIVE), record("c", POSITIVE, outlet="B")]
    heat = charts.naming_choices(recs).figure.data[0]
    assert list(heat.x) == ["B", "Outlet A"]
    assert list(heat.y) == ["china: Beijing", "china: CCP"]
    assert [list(r) for r in heat.z] == [[1, 2], [3, 6]]
    assert heat.text[1][1] == "6"  # numbers printed in the cells


def test_hostile_metadata_is_escaped_for_plotly():
    recs = [record("a", MIXED, title=HOSTILE_TITLE, outlet="<b>Evil</b>"), record("b", MIXED)]
    for chart in charts.build_all(recs):
        dumped = chart.figure.to_json()
        assert "<script>" not in dumped and "<img" not in dumped and "<b>Evil" not in dumped
    labels = charts.article_labels(recs)
    assert labels[0].startswith("&lt;b&gt;Evil&lt;/b&gt;<br>&lt;script&gt;")


def test_article_labels_unique_and_short():
    recs = [
        record("a", MIXED, title="Same title " * 10),
        record("b", MIXED, title="Same title " * 10),
    ]
    labels = charts.article_labels(recs)
    assert len(set(labels)) == 2
    assert all(len(label.split("<br>")[1]) <= 30 for label in labels)


def test_large_text_raises_font_size():
    recs = [record("a", MIXED)]
    small = charts.sentence_sentiment(recs).figure.layout.font.size
    large = charts.sentence_sentiment(recs, large_text=True).figure.layout.font.size
    assert large > small


def test_verbs_by_group_counts_and_thin_note():
    rec = record("a", MIXED)
    rec["voices"]["quotes"].append(
        {
            "start": 9,
            "end": 12,
            "text": "x",
            "speaker": "B",
            "speaker_group": "government",
            "verb": "Claimed",
        }
    )
    chart = charts.verbs_by_group([rec])
    heat = chart.figure.data[0]
    assert list(heat.y) == ["government"] and list(heat.x) == ["claimed", "said"]
    assert [list(r) for r in heat.z] == [[1, 1]]
    assert "Only 2 attributed quotations" in chart.noise
    assert charts.verbs_by_group([record("b", MIXED, sections=False)]) is None


def test_legend_rows_get_room_under_the_title():
    few = charts.readability_grades([record("a", MIXED)]).figure.layout
    recs = [record(str(k), MIXED, outlet=f"Outlet {k}") for k in range(7)]
    many = charts.sentiment_toward(recs).figure.layout
    assert many.margin.t > few.margin.t
    assert many.title.yref == "container" and many.legend.yref == "container"
    # The legend starts below the title and subtitle (in pixels from the top) and inside the
    # top margin, so the noise note and the legend never run into each other.
    noisy = charts.sentence_sentiment([record("a", MIXED), record("b", [-x for x in MIXED])])
    lay = noisy.figure.layout
    legend_top = (1 - lay.legend.y) * lay.height
    lines = lay.title.subtitle.text.count("<br>") + 1
    assert legend_top >= 10 + lay.font.size + lines * (lay.font.size - 2)
    assert legend_top < lay.margin.t


# --- outlet mode: large selections -------------------------------------------------------


def many(outlets: int = 30, per: int = 3, *, stories: int = 1) -> list[dict]:
    """``outlets`` outlets with ``per`` articles each; outlet k's tone rises with k."""
    recs = []
    for k in range(outlets):
        for j in range(per):
            tone = -0.8 + 1.6 * k / max(outlets - 1, 1)
            rec = record(
                f"o{k}-{j}",
                [tone + 0.25 * (j - 1) + d for d in (-0.05, 0.0, 0.05)],
                outlet=f"Outlet number {k:02d} with a rather long name",
                title=f"Story {j}",
                per_1k=10 + k,
                ci=(8 + k, 12 + k),
                grade=8 + (k % 5),
            )
            rec["event"] = f"Story {k % stories}" if stories > 1 else None
            recs.append(rec)
    return recs


def test_default_unit_follows_the_rule():
    assert charts.default_unit([record("a", MIXED), record("b", MIXED, outlet="B")]) == "article"
    assert charts.default_unit([record("a", MIXED), record("b", MIXED)]) == "outlet"  # repeated
    nine = [record(str(k), MIXED, outlet=f"O{k}") for k in range(9)]
    assert charts.default_unit(nine) == "outlet"


def test_outlet_mode_rows_are_sorted_with_bootstrap_intervals():
    from analysis.compare.stats import bootstrap_interval

    recs = many(outlets=30, per=3)
    chart = next(c for c in charts.build_all(recs) if c.name == "sentence-sentiment")
    assert chart.title == "Mean sentence tone per outlet"
    marks = [t for t in chart.figure.data if t.error_x and t.error_x.array is not None]
    xs = [x for t in marks for x in t.x]
    ys = [y for t in marks for y in t.y]
    assert len(ys) == 30 and len(set(ys)) == 30
    order = list(chart.figure.layout.yaxis.categoryarray)
    assert order == sorted(order, key=lambda y: xs[ys.index(y)])  # bottom to top by mean
    # The whisker is the bootstrap interval of the outlet's per-article means.
    values = [sum(s["compound"] for s in r["sentence_scores"]) / 3 for r in recs[:3]]
    iv = bootstrap_interval(values)
    k = next(i for i, y in enumerate(ys) if y.startswith("Outlet number 00"))
    trace = marks[0]
    assert trace.x[0] == pytest.approx(iv.mean)
    assert trace.error_x.arrayminus[0] == pytest.approx(iv.mean - iv.low)
    assert trace.error_x.array[0] == pytest.approx(iv.high - iv.mean)
    assert k == 0
    # Long names are shortened on the axis, in full in the hover.
    assert all(len(y) <= 28 for y in ys)
    assert trace.customdata[0][0] == "Outlet number 00 with a rather long name"
    assert chart.figure.layout.height > 30 * 20  # grows with the rows


def test_outlet_mode_noise_is_a_mark_and_a_short_note_not_a_list():
    recs = many(outlets=30, per=3)
    for chart in charts.build_all(recs):
        assert len(chart.noise) < 300, chart.name
        assert " vs " not in chart.noise
    tone = next(c for c in charts.build_all(recs) if c.name == "sentence-sentiment")
    symbols = {
        s for t in tone.figure.data if t.error_x and t.error_x.array for s in t.marker.symbol
    }
    assert {"circle", "circle-open"} <= symbols  # far outlets solid, central ones hollow
    assert "Hollow markers are within the noise" in tone.noise
    assert "of 29 neighbouring outlets" in tone.noise


def test_single_article_outlets_get_a_diamond_not_an_interval():
    recs = [record("a", POSITIVE), record("b", POSITIVE), record("c", NEGATIVE, outlet="Solo")]
    chart = next(c for c in charts.build_all(recs) if c.name == "sentence-sentiment")
    solo = next(t for t in chart.figure.data if t.error_x and "Solo" in list(t.y))
    assert list(solo.marker.symbol)[list(solo.y).index("Solo")] == "diamond-open"
    assert "one article" in chart.noise


def test_small_multiples_per_story_and_per_article_toggle():
    recs = many(outlets=6, per=2, stories=2)
    chart = next(c for c in charts.build_all(recs) if c.name == "loaded-rates")
    titles = [a.text for a in chart.figure.layout.annotations]
    assert titles == ["Story 0", "Story 1"]
    per_article = charts.build_all(recs, unit="article")
    rows = next(c for c in per_article if c.name == "loaded-rates")
    assert rows.title == "Loaded words per 1,000 words per article"
    marks = [y for t in rows.figure.data if t.error_x and t.error_x.array for y in t.y]
    assert len(marks) == len(recs)


def test_colour_by_groups_caps_the_palette():
    recs = many(outlets=12, per=2)
    names = sorted({r["outlet"] for r in recs})
    groups = {name: f"Country {k % 10}" for k, name in enumerate(names)}
    chart = charts.build_all(recs, colour_by=groups)[0]
    legend = [t.name for t in chart.figure.data if t.showlegend is not False and t.name]
    assert sum(name.startswith("Country") for name in legend) == 7
    assert any(name.endswith("other") for name in legend)


def test_voice_share_by_outlet_pools_and_marks_thin_outlets():
    recs = [record("a", MIXED), record("b", MIXED), record("c", MIXED, outlet="B")]
    chart = charts.voice_share(recs, by_outlet=True)
    assert len(chart.figure.data[0].y) == 2
    assert list(chart.figure.data[0].y) == ["Outlet A", "B ◌"]  # B: 2 quotations
    assert "B" in chart.noise


def test_similarity_heatmap_capped_at_40_articles():
    recs = [record(f"r{k}", MIXED, outlet=f"O{k % 5}") for k in range(60)]
    pairs = [
        {"a": f"r{i}", "b": f"r{j}", "similarity": 0.5 if i % 5 == j % 5 else 0.2}
        for i in range(60)
        for j in range(i + 1, 60)
        if (i + j) % 3
    ]
    chart = charts.similarity(recs, {"pairs": pairs})
    heat = chart.figure.data[0]
    assert chart.title == "Shared wording between outlets"
    assert len(heat.y) == 5 and len(heat.x) == 5
    assert "below the reporting threshold count as 0" in chart.noise
    few = charts.similarity(recs[:40], {"pairs": pairs})
    assert few.title == "Shared wording between articles" and len(few.figure.data[0].y) == 40


def test_outlet_similarity_counts_missing_pairs_as_zero():
    import numpy as np

    from dashboard.charts.corpus import outlet_similarity, similarity_matrix

    z = similarity_matrix(["a", "b", "c"], [{"a": "a", "b": "c", "similarity": 0.6}])
    assert np.isnan(z[0, 1]) and z[0, 2] == z[2, 0] == 0.6
    m = outlet_similarity(z, ["X", "X", "Y"], ["X", "Y"])
    assert m[0, 1] == pytest.approx(0.3)  # (a,c)=0.6 and (b,c) unlisted = 0
    assert m[0, 0] == 0.0 and np.isnan(m[1, 1])  # Y has one article: no pair of its own


def test_distinctive_terms_grid_for_many_outlets():
    comparison = {
        "distinctive_terms": {
            f"Outlet {k}": [
                {"term": f"term{k}-{j}", "z": 3.0 - j * 0.3, "count": 5} for j in range(8)
            ]
            for k in range(10)
        }
    }
    chart = charts.distinctive_terms(comparison)
    assert len(chart.figure.data) == 10
    assert all(len(t.y) == 5 for t in chart.figure.data)  # five terms per panel in a grid
    assert len({t.xaxis for t in chart.figure.data}) == 10


def test_hostile_outlet_names_are_escaped_in_outlet_mode():
    recs = [record("a", MIXED, outlet="<b>Evil</b>"), record("b", MIXED, outlet="<b>Evil</b>")]
    for chart in charts.build_all(recs, colour_by={"<b>Evil</b>": "<i>x</i>"}):
        dumped = chart.figure.to_json()
        assert "<b>Evil" not in dumped and "<i>x" not in dumped


def test_one_outlet_still_leaves_room_to_plot():
    # Two articles of one outlet: outlet mode with a single row must not squeeze the plot area
    # to nothing (Chromium's image export fails with "axis scaling" when it does).
    recs = [record("a", MIXED), record("b", POSITIVE)]
    for large in (False, True):
        for chart in charts.build_all(recs, large_text=large):
            lay = chart.figure.layout
            assert lay.height - lay.margin.t - lay.margin.b >= 120, chart.name
