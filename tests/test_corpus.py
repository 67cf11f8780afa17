"""Loading articles: formats, metadata, encodings, rejections, ids, uploads (analysis.io.corpus)."""

from __future__ import annotations

import builtins
import io
import json
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from texts import SEEDS, seed_paths

from analysis.io.corpus import (
    ARTICLE_SUFFIXES,
    MAX_NAME_CHARS,
    check_paths,
    iter_corpus,
    load_corpus,
    read_upload,
    safe_upload_name,
    unique_upload_names,
)
from analysis.io.decoding import ENGLISH_FUNCTION_WORDS, InputError, decode_bytes
from analysis.text.model import Article, Problem

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
MIXED = FIXTURES / "mixed"

# News paragraphs written for these tests (one story, six languages) for the English check.
FOREIGN = {
    "fr": "Le gouvernement a annoncé mardi un nouveau plan pour les hôpitaux de la région. Selon "
    "le ministre, les travaux commenceront au printemps et dureront deux ans. Les syndicats "
    "estiment que ces mesures ne suffiront pas à résoudre la crise du personnel, qui touche "
    "surtout les petites villes. « Nous attendons des actes, pas des promesses », a déclaré une "
    "infirmière devant la mairie.",
    "de": "Die Regierung hat am Dienstag einen neuen Plan für die Krankenhäuser der Region "
    "vorgestellt. Nach Angaben des Ministers sollen die Arbeiten im Frühjahr beginnen und zwei "
    "Jahre dauern. Die Gewerkschaften halten die Maßnahmen für unzureichend, weil der Mangel an "
    "Personal vor allem kleine Städte trifft. „Wir erwarten Taten, keine Versprechen“, sagte eine "
    "Krankenschwester vor dem Rathaus.",
    "es": "El gobierno anunció el martes un nuevo plan para los hospitales de la región. Según el "
    "ministro, las obras comenzarán en primavera y durarán dos años. Los sindicatos consideran "
    "que estas medidas no bastarán para resolver la crisis de personal, que afecta sobre todo a "
    "las ciudades pequeñas. «Esperamos hechos, no promesas», dijo una enfermera frente al "
    "ayuntamiento.",
    "it": "Il governo ha annunciato martedì un nuovo piano per gli ospedali della regione. "
    "Secondo il ministro, i lavori inizieranno in primavera e dureranno due anni. I sindacati "
    "ritengono che queste misure non basteranno a risolvere la crisi del personale, che colpisce "
    "soprattutto le piccole città. «Aspettiamo fatti, non promesse», ha detto un'infermiera "
    "davanti al municipio.",
    "nl": "De regering heeft dinsdag een nieuw plan voor de ziekenhuizen in de regio "
    "gepresenteerd. Volgens de minister beginnen de werkzaamheden in het voorjaar en duren ze "
    "twee jaar. De vakbonden vinden dat deze maatregelen niet genoeg zijn om de personeelscrisis "
    "op te lossen, die vooral kleine steden treft. Het is nog niet duidelijk wat er met de oude "
    "gebouwen gebeurt.",
    "pt": "O governo anunciou na terça-feira um novo plano para os hospitais da região. Segundo o "
    "ministro, as obras começarão na primavera e durarão dois anos. Os sindicatos consideram que "
    "estas medidas não serão suficientes para resolver a crise de pessoal, que afeta sobretudo "
    "as cidades pequenas. «Esperamos ações, não promessas», disse uma enfermeira.",
    "zh": "政府周二宣布了一项针对该地区医院的新计划。部长表示，工程将于春季开始，为期两年。"
    "工会认为，这些措施不足以解决人员短缺的危机，而这一危机主要影响小城市。一名护士在市政厅前说："
    "“我们等待的是行动，而不是承诺。”总预算达到三十亿欧元，其中一部分将由欧盟资助。",
}
ENGLISH = (
    "The government announced a new plan for the region's hospitals on Tuesday. According to the "
    "minister, the work will begin in the spring and last two years. The unions say that these "
    "measures will not be enough to solve the staffing crisis, which mostly hits small towns."
)
NOT_ENGLISH = "does not look like English; scores assume English text"
CP1252_WARNING = "not UTF-8; decoded as Windows-1252"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def split(items: list) -> tuple[list[Article], list[Problem]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Problem)],
    )


# --- decoding ------------------------------------------------------------------------------------

