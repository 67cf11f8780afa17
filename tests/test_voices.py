"""Voices: quotations, their speakers, speaker groups and reporting phrases (table-driven)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from texts import QUOTED, seed_paths

from analysis.measures.voices import find_voices, load_speaker_groups, reporting_verbs
from analysis.measures.voices.groups import (
    SPEAKER_GROUPS_FILE,
    SPEAKER_KINDS,
    USER_GROUPS_ENV,
    read_group_rules,
)
from analysis.measures.voices.quotes import outside_flags
from analysis.measures.voices.verbs import REPORTING_VERBS_FILE, VoicesLexiconError
from analysis.text.model import Excluded, Span
from analysis.text.segmentation import inside, segment

# Named texts for these tests (the shared ones live in conftest.py).
TITLED = (
    "US Secretary of State Antony Blinken spoke on Friday.\n\n"
    "“We are watching very carefully,” Blinken told CNN. "
    "“It is unacceptable,” he added.\n\n"
    "Asked about trade, Blinken said, “We will act.”"
)
INSTITUTIONS = (
    "The Chinese Foreign Ministry said, “The claims are baseless.”\n\n"
    "“We firmly oppose this,” the ministry said.\n\n"
    "“Growth slowed in the third quarter,” the report said."
)
FAMILY_NAME_FIRST = (
    "“We do not interfere,” Chinese Foreign Ministry spokesman Lin Jian said on Monday.\n\n"
    "“That is our principle,” Lin told reporters."
)
MULTI_PARAGRAPH = (
    "The mayor spoke for an hour.\n\n"
    "“The first part of the plan is to rebuild the bridge.\n\n"
    "“The second part is to pay for it,” said Mayor Ann Lee."
)


def _quotes(text: str, **kwargs: object) -> list[tuple[str, str | None, str | None]]:
    result = find_voices(segment(text), **kwargs)
    return [(q.text, q.speaker, q.verb) for q in result.quotes]


@pytest.mark.parametrize(
    ("case", "text", "expected"),
    [
        (
            "after: name and verb",
            "“We will win,” Smith said.",
            [("“We will win,”", "Smith", "said")],
        ),
        (
            "after: verb then name",
            "“We will win,” said Jane Smith, the party leader.",
            [("“We will win,”", "Jane Smith", "said")],
        ),
        (
            "after: told an outlet",
            "“We are ready,” Jane Smith told reporters on Monday.",
            [("“We are ready,”", "Jane Smith", "told")],
        ),
        (
            "after: question mark",
            "“Why now?” asked the senator.",
            [("“Why now?”", "the senator", "asked")],
        ),
        (
            "after: full-sentence quote and a short clause",
            "“Talks have failed.” The minister told reporters.",
            [("“Talks have failed.”", "the minister", "told")],
        ),
        (
            "before: name, verb, comma",
            "Jane Smith said, “We will win.”",
            [("“We will win.”", "Jane Smith", "said")],
        ),
        (
            "before: adverb between speaker and verb",
            "The committee has repeatedly warned that “time is running out.”",
            [("“time is running out.”", "the committee", "warned")],
        ),
        (
            "before: colon with a verb",
            "The mayor added: “We will rebuild.”",
            [("“We will rebuild.”", "the mayor", "added")],
        ),
        (
            "before: colon introduction without a verb",
            "The statement ended with words from police chief Ann Lee: “Stay at home.”",
            [("“Stay at home.”", "Ann Lee", None)],
        ),
        (
            "according to, before",
            "According to the ministry, “the talks failed.”",
            [("“the talks failed.”", "the ministry", "according to")],
        ),
        (
            "according to, after",
            "“The talks failed,” according to the ministry.",
            [("“The talks failed,”", "the ministry", "according to")],
        ),
        (
            "according to a body with an inner article",
            "“Risks remain,” according to the Office of the Director of National Intelligence.",
            [
                (
                    "“Risks remain,”",
                    "the Office of the Director of National Intelligence",
                    "according to",
                )
            ],
        ),
        (
            "partial quote inside a sentence",
            "Critics called the plan “a wonderful success” in public.",
            [("“a wonderful success”", "Critics", "called")],
        ),
        (
            "partial quote after a that-clause",
            "The report further asserted that the party “seeks stability” abroad.",
            [("“seeks stability”", "the report", "asserted")],
        ),
        (
            "nested single quotes stay inside one quotation",
            "Lee said, “They called it ‘a mistake’ and moved on.”",
            [("“They called it ‘a mistake’ and moved on.”", "Lee", "said")],
        ),
        (
            "multi-paragraph quotation",
            MULTI_PARAGRAPH,
            [
                (
                    "“The first part of the plan is to rebuild the bridge.\n\n"
                    "“The second part is to pay for it,”",
                    "Ann Lee",
                    "said",
                )
            ],
        ),
        (
            "carried over within a paragraph",
            "Jane Smith said, “First point.” She paused. “Second point.”",
            [("“First point.”", "Jane Smith", "said"), ("“Second point.”", "Jane Smith", None)],
        ),
        (
            "not carried over into a new paragraph",
            "Jane Smith said, “First point.”\n\n“Second point.”",
            [("“First point.”", "Jane Smith", "said"), ("“Second point.”", None, None)],
        ),
        (
            "honorific with a period",
            "“We will win,” Mr. Steele said.",
            [("“We will win,”", "Steele", "said")],
        ),
        (
            "inverted, with an abbreviated title",
            "“We will win,” said Sen. Lindsey Graham of South Carolina.",
            [("“We will win,”", "Lindsey Graham", "said")],
        ),
        (
            "after: an aside between name and verb",
            "“I can’t say,” Mr. Weiner, a Democrat, said during an interview.",
            [("“I can’t say,”", "Weiner", "said")],
        ),
        (
            "before: an age as an aside",
            "Jonathan Smith, 45, said, “We waited all night.”",
            [("“We waited all night.”", "Jonathan Smith", "said")],
        ),
        (
            "before: a parenthesis after the name",
            "Sen. John Thune (R-S.D.) said, “He had his energy drink.”",
            [("“He had his energy drink.”", "John Thune", "said")],
        ),
        (
            "before: a relative clause listing things",
            "The ministry, which runs the police, the courts and the prisons, said "
            "“reforms are coming.”",
            [("“reforms are coming.”", "the ministry", "said")],
        ),
        (
            "before: a name in apposition to a title",
            "The state's attorney general, Scott Pruitt, said, “This is a scheme.”",
            [("“This is a scheme.”", "Scott Pruitt", "said")],
        ),
        (
            "a participle after a comma has no subject of its own",
            "Hours earlier, a senior official pushed back, saying “nothing has changed.”",
            [("“nothing has changed.”", None, None)],
        ),
        (
            "after a full-sentence quotation: a clause going on with a preposition",
            "“We will appeal.” Mr. Grimm said in a statement on Friday night at his office.",
            [("“We will appeal.”", "Grimm", "said")],
        ),
        (
            "a common noun as the speaker",
            "“We already have things on the floor,” said the Democratic staffer.",
            [("“We already have things on the floor,”", "the Democratic staffer", "said")],
        ),
        (
            "a base-form verb after a name is a noun, not a reporting verb",
            "He cited a Washington Post report on his “service in Vietnam” and moved on.",
            [("“service in Vietnam”", None, None)],
        ),
        (
            "a base-form verb with a plural subject is a reporting verb",
            "Critics say the plan is “a giveaway” to developers.",
            [("“a giveaway”", "Critics", "say")],
        ),
        (
            "an acronym is a body, not a person",
            "“We will not allow this,” the NRA said.\n\n“It is final,” it added.",
            [
                ("“We will not allow this,”", "the NRA", "said"),
                ("“It is final,”", "the NRA", "added"),
            ],
        ),
        (
            "pronoun resolves to the subject of a recent sentence",
            "“We will rebuild,” Mayor Ann Lee said.\n\nBut Mr. Tom Cole disagreed with her. "
            "“It will never work,” he said.",
            [
                ("“We will rebuild,”", "Ann Lee", "said"),
                ("“It will never work,”", "Tom Cole", "said"),
            ],
        ),
        (
            "pronoun before any quotation takes the last named person",
            "Governor Ann Lee spoke on Monday.\n\n“We will rebuild,” she said.",
            [("“We will rebuild,”", "Ann Lee", "said")],
        ),
        (
            "pronoun resolves to the last named speaker",
            "“We will rebuild,” Mayor Ann Lee said.\n\nLater, “it will take years,” she said.",
            [
                ("“We will rebuild,”", "Ann Lee", "said"),
                ("“it will take years,”", "Ann Lee", "said"),
            ],
        ),
        (
            "pronoun with nobody named before it stays unresolved",
            "The crowd waited.\n\n“We will rebuild,” she said.",
            [("“We will rebuild,”", None, "said")],
        ),
        (
            "unattributed quotation",
            "The crowd filled the square. “Enough is enough.”",
            [("“Enough is enough.”", None, None)],
        ),
        (
            "scare quotes with no reporting verb",
            "He accidentally “copy and pasted” the answer.",
            [("“copy and pasted”", None, None)],
        ),
        (
            "a following sentence with its own content is not an attribution",
            "“We will win.” Smith said the vote would be close and the party had raised money.",
            [("“We will win.”", None, None)],
        ),
        (
            "a colon clause after a quotation introduces the next one",
            "“We are calm.” He added: “We are ready.”",
            [("“We are calm.”", None, None), ("“We are ready.”", None, "added")],
        ),
    ],
)
def test_speaker_cases(
    case: str, text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert _quotes(text) == expected, case


def test_shared_quoted_text() -> None:
    assert _quotes(QUOTED) == [
        ("“This is a terrible, disastrous idea,”", "the senator", "said"),
        ('"a wonderful success"', "Critics", "called"),
    ]


def test_titles_and_full_names_are_one_person() -> None:
    result = find_voices(segment(TITLED))
    assert {q.speaker for q in result.quotes} == {"Antony Blinken"}
    assert [(s.name, s.group, s.quotes) for s in result.speakers] == [
        ("Antony Blinken", "US government", 3)
    ]
    assert [q.verb for q in result.quotes] == ["told", "added", "said"]


def test_family_name_first_resolves_to_the_full_name() -> None:
    result = find_voices(segment(FAMILY_NAME_FIRST))
    assert [q.speaker for q in result.quotes] == ["Lin Jian", "Lin Jian"]
    assert result.speakers[0].group == "Chinese government"


def test_institutions_are_speakers_and_short_forms_merge() -> None:
    result = find_voices(segment(INSTITUTIONS))
    assert [(q.speaker, q.speaker_group) for q in result.quotes] == [
        ("the Chinese Foreign Ministry", "Chinese government"),
        ("the Chinese Foreign Ministry", "Chinese government"),
        ("the report", "documents and reports"),
    ]
    assert [s.quotes for s in result.speakers] == [2, 1]


def test_attributions_are_the_reporting_phrases() -> None:
    text = "“We are watching,” Blinken said. Lin Jian said, “We are not.”"
    result = find_voices(segment(text))
    phrases = [(text[a.start : a.end], a.speaker, a.verb) for a in result.attributions]
    assert phrases == [("Blinken said", "Blinken", "said"), ("Lin Jian said", "Lin Jian", "said")]


def test_speakers_count_quotes_and_quoted_words() -> None:
    text = "“One two three,” Smith said. “Four five,” he added.\n\nJones said, “six.”"
    result = find_voices(segment(text))
    assert [(s.name, s.quotes, s.words) for s in result.speakers] == [
        ("Smith", 2, 5),
        ("Jones", 1, 1),
    ]


def test_quote_share_is_the_share_of_words_inside_quotations() -> None:
    result = find_voices(segment("He said “one two three” today."))
    assert result.quote_share == pytest.approx(3 / 6)
    assert find_voices(segment("")).quote_share is None


def test_excluded_spans_count_in_nothing() -> None:
    text = "Smith said, “We will win.”\n\nShare this: “Subscribe now” to our newsletter."
    furniture = text.index("Share")
    result = find_voices(segment(text), excluded=[Excluded(furniture, len(text), "share prompt")])
    assert [q.text for q in result.quotes] == ["“We will win.”"]
    assert result.quote_share == pytest.approx(3 / 5)


def test_to_dict_has_exactly_the_contract_fields() -> None:
    data = find_voices(segment(TITLED)).to_dict()
    assert set(data) == {"quote_share", "quotes", "speakers", "attributions"}
    assert set(data["quotes"][0]) == {"start", "end", "text", "speaker", "speaker_group", "verb"}
    assert set(data["speakers"][0]) == {"name", "group", "quotes", "words"}
    assert set(data["attributions"][0]) == {"start", "end", "speaker", "verb"}
    for quote in data["quotes"]:
        assert TITLED[quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.parametrize(
    ("phrase", "group"),
    [
        ("US Secretary of State Antony Blinken", "US government"),
        ("U.S. intelligence officials", "US government"),
        ("the White House", "US government"),
        ("Chinese Foreign Ministry spokesman Lin Jian", "Chinese government"),
        ("Beijing", "Chinese government"),
        ("the Kremlin", "Russian government"),
        ("Russian Foreign Minister", "Russian government"),
        ("British Foreign Secretary", "officials of the United Kingdom"),
        ("French President Anne Roy", "officials of France"),
        ("a U.N. spokesman", "officials of the United Nations"),
        ("the senator", "officials, country not stated"),
        ("a senior official", "unnamed"),
        ("sources familiar with the talks", "unnamed"),
        ("Professor Jane Doe", "experts and researchers"),
        ("the Washington Examiner", "media"),
        ("Xinhua's report", "media"),
        ("the report", "documents and reports"),
        ("Acme Widgets", None),
    ],
)
def test_speaker_groups_of_phrases(phrase: str, group: str | None) -> None:
    assert load_speaker_groups([SPEAKER_GROUPS_FILE]).classify(phrase)[0] == group


def test_user_speaker_groups_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "speaker_groups.csv"
    user.write_text(
        "# my groups\ngroup,kind,cues,requires\ncompanies,body,Acme Widgets|company,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(USER_GROUPS_ENV, str(user))
    text = "“Sales rose,” Acme Widgets said.\n\n“It is final,” the report said."
    result = find_voices(segment(text))
    assert [q.speaker_group for q in result.quotes] == ["companies", "documents and reports"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("group,kind,cues\nx,body,a\n", "missing column"),
        ("group,kind,cues,requires\nx,robot,a,\n", "kind 'robot'"),
        ("group,kind,cues,requires\nx,body,,\n", "needs a group and cues"),
    ],
)
def test_malformed_group_files_raise(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "groups.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VoicesLexiconError, match=message):
        read_group_rules(path)


@pytest.mark.parametrize("path", [REPORTING_VERBS_FILE, SPEAKER_GROUPS_FILE])
def test_lexicon_files_have_their_header(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    for field in ("name", "what", "source", "columns", "licence"):
        assert any(line.startswith(f"# {field}:") for line in header), field
    assert lines[len(header)].count(",") >= 2  # the column row follows the header


def test_reporting_verbs_have_unique_forms_and_documented_kinds() -> None:
    rows = [
        line
        for line in REPORTING_VERBS_FILE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    records = list(csv.DictReader(rows))
    forms = [f for r in records for f in r["forms"].split("|")]
    assert len(forms) == len(set(forms))
    kinds = {r["kind"] for r in records}
    header = REPORTING_VERBS_FILE.read_text(encoding="utf-8").split("\nverb,", 1)[0]
    assert all(f"{kind}:" in header for kind in kinds)
    assert reporting_verbs()[("said",)].verb == "say"
    assert reporting_verbs()[("pointed", "out")].kind == "assertive"


def test_speaker_group_kinds_are_known() -> None:
    rules = read_group_rules(SPEAKER_GROUPS_FILE)
    assert {r.kind for r in rules} <= set(SPEAKER_KINDS)
    assert len({(r.group, r.kind, r.requires) for r in rules}) == len(rules)


def test_seed_articles_attribute_most_quoted_words() -> None:
    segs = [segment(p.read_text(encoding="utf-8"), has_headline=True) for p in seed_paths()]
    results = [find_voices(seg) for seg in segs]
    for seg, result in zip(segs, results, strict=True):
        assert len(result.quotes) == len(seg.quotes)
        attributed = sum(s.words for s in result.speakers)
        quoted = sum(len(q.text.split()) for q in result.quotes)
        assert attributed >= 0.5 * quoted
        for quote in result.quotes:
            assert (quote.speaker is None) == (quote.speaker_group is None) or quote.speaker


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=6),
    st.text(alphabet="ab .", max_size=60),
)
def test_outside_flags_agree_with_inside(raw: list[tuple[int, int]], text: str) -> None:
    spans = sorted((Span(a, a + n) for a, n in raw), key=lambda s: s.start)
    tokens = segment(text).tokens
    assert outside_flags(tokens, spans) == [not inside(spans, t.start) for t in tokens]


# Error classes found on the quotation gold set (issue 13), each with invented sentences.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A party tag after the name is an aside, never the speaker.
        (
            'Senator Ann Lee, R-Ohio, who leads the panel, said the plan was "a real change."',
            "Ann Lee",
        ),
        ('Rep. Tom Vale, D-N.Y., said the bill was "a gift to lobbyists."', "Tom Vale"),
        # "City, St." after a name is an aside too.
        (
            'Bishop Tom Rudd, of Salem, Ore., said in a sermon that the mayor was "a menace."',
            "Tom Rudd",
        ),
        # A possessive modifies the noun after it: "Smith's remarks" is no speaker.
        ('He called Smith\'s remarks "wrong" on Monday.', None),
        ("Mr. Kent called it the “worst idea” of Mr. Lee’s career.", "Kent"),
        # Religious titles are titles, not part of the name.
        ("“This is nonsense,” said Father Anna Kerr.", "Anna Kerr"),
    ],
)
def test_asides_possessives_and_titles_are_not_speakers(text: str, speaker: str | None) -> None:
    assert [q[1] for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # A description after the name elsewhere in the text places the speaker.
        (
            "Ann Lee, a Republican from the north, spoke first. “We will win,” Lee said.",
            "political parties and politicians",
        ),
        # General fallbacks when no rule fits: a named person, a named body, a description.
        ("“We will win,” said Jane Roe.", "person"),
        ("“We will win,” the NTU said.", "organisation"),  # an acronym names a body
        ("“We will win,” the aide said.", "unnamed"),
    ],
)
def test_speaker_group_fallbacks(text: str, group: str) -> None:
    result = find_voices(segment(text), groups=load_speaker_groups([SPEAKER_GROUPS_FILE]))
    assert [q.speaker_group for q in result.quotes] == [group]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The issuer of a document is the speaker: "Lee issued a statement saying ...".
        ('Trying to calm the row, Lee issued a statement saying: "There is no question."', "Lee"),
        # "his recent claims" is a noun phrase, not "his recent" claiming.
        ('He defended his recent claims that schools were "anachronistic" and old.', None),
        # A day name ends no speaker phrase.
        ('"We object," said Tuesday.', None),
    ],
)
def test_issuers_nouns_and_dates(text: str, speaker: str | None) -> None:
    assert _quotes(text)[0][1] == speaker


def test_participle_after_a_quotation_takes_no_subject() -> None:
    # "saying he was ...": "he" is the subject of the reported clause, not of "saying".
    text = "Ann Lee defended her claim that Tom Vale ran a “phony campaign,” saying he was wrong."
    assert _quotes(text)[0][1] is None


def test_a_name_ending_in_an_organisation_noun_is_a_body() -> None:
    text = "“We will not back down,” the Tenants Union said."
    result = find_voices(segment(text), groups=load_speaker_groups([SPEAKER_GROUPS_FILE]))
    assert [(q.speaker, q.speaker_group) for q in result.quotes] == [
        ("the Tenants Union", "organisation")
    ]


def test_a_title_case_thing_after_an_article_is_no_antecedent() -> None:
    # Issue 14: "he" must not resolve to "the National Anthem" (two capitalised words).
    text = "Then came the singing of the National Anthem. “This is our moment,” he said."
    assert _quotes(text)[0][1] is None


def test_a_speaker_phrase_does_not_cross_a_paragraph_break() -> None:
    # A title-case headline line must not join the name that opens the body.
    from analysis.measures.voices.phrases import TokenView

    seg = segment("Roe Wows the Town Crowd\n\nJane Roe spoke\nto Ann Lee.")
    view = TokenView(seg, seg.quotes, load_speaker_groups([SPEAKER_GROUPS_FILE]))
    crowd = view.words.index("Crowd")
    assert not view.tight(crowd)  # blank line between "Crowd" and "Jane"
    assert view.tight(crowd + 1)  # "Jane Roe"
    assert view.tight(view.words.index("spoke"))  # a single line break joins


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The head of "X of Y" is X, however Y is written.
        ("“We saw it coming,” Rev. Tom Rudd of Our Lady of Mercy told reporters.", "Tom Rudd"),
        (
            "Capt. Ann Lee of the State Highway Patrol said it was “a calm night.”",
            "Ann Lee",
        ),
        # The object of a preposition is not the verb's subject: nothing rather than a place.
        ("Mr. Vale, speaking on Friday in Salem, Oregon, called the plan “a fraud.”", None),
        # A titled name that ends a list of subjects speaks for none of them alone.
        (
            "The suit, filed by the city's mayor, Ann Lee, and the state's governor, Tom Vale, "
            "said the rule was “a dangerous gap.”",
            None,
        ),
        # An unnamed spokesperson's words are the principal's.
        ("“We are not worried,” a Vale spokesman said.", "Vale"),
        ("“Stay tuned,” an NTU spokeswoman said.", "NTU"),
    ],
)
def test_heads_objects_lists_and_spokespeople(text: str, speaker: str | None) -> None:
    assert [q[1] for q in _quotes(text)] == [speaker]


def test_an_opening_participle_clause_is_skipped_for_the_subject() -> None:
    text = (
        "Critics pressed party chief Tom Vale Monday.\n\n"
        'Speaking on "Meet the City," Sen. Ann Lee said Vale must go.\n\n'
        '"He has to apologize," she said.'
    )
    assert [q[1] for q in _quotes(text)][-1] == "Ann Lee"


def test_a_participle_naming_someone_else_is_no_antecedent() -> None:
    text = (
        "Tom Vale spoke for an hour.\n\n"
        "Blaming Mayor Ann Lee, he said, was “too easy.”\n\n"
        "“We all failed,” he said."
    )
    assert [q[1] for q in _quotes(text)] == ["Tom Vale", "Tom Vale"]


def test_a_day_name_or_show_title_is_not_part_of_a_full_name() -> None:
    text = "Critics pressed party chief Tom Vale Sunday. “I will stay,” Vale said."
    assert _quotes(text)[0][1] == "Tom Vale"


def test_a_definite_description_of_an_office_is_the_person_just_named() -> None:
    text = (
        'Rep. Tom Vale was filmed in a scuffle.\n\n"Who are you?" the six-term congressman demands.'
    )
    assert _quotes(text)[0][1] == "Tom Vale"


def test_a_description_of_another_role_is_not_linked() -> None:
    text = "Mayor Tom Vale walked over.\n\nThe reporter asks, “Are you running again?”"
    assert _quotes(text)[0][1] == "the reporter"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # A US state name places a US office holder.
        ("“We will appeal,” said Ohio Gov. Ann Lee.", "US government"),
        ("“We will appeal,” said Representative Tom Vale of Utah.", "US government"),
        # Candidates and campaign staff are politicians.
        ("“We will win,” said campaign spokesman Tom Vale.", "political parties and politicians"),
        # A lawsuit speaking is a document.
        ("“The rule is void,” the lawsuit says.", "documents and reports"),
    ],
)
def test_speaker_groups_of_offices_campaigns_and_documents(text: str, group: str) -> None:
    result = find_voices(segment(text), groups=load_speaker_groups([SPEAKER_GROUPS_FILE]))
    assert [q.speaker_group for q in result.quotes] == [group]


@pytest.mark.parametrize(
    ("text", "speaker", "group"),
    [
        # An officer of a body no rule places speaks for an organisation.
        ("“We will act,” NTU President Ann Lee said.", "Ann Lee", "organisation"),
        (
            "Tom Vale, policy director for the Roe Project, said it was “a bad deal.”",
            "Tom Vale",
            "organisation",
        ),
        # A title with no body and no country stays an office of no stated country.
        ("“We will act,” President Ann Lee said.", "Ann Lee", "officials, country not stated"),
    ],
)
def test_officers_of_bodies_are_organisation_voices(text: str, speaker: str, group: str) -> None:
    result = find_voices(segment(text), groups=load_speaker_groups([SPEAKER_GROUPS_FILE]))
    assert [(q.speaker, q.speaker_group) for q in result.quotes] == [(speaker, group)]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # A US party tag after the name marks a member of a US legislature.
        ("Ann Lee, D-Ohio, spoke first. “We will win,” Lee said.", "US government"),
        # A possessive apposition places the speaker too.
        ("Ann Lee, NTU's policy chief, spoke. “We will win,” Lee said.", "organisation"),
        ("“We will win,” said Tenants Union founder Ann Lee.", "organisation"),
    ],
)
def test_party_tags_and_possessive_appositions_place_speakers(text: str, group: str) -> None:
    result = find_voices(segment(text), groups=load_speaker_groups([SPEAKER_GROUPS_FILE]))
    assert [q.speaker_group for q in result.quotes] == [group]


def test_a_follow_on_paragraph_continues_a_full_sentence_quotation() -> None:
    text = (
        "“We will not move,” Ann Lee told reporters.\n\n"
        "“The plan is ours and we will keep it.” She left.\n\n"
        'Tom Vale said the delay was a "long day."\n\n'
        "“This helps nobody.”"
    )
    assert [q[1] for q in _quotes(text)] == ["Ann Lee", "Ann Lee", "Tom Vale", None]


def test_two_asides_between_a_name_and_its_verb() -> None:
    text = "“If they win, we lose,” Tom Vale, the head of the Roe Group, a trade group, said."
    assert _quotes(text)[0][1] == "Tom Vale"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ann Lee looks tired and suddenly asks, “who are you?”", "Ann Lee"),
        # A comma before "and" may start a new clause with its own subject: nothing is guessed.
        ("Ann Lee left early, and then asks, “who are you?”", None),
    ],
)
def test_verbs_joined_by_and_share_the_named_subject(text: str, speaker: str | None) -> None:
    assert _quotes(text)[0][1] == speaker


def test_an_opening_prepositional_clause_is_skipped_for_the_subject() -> None:
    text = (
        "Bishop Tom Vale said “no” to the plan.\n\n"
        "In an interview on the radio, Mr. Lee said the plan was fair.\n\n"
        "“It helps the poor,” he said."
    )
    assert [q[1] for q in _quotes(text)][-1] == "Lee"


def test_a_description_that_fits_nobody_named_is_someone_new() -> None:
    # "the officer" is not the attorney general just named: the roles do not match.
    text = (
        "Attorney General Ann Lee recalled a night in the city.\n\n"
        'The officer yelled, "Where are you going?" Lee recalled.'
    )
    assert _quotes(text)[0][1] == "the officer"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A participle after the main clause shares its named subject.
        ("Tom Vale backed the plan, adding that it was “long overdue.”", "Tom Vale"),
        # An apposition with "and" in it is still an aside.
        (
            "Ann Lee, a lawyer and activist who wrote the bill, said the suit is “grandstanding.”",
            "Ann Lee",
        ),
        # A single capitalised word opening the sentence may be no name: nothing is guessed.
        ("Asked about it, he did not back down, saying, “We are right.”", None),
        # After an opening clause, the subject follows its comma.
        ("Last week, Rep. Ann Lee denied it, claiming the letters were “a forgery.”", "Ann Lee"),
    ],
)
def test_participles_and_appositions_with_and(text: str, speaker: str | None) -> None:
    assert _quotes(text)[0][1] == speaker


def test_sentences_inside_a_quotation_do_not_use_up_the_pronoun_look_back() -> None:
    text = (
        "“Stop!” shouted Ann Lee.\n\n"
        "Tom Vale walked home.\n\n"
        "“We talked. We laughed. We walked on. It was fine,” he said."
    )
    assert _quotes(text)[-1][1] == "Tom Vale"


def test_a_sentence_adverb_is_not_part_of_a_name() -> None:
    text = "“Stop!” shouted Ann Lee.\n\nLater Tom Vale walked home.\n\n“It was fine,” he said."
    assert _quotes(text)[-1][1] == "Tom Vale"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“We lost,” said Ann Lee.\n\n"
            "If you find success, she said, critics believe “you should pay for it.”",
            "Ann Lee",
        ),
        ("That plan, Tom Vale continued, rests on claims that “nobody can prove.”", "Tom Vale"),
    ],
)
def test_a_reporting_aside_inside_the_sentence_owns_its_quotation(text: str, speaker: str) -> None:
    assert _quotes(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An opening adverbial phrase with no verb: the subject follows its comma.
        (
            "“We will build it,” said Ann Lee.\n\n"
            "Back in Ohio, Tom Vale said the bridge was too costly.\n\n"
            "“Nobody will pay for it,” he said.",
            "Tom Vale",
        ),
        # A description with the name in apposition: the name is the subject.
        (
            "“The vote is close,” said Ann Lee.\n\n"
            "One Republican, Senator Tom Vale of Iowa, even threatened a filibuster.\n\n"
            "“We will talk all night,” he said.",
            "Tom Vale",
        ),
        # An opening clause naming someone else, then an apposition, then the subject.
        (
            "“It was routine,” said Ann Lee.\n\n"
            "Under questioning by Rep. Tom Vale, a Texas Democrat, Mr. Roe gave a reason.\n\n"
            "“I was visiting a friend,” he said.",
            "Roe",
        ),
        # A pronoun subject: the people listed after its verb are not the antecedent.
        (
            "“We are ready,” said Ann Lee.\n\n"
            "He met Tom Vale, Joe Roe and Bill Cobb on Monday.\n\n"
            "“It went well,” he said.",
            "Ann Lee",
        ),
    ],
)
def test_the_subject_of_a_sentence_may_follow_an_opening_phrase(text: str, speaker: str) -> None:
    assert _quotes(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "group"),
    [
        # An office of a named state describes the candidate who holds it: the office decides.
        (
            "“We will cut taxes,” said Ann Lee, a Republican presidential candidate.\n\n"
            "“And we will balance the budget,” the Ohio governor said.",
            "Ann Lee",
            "US government",
        ),
        # A party member description ("the Iowa Democrat") is the politician just named.
        (
            "Sen. Tom Vale, D-Iowa, spoke on Sunday.\n\n"
            "“The bill is dead,” the Iowa Democrat said.",
            "Tom Vale",
            "US government",
        ),
    ],
)
def test_party_and_placed_office_descriptions_are_the_politician(
    text: str, speaker: str, group: str
) -> None:
    result = find_voices(segment(text))
    assert (result.quotes[-1].speaker, result.quotes[-1].speaker_group) == (speaker, group)


def test_an_office_description_of_no_place_does_not_fit_a_politician() -> None:
    # "the officer" names no place: it is not the attorney general just named.
    text = (
        "Attorney General Ann Lee, a Democrat, recalled a night in the city.\n\n"
        '"Stop right there," the officer said.'
    )
    assert _quotes(text)[0][1] == "the officer"


@pytest.mark.parametrize(
    ("text", "speaker", "group"),
    [
        ("“We are ready,” said the Ohio senator, Ann Lee.", "Ann Lee", "US government"),
        (
            "“Prices will rise,” said an analyst, Tom Vale, in a note.",
            "Tom Vale",
            "experts and researchers",
        ),
        # No name after the comma: the description stays the speaker.
        ("“We are ready,” said the senator, adding that the vote was close.", "the senator", None),
    ],
)
def test_a_name_in_apposition_after_a_described_speaker(
    text: str, speaker: str, group: str | None
) -> None:
    quote = find_voices(segment(text)).quotes[0]
    assert quote.speaker == speaker
    if group:
        assert quote.speaker_group == group


def test_a_pronoun_subject_shares_its_antecedent_with_a_participle() -> None:
    text = (
        "Mayor Ann Lee opened the new library on Friday.\n\n"
        "She praised the builders, saying, “They finished early and under budget.”"
    )
    assert _quotes(text)[0][1] == "Ann Lee"


def test_a_semicolon_ends_the_clause_a_reporting_verb_is_looked_for_in() -> None:
    # "one" is nobody named; the speaker of "spoke" before the semicolon is not its subject.
    text = (
        "Tom Vale opened the fair on Saturday. Guards stood by as he spoke; one told visitors "
        "to “keep moving” past the stage."
    )
    assert _quotes(text)[0][1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The question was put to Lee by someone the sentence does not name.
        ("Asked directly, “Did you sign it?” Lee replied, “No.”", None),
        ("Asked about the vote, “Will you run again?” Ann Lee laughed.", None),
        # A question Lee herself asks keeps its speaker.
        ("“Why now?” Ann Lee asked.", "Ann Lee"),
    ],
)
def test_a_question_after_an_opening_asked_is_the_unnamed_askers(
    text: str, speaker: str | None
) -> None:
    assert _quotes(text)[0][1] == speaker


def test_a_name_before_two_asides_is_the_subject() -> None:
    text = (
        "Ann Lee, director of the Roe Fund, a charity in Ohio, called the plan "
        "“a gift to the rich.”"
    )
    quote = find_voices(segment(text)).quotes[0]
    assert (quote.speaker, quote.speaker_group) == ("Ann Lee", "organisation")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "her", the object of Vale's verb, is not Vale: "she" is someone else, left unnamed.
        (
            "“Where did the money go?” asked Rep. Tom Vale, D-Ohio.\n\n"
            "Vale asked her if she knew.\n\n"
            "She said: “It was spent on roads.”",
            None,
        ),
        # Without the object pronoun the subject is the antecedent.
        (
            "“Where did the money go?” asked Rep. Tom Vale, D-Ohio.\n\n"
            "Vale waited for an answer.\n\n"
            "He said: “Nobody knows.”",
            "Tom Vale",
        ),
        # Further on, in another clause, "him" may be the subject again.
        (
            "“It was late,” said Ann Lee.\n\n"
            "Tom Vale said the delay reminded him of a storm.\n\n"
            "“It was a mess,” he said.",
            "Tom Vale",
        ),
    ],
)
def test_the_object_of_a_subjects_verb_is_not_the_subject(text: str, speaker: str | None) -> None:
    assert _quotes(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "who" / "which" after a comma: the subject is the phrase before the comma.
        ("The mayor, who called the plan “a gift to the rich,” voted no.", "the mayor"),
        (
            "The plan was denounced by the Roe Fund, a housing charity, which said it was "
            "“a step back.”",
            "the Roe Fund",
        ),
        # Several asides between a named subject and its verb.
        (
            "Mr. Vale, at a rally on Saturday, in Salem, Ohio, called the tax “a disgrace.”",
            "Vale",
        ),
        # A relative clause after a list names no single subject.
        ("Ann Lee and Tom Vale, who called it “a mess,” left early.", None),
    ],
)
def test_relative_subjects_and_several_asides(text: str, speaker: str | None) -> None:
    assert _quotes(text)[0][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "and" inside a body's name is part of the speaker phrase.
        (
            "“The hearing goes on,” Parks and Recreation Committee spokesman Tom Vale said.",
            "Tom Vale",
        ),
        # "and" between two people is a list: nobody is guessed.
        ("“The hearing goes on,” Ann Lee and Tom Vale said.", None),
    ],
)
def test_and_inside_a_body_name_is_no_list(text: str, speaker: str | None) -> None:
    assert _quotes(text)[0][1] == speaker