TEXT = "Café “quoted” — naïve\nsecond line"


@pytest.mark.parametrize(
    ("data", "expected", "warnings"),
    [
        pytest.param(TEXT.encode("utf-8"), TEXT, (), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, (), id="utf-8 BOM stripped"),
        pytest.param(TEXT.encode("utf-16"), TEXT, (), id="utf-16 with BOM (native)"),
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT, (), id="utf-16 LE BOM"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT, (), id="utf-16 BE BOM"),
        pytest.param(TEXT.encode("cp1252"), TEXT, (CP1252_WARNING,), id="windows-1252"),
        pytest.param(
            "Déjà vu à Noël".encode("latin-1"), "Déjà vu à Noël", (CP1252_WARNING,), id="latin-1"
        ),
        pytest.param(
            b"caf\xe9 \x81 is a byte cp1252 leaves undefined",
            "café \x81 is a byte cp1252 leaves undefined",
            (CP1252_WARNING,),
            id="cp1252-undefined",
        ),
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", (), id="line ends normalised"),
        pytest.param(b"Blink of an eye", "Blink of an eye", (), id="magic-number lookalike"),
    ],
)
def test_decode_bytes(data: bytes, expected: str, warnings: tuple[str, ...]) -> None:
    assert decode_bytes(data) == (expected, warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b" \n\t\r\n ", "empty file", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf  \n", "empty file", id="BOM and whitespace"),
        pytest.param("  \n".encode("utf-16"), "empty file", id="utf-16 whitespace"),
        pytest.param(b"PK\x03\x04\x00\x00text", "looks like a binary file", id="NUL bytes"),
        pytest.param(random.Random(7).randbytes(4096), "looks like a binary file", id="random"),
        pytest.param(
            bytes(
                b % 31 + 1
                for b in random.Random(3).randbytes(2000)
                if b % 31 + 1 not in b"\t\n\f\r"
            ),
            "looks like a binary file",
            id="control characters, no NUL",
        ),
        pytest.param(b"\xff\xfe\x00\xd8", "looks like a binary file", id="broken utf-16"),
    ],
)
def test_decode_bytes_rejects(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


def test_binary_message_gives_the_reason() -> None:
    with pytest.raises(InputError) as error:
        decode_bytes(b"text\x00more")
    assert str(error.value) == "looks like a binary file (contains NUL bytes)"
    assert isinstance(error.value, ValueError)


def test_a_few_control_characters_are_not_binary() -> None:
    text = "A sentence with a stray \x07 bell and a form feed\f.\n" * 3
    assert decode_bytes(text.encode())[0] == text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_bytes_never_crashes(data: bytes) -> None:
    try:
        text, warnings = decode_bytes(data)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert text.strip() and "\r" not in text
        assert all(isinstance(w, str) for w in warnings)


# --- the fixture folder: every format, catalog, skips --------------------------------------------


def test_mixed_folder_in_sorted_order_with_every_format() -> None:
    articles, problems = split(list(iter_corpus([MIXED])))
    assert [a.id for a in articles] == [
        "a_plain",
        "b_front",
        "c_page",
        "row-one",
        "d_rows-2",
        "d_rows-6",
        "csv-1",
        "e_rows-2",
        "z_nested",
    ]
    base = os.fspath(MIXED)
    assert [(p.source, p.severity) for p in problems] == [
        (os.path.join(base, "catalog.csv"), "warning"),
        (os.path.join(base, "d_rows.jsonl") + ":3", "error"),
        (os.path.join(base, "d_rows.jsonl") + ":4", "error"),
        (os.path.join(base, "notes.xml"), "warning"),
    ]
    assert problems[0].reason == "catalog row for missing file ghost.txt"
    assert problems[1].reason.startswith("not valid JSON")
    assert problems[2].reason.startswith("no text")
    assert problems[3].reason.startswith("not an article format")
    assert all(not a.warnings for a in articles)


def test_plain_text_gets_catalog_metadata_and_first_line_title() -> None:
    article = next(a for a in load_corpus([MIXED]).articles if a.id == "a_plain")
    assert article.title == "Council approves budget after long debate"
    assert article.text.startswith("Council approves budget after long debate\n\nThe city council")
    assert article.source == os.path.join(os.fspath(MIXED), "a_plain.txt")
    assert (article.outlet, article.date, article.event, article.genre) == (
        "River Gazette",
        "2024-04-30",
        "Budget 2024",
        "news",
    )
    assert article.url == "https://example.org/budget"
    assert article.author is None  # an empty catalog cell is missing, not ""


def test_front_matter_wins_over_catalog_and_fills_from_it() -> None:
    article = next(a for a in load_corpus([MIXED]).articles if a.id == "b_front")
    assert article.title == "Harbour reopens after storm"
    assert article.outlet == "Coastal Herald"  # the file said it; the catalog only fills
    assert article.event == "Storm season"  # the file did not say it
    assert (article.date, article.author, article.genre) == (
        "2024-03-05",
        "Ann Lee, Bo Chen",
        "news",
    )
    assert article.text.startswith("# Harbour reopens after storm\n\nThe harbour")
    assert "---" not in article.text


def test_markdown_title_from_heading_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "note.md", "\n\n## Rates held steady\n\nThe bank held rates.\n")
    (article,) = load_corpus([path]).articles
    assert article.title == "Rates held steady"
    assert article.text == "## Rates held steady\n\nThe bank held rates.\n"


def test_title_falls_back_to_the_id() -> None:
    (article,), _ = read_upload("marks.md", b"#\n##\n")
    assert (article.id, article.title, article.text) == ("marks", "marks", "#\n##\n")


def test_front_matter_id_and_unknown_keys(tmp_path: Path) -> None:
    front = "---\nid: custom-id\ntags: [a, b]\nmood: calm\nstory: Park\n---\nTitle line\n\nBody.\n"
    (article,) = load_corpus([write(tmp_path / "x.md", front)]).articles
    assert article.id == "custom-id"
    assert article.event == "Park"  # an alias of event
    assert article.extra == (("tags", "a, b"), ("mood", "calm"))  # kept as user columns
    assert article.warnings == ("front matter fields kept as user columns (not scored): mood",)


def test_malformed_front_matter_loads_body_with_warning() -> None:
    corpus = load_corpus([FIXTURES / "bad_front.md"])
    (article,) = corpus.articles
    assert corpus.problems == ()
    assert article.title == "Park gates repainted"
    assert article.text.startswith("Park gates repainted\n\nVolunteers")
    assert article.outlet is None
    (warning,) = article.warnings
    assert warning.startswith("front matter is not valid YAML (line 4:")
    assert warning.endswith("loaded without it")


def test_html_page_chrome_dropped_text_and_metadata_kept() -> None:
    article = next(a for a in load_corpus([MIXED]).articles if a.id == "c_page")
    assert article.title == "Library extends opening hours"
    assert article.text.startswith("Library extends opening hours\n")
    assert "stay open until nine in the evening" in article.text
    assert "reviewed after twelve months." in article.text
    for chrome in ("Home", "Weather", "Most read", "Dog wins", "Privacy", "All rights reserved"):
        assert chrome not in article.text
    assert (article.author, article.date) == ("Dana Ortiz", "2024-05-02")


def test_txt_that_is_html_is_extracted_with_warning() -> None:
    (article,) = load_corpus([FIXTURES / "page_in_txt.txt"]).articles
    assert article.warnings == ("the file is HTML; its main text was extracted",)
    assert article.title == "Market hall restored"
    assert "<" not in article.text and "About us" not in article.text
    assert "food fair" in article.text


def test_html_without_article_text_is_a_problem() -> None:
    corpus = load_corpus([FIXTURES / "empty_page.html"])
    assert corpus.articles == ()
    assert [p.reason for p in corpus.problems] == ["no article text found in HTML"]


def test_jsonl_rows_ids_sources_and_metadata() -> None:
    articles = [a for a in load_corpus([MIXED / "d_rows.jsonl"]).articles]
    first, second, third = articles
    assert (first.id, first.outlet, first.date) == ("row-one", "Metro Daily", "2024-02-01")
    assert first.title == "Rail strike called off"
    assert first.source.endswith("d_rows.jsonl:1")
    assert (second.id, second.title) == ("d_rows-2", "Local bakery wins regional award")
    assert second.author is None
    assert (third.id, third.source[-2:]) == ("d_rows-6", ":6")


def test_jsonl_bad_lines_do_not_stop_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Good one\n\nBody text here."}),
        "{not json",
        "[1, 2]",
        json.dumps({"title": "No text"}),
        json.dumps({"text": 42}),
        "[" * 100_000,
        json.dumps({"text": "Good two\n\nMore body text.", "date": "2024-01-01"}),
    ]
    path = write(tmp_path / "rows.jsonl", "\n".join(lines) + "\n")
    articles, problems = split(list(iter_corpus([path])))
    assert [a.title for a in articles] == ["Good one", "Good two"]
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["2", "3", "4", "5", "6"]
    assert problems[0].reason.startswith("not valid JSON (")
    assert problems[1].reason == "not a JSON object"
    assert all("\n" not in p.reason for p in problems)


def test_csv_rows_with_multiline_text() -> None:
    first, second = load_corpus([MIXED / "e_rows.csv"]).articles
    assert (first.id, first.title, first.outlet) == ("csv-1", "Ferry fares frozen", "Island News")
    assert first.text == (
        "Ferry fares frozen\n\nThe ferry company froze its fares for another year, saying that "
        "fuel costs had fallen since the autumn."
    )
    assert first.source.endswith("e_rows.csv:2")
    assert (second.id, second.title, second.date) == ("e_rows-2", "Museum reopens", None)
    assert second.source.endswith("e_rows.csv:5")


def test_csv_without_text_column_is_one_problem(tmp_path: Path) -> None:
    corpus = load_corpus([write(tmp_path / "x.csv", "headline,summary\nA title,A summary.\n")])
    assert corpus.articles == ()
    assert [p.reason for p in corpus.errors] == ["no 'text' column (columns: headline, summary)"]


def test_csv_body_and_headline_columns_are_read_as_text_and_title() -> None:
    (article,) = load_corpus([FIXTURES / "no_text.csv"]).articles
    assert (article.title, article.text) == (
        "No text column here",
        "The body is in the wrong column.",
    )
    assert article.warnings == () and article.extra == ()


def test_csv_accepts_fields_larger_than_the_stdlib_default(tmp_path: Path) -> None:
    body = "A long paragraph about the harbour and its boats. " * 4000  # ~200 KB
    path = write(tmp_path / "big.csv", f'title,text\nBig one,"{body}"\n')
    (article,) = load_corpus([path]).articles
    assert article.text == body and article.title == "Big one"


def _parquet(path: Path, table: dict[str, list], **options: object) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(table), path, **options)
    return path


def test_parquet_rows_read_as_the_same_rows_in_json_lines(tmp_path: Path) -> None:
    rows = []
    for line in (MIXED / "d_rows.jsonl").read_text().splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and str(row.get("text", "")).strip():
            rows.append(row)
    columns = sorted({key for row in rows for key in row})
    table = {key: [row.get(key) for row in rows] for key in columns}
    path = _parquet(tmp_path / "d_rows.parquet", table, row_group_size=2)
    from_parquet = load_corpus([path]).articles
    as_jsonl = "".join(json.dumps({k: r.get(k) for k in columns}) + "\n" for r in rows)
    from_jsonl = load_corpus([write(tmp_path / "d_rows.jsonl", as_jsonl)]).articles
    assert len(from_parquet) == len(rows) >= 3
    assert [replace(a, source="") for a in from_parquet] == [
        replace(a, source="") for a in from_jsonl
    ]
    assert [a.source.rsplit(":", 1)[1] for a in from_parquet] == ["1", "2", "3"]


def test_parquet_types_dates_binary_and_nested_columns(tmp_path: Path) -> None:
    import datetime as dt

    path = _parquet(
        tmp_path / "typed.parquet",
        {
            "Text": ["The council met on the budget.", None, "A second body of text."],
            "published_at": [dt.datetime(2017, 9, 24), None, dt.datetime(2020, 1, 2, 3, 4)],
            "lean": [1, 2, None],
            "blob": [b"\xff\x00", b"fine", None],
            "nested": [{"a": 1}, None, None],
        },
    )
    articles, problems = split(list(iter_corpus([path])))
    assert [(a.id, a.date) for a in articles] == [
        ("typed-1", "2017-09-24T00:00:00"),
        ("typed-3", "2020-01-02T03:04:00"),
    ]
    assert articles[0].extra == (("lean", "1"),)
    assert articles[0].warnings == ("row fields ignored (not text): blob, nested",)
    assert [(p.source.rsplit(":", 1)[1], p.reason) for p in problems] == [
        ("2", "no text (a non-empty 'text' field is needed)")
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"PAR1 not really parquet", "not a readable Parquet file (Parquet magic bytes"),
        (random.Random(3).randbytes(300), "not a readable Parquet file ("),
    ],
)
def test_unreadable_parquet_is_one_problem(tmp_path: Path, data: bytes, reason: str) -> None:
    corpus = load_corpus([write(tmp_path / "x.parquet", data)])
    assert corpus.articles == ()
    (problem,) = corpus.problems
    assert problem.reason.startswith(reason) and "\n" not in problem.reason


def test_parquet_without_text_column_or_rows(tmp_path: Path) -> None:
    no_text = _parquet(tmp_path / "a.parquet", {"headline": ["H"], "summary": ["S"]})
    no_rows = _parquet(tmp_path / "b.parquet", {"text": []})
    problems = load_corpus([no_text, no_rows]).problems
    assert [p.reason for p in problems] == [
        "no 'text' column (columns: headline, summary)",
        "no articles in the file (no rows)",
    ]


def test_parquet_upload_reads_like_the_file(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "feed.parquet", {"text": ["One body.", "Two body."]})
    articles, problems = read_upload("feed.parquet", path.read_bytes(), outlet="Typed")
    assert problems == []
    assert [(a.id, a.outlet) for a in articles] == [("feed-1", "Typed"), ("feed-2", "Typed")]


def test_unknown_suffix_given_explicitly_is_read_as_text() -> None:
    (article,) = load_corpus([FIXTURES / "notes.rtf"]).articles
    assert article.id == "notes"
    assert article.title == "Plain words in a file with an unusual suffix"


def test_hidden_files_readme_and_outlets_are_skipped_silently() -> None:
    items = list(iter_corpus([MIXED]))
    sources = " ".join(i.source for i in items)
    for skipped in (".hidden", "README", "outlets.csv", "secret"):
        assert skipped not in sources


def test_article_suffixes_constant() -> None:
    assert ARTICLE_SUFFIXES == (
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".jsonl",
        ".csv",
        ".parquet",
    )


def test_catalog_applies_to_a_file_given_explicitly() -> None:
    (article,) = load_corpus([MIXED / "a_plain.txt"]).articles
    assert article.outlet == "River Gazette"


def test_catalog_without_file_column_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "catalog.csv", "name,outlet\na.txt,Somewhere\n")
    write(tmp_path / "a.txt", "Title\n\nBody.")
    corpus = load_corpus([tmp_path])
    assert [a.outlet for a in corpus.articles] == [None]
    assert [p.reason for p in corpus.problems] == ["catalog not used: it has no 'file' column"]


# --- the seeds -----------------------------------------------------------------------------------


def test_seeds_load_with_catalog_metadata() -> None:
    if not (SEEDS / "catalog.csv").is_file():
        pytest.skip("seeds/catalog.csv not written yet")
    corpus = load_corpus([SEEDS])
    assert corpus.problems == ()
    assert [a.id for a in corpus.articles] == [p.stem for p in seed_paths()]
    for article, path in zip(corpus.articles, seed_paths(), strict=True):
        assert article.outlet and article.title
        assert article.text == path.read_text(encoding="utf-8")  # verbatim
        assert article.warnings == ()


def test_seed_002_loads_despite_its_blink_start() -> None:
    path = SEEDS / "002_de722205fcaa0106.txt"
    assert path.read_bytes().startswith(b"Blink")
    (article,) = load_corpus([path]).articles
    assert article.title.startswith("Blinken tells CNN")


# --- encodings, binary, empty, size --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "warnings"),
    [
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode(), (), id="utf-8 BOM"),
        pytest.param(TEXT.encode("utf-16"), (), id="utf-16 BOM"),
        pytest.param(TEXT.encode("cp1252"), (CP1252_WARNING,), id="cp1252"),
    ],
)
def test_encoded_files(tmp_path: Path, data: bytes, warnings: tuple[str, ...]) -> None:
    (article,) = load_corpus([write(tmp_path / "enc.txt", data)]).articles
    assert article.text == TEXT
    assert article.title == "Café “quoted” — naïve"
    assert article.warnings == warnings


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encoded_row_files(tmp_path: Path, suffix: str, encoding: str) -> None:
    if suffix == ".jsonl":
        content = json.dumps({"text": TEXT}, ensure_ascii=False) + "\n"
    else:
        content = 'text\n"' + TEXT + '"\n'
    (article,) = load_corpus([write(tmp_path / f"rows{suffix}", content.encode(encoding))]).articles
    assert article.text == TEXT
    assert article.warnings == ((CP1252_WARNING,) if encoding == "cp1252" else ())


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("nul.txt", b"Title\n\x00\x00\x00binary", "looks like a binary file (contains NUL bytes)"),
        ("random.txt", random.Random(1).randbytes(3000), "looks like a binary file"),
        ("random.jsonl", random.Random(2).randbytes(3000), "looks like a binary file"),
        ("random.csv", random.Random(3).randbytes(3000), "looks like a binary file"),
        ("random.html", random.Random(4).randbytes(3000), "looks like a binary file"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"\n  \n\t\n", "empty file"),
        ("empty.jsonl", b"", "empty file"),
        ("front-only.md", b"---\ntitle: x\n---\n\n", "empty file"),
    ],
)
def test_unusable_files_are_one_problem(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    corpus = load_corpus([write(tmp_path / name, data)])
    assert corpus.articles == ()
    (problem,) = corpus.problems
    assert problem.reason.startswith(reason) and problem.severity == "error"


def test_folder_with_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First story\n\nBody of the first story.")
    write(tmp_path / "b.txt", b"\x00\x01\x02\x03" * 100)
    write(tmp_path / "c.txt", "Third story\n\nBody of the third story.")
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["a", "c"]
    assert [(Path(p.source).name, p.severity) for p in corpus.problems] == [("b.txt", "error")]


def test_twenty_megabyte_file_is_rejected_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The council met again and talked about the budget for a long time.\n"
    with path.open("wb") as handle:
        handle.write(line * (20_000_000 // len(line) + 1))
    corpus = load_corpus([path])
    (problem,) = corpus.problems
    assert corpus.articles == ()
    assert "20,000," in problem.reason and "20.0 MB" in problem.reason
    assert "limit of 5,000,000 bytes (5.0 MB)" in problem.reason


def test_oversized_jsonl_row_is_rejected_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Small one\n\nBody."}) + "\n")
        handle.write(json.dumps({"text": "x " * 10_000_000}) + "\n")  # 20 MB on one line
        handle.write(json.dumps({"text": "Small two\n\nBody."}) + "\n")
    articles, problems = split(list(iter_corpus([path])))
    assert [a.title for a in articles] == ["Small one", "Small two"]
    (problem,) = problems
    assert problem.source.endswith(":2")
    assert problem.reason.startswith("line is at least 20,000,0")
    assert "limit of 5,000,000 bytes" in problem.reason


def test_row_text_over_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "rows.csv", 'text\n"' + "word " * 300 + '"\n"Short\n\nok"\n')
    articles, problems = split(list(iter_corpus([path], max_article_bytes=1000)))
    assert [a.title for a in articles] == ["Short"]
    assert problems[0].reason.startswith("row text is 1,500 bytes")


# --- ids, sources, paths -------------------------------------------------------------------------


def test_id_clashes_get_suffixes_and_warnings(tmp_path: Path) -> None:
    write(tmp_path / "a" / "story.txt", "One\n\nFirst body.")
    write(tmp_path / "b" / "story.txt", "Two\n\nSecond body.")
    rows = [json.dumps({"id": i, "text": f"Row {n}\n\nBody."}) for n, i in enumerate("xx", 1)]
    write(tmp_path / "c" / "rows.jsonl", "\n".join([*rows, json.dumps({"text": "T\n\nB"})]))
    write(tmp_path / "c" / "story-2.txt", "Three\n\nThird body.")
    articles = load_corpus([tmp_path, tmp_path / "a" / "story.txt"]).articles
    assert [a.id for a in articles] == [
        "story",
        "story-2",
        "x",
        "x-2",
        "rows-3",
        "story-2-2",
        "story-3",
    ]
    assert articles[0].warnings == ()
    assert articles[1].warnings == ("id 'story' is already used in this load; renamed 'story-2'",)
    assert len({a.id for a in articles}) == len(articles)


def test_check_paths_and_missing_path_problem(tmp_path: Path) -> None:
    missing = os.fspath(tmp_path / "nope.txt")
    assert check_paths([MIXED, missing]) == [f"{missing}: no such file or folder"]
    assert check_paths([MIXED]) == []
    corpus = load_corpus([missing])
    assert [(p.source, p.reason) for p in corpus.problems] == [(missing, "no such file or folder")]


def test_a_single_path_string_is_one_path() -> None:
    corpus = load_corpus(os.fspath(MIXED / "a_plain.txt"))
    assert [a.id for a in corpus.articles] == ["a_plain"]


def test_iter_corpus_streams(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First\n\nBody one.")
    write(tmp_path / "b.txt", "Second\n\nBody two.")
    items = iter_corpus([tmp_path])
    first = next(items)
    assert first.id == "a"
    write(tmp_path / "b.txt", "Changed after the first was yielded\n\nBody.")
    assert next(items).title == "Changed after the first was yielded"


def test_leading_blank_lines_removed_trailing_kept(tmp_path: Path) -> None:
    (article,) = load_corpus([write(tmp_path / "a.txt", "\n \n\r\nHeadline\n\nBody.\n\n")]).articles
    assert article.text == "Headline\n\nBody.\n\n"


# --- English check -------------------------------------------------------------------------------


def test_function_word_list_is_one_hundred_lower_case_words() -> None:
    assert len(ENGLISH_FUNCTION_WORDS) == 100
    assert all(w.isalpha() and w == w.lower() for w in ENGLISH_FUNCTION_WORDS)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_english_text_is_kept_with_a_warning(language: str) -> None:
    (articles, problems) = read_upload(f"{language}.txt", FOREIGN[language].encode())
    assert problems == []
    assert articles[0].warnings == (NOT_ENGLISH,)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(ENGLISH, id="english paragraph"),
        pytest.param("Le maire a parlé.", id="too short to judge"),
        pytest.param(ENGLISH + " " + FOREIGN["fr"][:120], id="english with a french quote"),
    ],
)
def test_english_or_short_text_has_no_warning(text: str) -> None:
    (article,), _ = read_upload("a.txt", text.encode())
    assert NOT_ENGLISH not in article.warnings


def test_no_seed_gets_the_english_warning() -> None:
    for article in load_corpus(seed_paths()).articles:
        assert NOT_ENGLISH not in article.warnings


# --- uploads -------------------------------------------------------------------------------------


def test_read_upload_never_touches_the_filesystem(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"filesystem access: {args!r}")

    data = b"Uploaded headline\n\nThe uploaded body text."
    with monkeypatch.context() as patch:
        for module, name in [
            (builtins, "open"),
            (io, "open"),
            (os, "open"),
            (os, "stat"),
            (os, "scandir"),
            (os, "listdir"),
        ]:
            patch.setattr(module, name, forbidden)
        articles, problems = read_upload("../../etc/passwd.txt", data)
    assert problems == []
    (article,) = articles
    assert (article.id, article.source) == ("passwd", "passwd.txt")
    assert article.text == data.decode()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/abs/path/story.md", "story.md"),
        ("....", "upload"),
        ("", "upload"),
        ("a\x00b\nc.txt", "a_b_c.txt"),
        (".hidden.txt", "hidden.txt"),
        ("x" * 300 + ".csv", "x" * 116 + ".csv"),
        ("x" * 300 + "." + "y" * 300, "x" * 104 + "." + "y" * 15),
        ("..", "upload"),
        ("../..", "upload"),
        ("a/../b.txt", "b.txt"),
        ("\x00\x00.txt", "txt"),
        ("CON.txt", "CON.txt"),
    ],
)
def test_safe_upload_name(name: str, safe: str) -> None:
    assert safe_upload_name(name) == safe


def test_unique_upload_names_within_a_batch() -> None:
    names = ["a.txt", "dir/a.txt", "A.TXT", "a-2.txt", "../b", "b"]
    assert unique_upload_names(names) == ["a.txt", "a-2.txt", "A-3.TXT", "a-2-2.txt", "b", "b-2"]


@given(st.lists(st.text(max_size=300), max_size=8))
def test_upload_names_are_bare_short_unique_and_printable(names: list[str]) -> None:
    safe = unique_upload_names(names)
    assert len({n.lower() for n in safe}) == len(safe) == len(names)
    for name in safe:
        assert name and "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.startswith(".") and name not in {".", ".."}
        assert len(name) <= MAX_NAME_CHARS + 12  # a -N suffix at most on a capped name
        assert name.isprintable()


def test_read_upload_explicit_metadata_overrides(tmp_path: Path) -> None:
    data = (MIXED / "b_front.md").read_bytes()
    (article,), problems = read_upload(
        "b_front.md", data, outlet="Typed Outlet", event="Typed event", url=" "
    )
    assert problems == []
    assert (article.outlet, article.event) == ("Typed Outlet", "Typed event")
    assert article.title == "Harbour reopens after storm"  # not overridden: none typed
    assert article.url is None


def test_read_upload_rows_and_problems() -> None:
    data = (MIXED / "d_rows.jsonl").read_bytes()
    articles, problems = read_upload("feed.jsonl", data, outlet="Typed")
    assert [a.id for a in articles] == ["row-one", "feed-2", "feed-6"]
    assert {a.outlet for a in articles} == {"Typed"}
    assert [p.source for p in problems] == ["feed.jsonl:3", "feed.jsonl:4"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("blob.bin", random.Random(5).randbytes(500), "looks like a binary file"),
        ("empty.txt", b"", "empty file"),
        ("big.txt", b"word " * 300, "file is 1,500 bytes"),
    ],
)
def test_read_upload_rejections(name: str, data: bytes, reason: str) -> None:
    articles, problems = read_upload(name, data, max_article_bytes=1000)
    assert articles == []
    assert problems[0].reason.startswith(reason)


def test_read_upload_html_and_no_suffix() -> None:
    (article,), _ = read_upload("page.HTM", (MIXED / "c_page.html").read_bytes())
    assert article.title == "Library extends opening hours" and "Weather" not in article.text
    (article,), _ = read_upload("noext", b"Just text\n\nBody.")
    assert (article.id, article.title) == ("noext", "Just text")


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=40),
    st.sampled_from(["", *ARTICLE_SUFFIXES, ".bin"]),
    st.one_of(st.binary(max_size=600), st.text(max_size=600).map(str.encode)),
)
def test_read_upload_never_crashes(name: str, suffix: str, data: bytes) -> None:
    articles, problems = read_upload(name + suffix, data)
    for article in articles:
        assert article.id and article.title and article.text.strip()
        assert "\r" not in article.text
    for problem in problems:
        assert problem.reason and "\n" not in problem.reason


FIELD_CASES = [
    # (row fields besides text, expected metadata subset, expected extra, expected warnings)
    ({"event_id": "E1"}, {"event": "E1"}, (), ()),
    ({"story": "Harbour"}, {"event": "Harbour"}, (), ()),
    ({"event": "E", "event_id": "e-7"}, {"event": "E"}, (("event_id", "e-7"),), ()),
    ({"outlet_lean": "left", "lean": 2}, {}, (("outlet_lean", "left"), ("lean", "2")), ()),
    (
        {"Headline": "H", "Published_At": "2024-01-02", "link": "https://x.test/a"},
        {"title": "H", "date": "2024-01-02", "url": "https://x.test/a"},
        (),
        (),
    ),
    (
        {"mood": "calm", "score": 0.5},
        {},
        (("mood", "calm"), ("score", "0.5")),
        ("row fields kept as user columns (not scored): mood, score",),
    ),
    ({"nested": {"a": 1}}, {}, (), ("row fields ignored (not text): nested",)),
    ({"user": {"lean": "right", "class": "9B"}}, {}, (("lean", "right"), ("class", "9B")), ()),
    ({"author": ["A. One", "B. Two"]}, {"author": "A. One, B. Two"}, (), ()),
]


@pytest.mark.parametrize(("fields", "meta", "extra", "warnings"), FIELD_CASES)
def test_jsonl_fields_are_mapped_kept_or_warned_about(fields, meta, extra, warnings) -> None:
    row = {"text": "Harbour reopens\n\nThe harbour reopened on Monday.", **fields}
    (article,), problems = read_upload("rows.jsonl", json.dumps(row).encode())
    assert problems == []
    assert {k: getattr(article, k) for k in meta} == meta
    assert article.extra == extra
    assert article.warnings == warnings


def test_jsonl_body_field_is_the_text_when_there_is_no_text() -> None:
    row = {"id": "b1", "body": "Harbour reopens\n\nThe harbour reopened.", "headline": "H"}
    (article,), _ = read_upload("rows.jsonl", json.dumps(row).encode())
    assert (article.id, article.title, article.text) == ("b1", "H", row["body"])
    assert article.extra == ()
