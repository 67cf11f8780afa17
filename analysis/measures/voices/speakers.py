"""Speaker naming and merging: which person, body or document a speaker phrase names.

Pronouns resolve to the last named speaker of a fitting kind (it, they: a body; he, she: a
person), unless a person named as the subject of the pronoun's sentence or of one of the two
before it is more recent ("Mr. Cummings disagreed. “...,” he said."); with nobody quoted yet,
"he" or "she" takes the last person named with a full name or a title. A single name ("Blinken",
"Lin") resolves to the full name it abbreviates (from earlier speakers or from the article
text), and titles and honorifics are stripped ("US Secretary of State Antony Blinken" is the
person "Antony Blinken" in the group "US government"; "Mr. Steele" is "Steele"; in "Lindsey
Graham of South Carolina" the name is "Lindsey Graham"). Institutions, documents and common
nouns are speakers too ("the report", "the ministry", "the Democratic staffer"), and so are
acronyms ("the NRA"). A definite description of an office ("the lawmaker") is read like "he"
when it fits the person; an unnamed spokesperson's words ("a Lee spokesman said") are their
principal's.

Groups come from ``lexicons/speaker_groups.csv``; a speaker no rule places gets a general
fallback, so that no topic's speakers are left without one: a named person is ``person`` (an
officer of a body no rule places, "NTU President Ann Lee", is ``organisation``), a body named
with a capitalised word ("AARP", "the Heritage Foundation") is ``organisation``, and a
description that names nobody ("the aide", "another man") is ``unnamed``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.measures.voices.attribution import Mention
from analysis.measures.voices.clauses import aside_after
from analysis.measures.voices.names import LEGISLATOR as _LEGISLATOR_TAG
from analysis.measures.voices.names import NameIndex
from analysis.measures.voices.phrases import (
    DETERMINERS,
    HONORIFICS,
    PRONOUN_KIND,
    TokenView,
    index_of,
    titlecase_function,
)
from analysis.text.segmentation import tokens_in
from analysis.text.words import FUNCTION_WORDS, bare, fold, word_set

#: Fallback groups (see the module docstring).
PERSON, ORGANISATION, UNNAMED = "person", "organisation", "unnamed"
#: The group of an office named without its country ("the lawmaker", "the governor").
_OFFICE = "officials, country not stated"
#: Roles a description often introduces someone new with ("the reporter", "the analyst").
_NEWCOMER_ROLES = frozenset(("media", "experts and researchers", UNNAMED))
#: A past office ("former Sen. Ann Lee", "ex-minister"): it places nobody in a government.
_FORMER_RE = re.compile(r"(?i)(?<!\w)(?:former|ex-|onetime|one-time)")
#: Determiners of a definite description ("the governor"), which may name one office holder.
_DEFINITE = frozenset(("the", "this", "that"))
#: Words for someone who speaks on behalf of a person or body.
_SPOKES = frozenset(("spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"))
#: Words for a member of a legislature (titles and descriptions).
_LEGISLATOR_WORDS = word_set(
    "rep representative congressman congresswoman congressmember lawmaker legislator sen senator"
)
#: Nouns for a member of a party that news style uses as a description ("the Ohio Republican").
_PARTY_MEMBERS = word_set("republican democrat")
#: Groups of people in politics, whom a party or office description may describe.
_POLITICAL = frozenset(("US government", _OFFICE, "political parties and politicians"))
#: Prepositions that open a sentence with an adverbial clause before its subject.
_PREPOSITIONS = word_set("in on at after before during from since under with without")
#: How many narrator sentences back "he" or "she" looks for a subject that is a named person.
_NARRATOR_SENTENCES = 3
#: How many commas the subject of a sentence may lie after ("In questions by Rep. Tom Vale, a
#: Democrat, Mr. Roe offered ...": two).
_COMMA_HOPS = 2
#: The object form of "he" and "she".
_OBJECT_FORMS = {"he": "him", "she": "her"}
#: How far back (in words) "he" or "she" looks for a named person when nobody was quoted yet.
_LOOKBACK = 200


@dataclass(slots=True)
class Entity:
    """A speaker: a named person, or a body, document or unnamed source named by a phrase."""

    name: str
    kind: str
    phrases: list[str]
    named: bool
    group: str | None = None
    last: int = 0  # token index where it was last quoted


class SpeakerRegistry:
    """The speakers of one article, merged across their mentions, in the order last quoted."""

    def __init__(self, view: TokenView) -> None:
        self.view = view
        self.entities: dict[str, Entity] = {}
        self.order: list[Entity] = []  # entities in the order they were last quoted
        self.names = NameIndex(view)
        self.country = view.groups.article_country(view.text)

    def resolve(self, mention: Mention) -> Entity | None:
        """The entity a speaker phrase names (pronouns: the last speaker of a fitting kind)."""
        if mention.stop - mention.first == 1 and self.view.low[mention.first] in PRONOUN_KIND:
            return self.antecedent(mention.first)
        principal = self._principal(mention)
        if principal is not None:
            return self.resolve(principal)
        phrase = self.view.phrase_text(mention.first, mention.stop)
        name = self.view.person_name(mention.first, mention.stop)
        if name:
            entity = self._person(name, phrase, mention.first)
            if mention.title:
                entity.phrases.append(self.view.phrase_text(*mention.title))
                entity.group = self.person_group(entity)
            return entity
        if self._description(mention.first, mention.stop, phrase):
            entity = self._person_antecedent(mention.first)
            if entity is not None and self._fits(entity, phrase):
                entity.phrases.append(phrase)  # "the governor": an office the person holds
                entity.group = self.person_group(entity)
                return entity
        first_word = self.view.words[mention.first]
        canonical = phrase
        if first_word[0].isupper() and first_word.lower() in DETERMINERS:
            canonical = first_word.lower() + phrase[len(first_word) :]
        entity = self.entities.get(canonical.casefold())
        if (
            entity is None
            and mention.stop - mention.first == 2
            and self.view.low[mention.first] == "the"
        ):
            head = self.view.low[
                mention.first + 1
            ]  # "the ministry" -> "the Chinese Foreign Ministry"
            for known in reversed(self.order):
                if not known.named and fold(known.name.split()[-1]) == head:
                    entity = known
                    break
        if entity is None:
            kind = self.view.groups.classify(phrase)[1]
            entity = Entity(canonical, kind or "body", [], named=False)
            self.entities[canonical.casefold()] = entity
        entity.phrases.append(phrase)
        entity.group = self._body_group(entity)
        return entity

    def _body_group(self, entity: Entity) -> str:
        """The group of a speaker that is not a named person: an individual described only by
        a role ("one union official", "the aide") is ``unnamed``, as the article never names
        them, unless a definite description names an office of the article's country ("the
        governor" in a story about Ohio); an officer of a body no rule places is ``organisation``;
        else the best rule, then the fallback."""
        fallback = self._fallback(entity.name)
        if entity.kind == "person" and self.group_of(entity.phrases, in_country=False) in (
            None,
            _OFFICE,
        ):
            if fallback == UNNAMED:
                placed = self.group_of(entity.phrases)
                definite = fold(entity.name.split()[0]) in _DEFINITE
                return placed if definite and placed not in (None, _OFFICE) else UNNAMED
            if any(self.names.names_body(p, "") for p in entity.phrases):
                return ORGANISATION  # "the president of the Roe Fund"
        return self.group_of(entity.phrases) or fallback

    def _principal(self, mention: Mention) -> Mention | None:
        """The named person or body an unnamed spokesperson speaks for ("a Lee spokesman",
        "an NTU spokeswoman"): news style makes the principal the source of such words."""
        first, stop, low = mention.first, mention.stop, self.view.low
        if stop - first < 3 or low[first] not in ("a", "an", "the") or low[stop - 1] not in _SPOKES:
            return None
        if not all(
            self.view.solid(i) and self.view.words[i][0].isupper()
            for i in range(first + 1, stop - 1)
        ):
            return None
        return replace(mention, first=first + 1, stop=stop - 1, title=None)

    @staticmethod
    def _fallback(name: str) -> str:
        """The group of a body no rule places: capitalised, an organisation; else unnamed."""
        words = name.split()
        start = 1 if words and words[0].lower() in DETERMINERS else 0
        return ORGANISATION if any(w[:1].isupper() for w in words[start:]) else UNNAMED

    def person_group(self, entity: Entity) -> str:
        """A named person's group: the best rule over their phrases; an officer of a body that
        no rule places ("NTU President Ann Lee", "Tom Vale, director of the Roe Project")
        is ``organisation``; an office of no stated country is one of the article's country
        ("President Ann Lee" in a story about Ohio); else ``person``."""
        group = self.group_of(entity.phrases, in_country=False, person=True)
        if group in (None, _OFFICE) and any(
            self.names.names_body(p, entity.name) for p in entity.phrases
        ):
            return ORGANISATION
        return self.group_of(entity.phrases, person=True) or PERSON

    def group_of(
        self, phrases: Sequence[str], *, in_country: bool = True, person: bool = False
    ) -> str | None:
        """The group of the best rule over several phrases (each phrase ranked once).

        An office outranks any other role ("Rep. Ann Lee" and "Lee, a Democrat": US government),
        then the longest match wins; a past office ("former Sen. Ann Lee") places nobody. With
        ``in_country``, an office named without a country ("President Lee", "the governor") is
        read as an office of the article's country, when the article has one. For a
        ``person``, a phrase naming a document ("Ann Lee, the report's author") places nobody.
        """
        best: tuple[bool, tuple[bool, int]] | None = None
        label = None
        for phrase in phrases:
            if _FORMER_RE.search(phrase):
                continue
            ranked = self.view.groups.best_rule(phrase)
            rule = ranked[1]
            if in_country and self.country and (rule is None or rule.group == _OFFICE):
                placed = self.view.groups.best_rule(f"{self.country} {phrase}")
                if (
                    placed[1] is not None
                    and placed[1].office
                    and placed[1].group != _OFFICE
                    and placed[1].cue_re.search(phrase)  # the office is named in the phrase
                ):
                    ranked, rule, phrase = placed, placed[1], f"{self.country} {phrase}"
            if rule is None or (person and rule.kind == "document"):
                continue
            key = (rule.office, ranked[0])
            if best is None or key > best:
                best, label = key, rule.label(phrase)
        return label

    def antecedent(self, at: int) -> Entity | None:
        """What the pronoun at token ``at`` refers to.

        "it" and "they" take the last quoted body. "he" and "she" take the person who is the
        subject of the pronoun's sentence or of one of the two sentences before it ("Mr.
        Cummings also admonished his colleagues. “...,” he said."), as long as that is more
        recent than the last quoted person; else the last quoted person; else, when nobody
        has been quoted yet, the last person named with a full name or a title.
        """
        if PRONOUN_KIND[self.view.low[at]] != "person":
            return next((e for e in reversed(self.order) if e.kind != "person"), None)
        entity = self._person_antecedent(at)
        if entity is not None and entity.kind != "person":  # "Vale said ... he added"
            entity.kind, entity.group = "person", self.person_group(entity)
        return entity

    def _person_antecedent(self, at: int) -> Entity | None:
        """The person "he", "she" or a description at token ``at`` refers to (see above)."""
        last = next((e for e in reversed(self.order) if self._may_be_person(e)), None)
        floor = last.last if last else max(0, at - _LOOKBACK)
        excluded: list[Entity] = []
        found = self._recent_subject(at, floor, excluded)
        if found is None and last is not None and last in excluded:
            return None  # the last speaker is the one the pronoun was just shown not to be
        return found or last or self._mentioned_person(at, floor)

    @staticmethod
    def _may_be_person(entity: Entity) -> bool:
        """A person, or a one-word name read as a body for want of a title ("Vale said"):
        "he" or "she" referring back to it shows it is a person's."""
        return entity.kind == "person" or (entity.named and " " not in entity.name)

    def _recent_subject(
        self, at: int, floor: int, excluded: list[Entity] | None = None
    ) -> Entity | None:
        """The person who is the subject of the pronoun's sentence or of one of the two narrator
        sentences before it (sentences wholly inside a quotation are passed over). A subject
        whose verb has the pronoun's object form for object is passed over, and added to
        ``excluded``."""
        sentences = self.view.seg.sentences
        n = index_of(sentences, self.view.tokens[at].start)
        narrator = 0
        for sentence in sentences[n::-1]:
            r = tokens_in(
                self.view.seg, sentence.start, min(sentence.end, self.view.tokens[at].start)
            )
            if r.stop <= floor or narrator == _NARRATOR_SENTENCES:
                break
            if all(self.view.quoted(i) for i in r):
                continue
            narrator += 1
            first = next((i for i in r if not self.view.quoted(i) and not self._opener(i)), r.stop)
            first = self._after_opening_clause(r.start, first, r.stop)
            anywhere = self._clause_subject(first, r.stop, r.start)  # even if quoted before
            if anywhere and self._object_pronoun(at, anywhere[1], r.stop):
                if excluded is not None:
                    excluded.append(anywhere[0])
                continue  # "Lee asked her if ... She said": "she" is not Lee
            found = self._clause_subject(first, r.stop, floor)
            if found:
                return found[0]
        return None

    def _object_pronoun(self, at: int, end: int, stop: int) -> bool:
        """Whether the object form of the pronoun at ``at`` ("him" for "he", "her" before no
        noun for "she") is the object of the verb after the subject phrase ending at token
        ``end`` (after an aside set off by commas, within two words): the subject of a verb is
        not its object, so the pronoun, which tracks the object, means someone else ("Rep. Lee,
        D-Ohio, asked her if ... She said: ..."). Further on ("... reminded him of ...") it
        may be the subject again, and nothing is decided."""
        view = self.view
        form = _OBJECT_FORMS.get(view.low[at])
        k = aside_after(view, end, stop) or end if end < stop else end
        for i in range(k, min(stop, k + 3)):
            if view.low[i] == form and not view.quoted(i):
                nxt = i + 1 < len(view.words) and self._content_word(i + 1)
                return form == "him" or not nxt
            if not view.words[i].islower():
                return False
        return False

    def _clause_subject(self, first: int, stop: int, floor: int) -> tuple[Entity, int] | None:
        """The named person who is the subject of a sentence, looking from token ``first``, and
        the end of the phrase naming them.

        The phrase at ``first`` if it names a person; else, when that phrase is no subject
        (no lower-case content word follows it: "Back on NBC", "One Democrat", "the group's
        chief executive"), the phrase after the next comma, up to :data:`_COMMA_HOPS` times:
        "Back on NBC, Trump said ...", "One Democrat, Rep. Ann Lee, raised ...", "In questions
        by Rep. Tom Vale, a Democrat, Mr. Roe offered ...". A phrase followed by a verb that
        names nobody ("He met Lee, Roe and Vale", "The group said") ends the search.
        """
        view = self.view
        for _ in range(_COMMA_HOPS + 1):
            if first >= stop or first < floor:
                return None
            span = view.phrase_after(first, stop) if view.words[first][0].isupper() else None
            entity = self._named_person(span) if span and view.words[first][0].isupper() else None
            if entity and span:
                return entity, span[1]
            after = span[1] if span else first
            if after < stop and self._content_word(after) and view.tight(after - 1):
                return None  # "He met ...", "The group said": a subject naming no person
            first = self._after_comma(after - 1 if after > first else first, stop)
        return None

    def _content_word(self, i: int) -> bool:
        """A lower-case word that is not a function word (a verb after a subject)."""
        word = self.view.words[i]
        return word.islower() and self.view.low[i] not in FUNCTION_WORDS

    def _description(self, first: int, stop: int, phrase: str) -> bool:
        """A definite description of one person by role: "the lawmaker", "the seven-term
        senator", "the Fox host". News style uses it like "he" for someone just named."""
        if stop - first < 2 or self.view.low[first] != "the":
            return False
        if self.view.low[stop - 1] in _PARTY_MEMBERS:
            return True  # "the Arizona Republican"
        lower_head = self.view.words[stop - 1].islower()
        return lower_head and bool(self.view.groups.title_re.search(phrase))

    def _fits(self, entity: Entity, description: str) -> bool:
        """The description's role agrees with what is known of the person: the same head noun
        in one of their phrases ("Sen. Ann Lee" ... "the senator"; the words for a legislator
        count as one: "Rep. Ann Lee" ... "the congresswoman"), for a politician or office holder
        a party member ("the Ohio Republican") or an office of a named place ("the Texas
        governor", not "the officer"), the same group, or, for a person of no known group, any
        role but those that often bring in someone new ("the reporter asks", "the analyst").
        """
        head = fold(description.split()[-1])
        words = {bare(w).rstrip(".") for p in entity.phrases for w in fold(p).split()}
        if head in words or (head in _LEGISLATOR_WORDS and words & _LEGISLATOR_WORDS):
            return True
        group = self.group_of([description], in_country=False)
        rule = self.view.groups.best_rule(description)[1]
        placed = group != _OFFICE and rule is not None and rule.office
        if (head in _PARTY_MEMBERS or placed) and entity.group in _POLITICAL:
            return True
        if group in _NEWCOMER_ROLES:
            return group == entity.group
        return group == entity.group or entity.group == PERSON

    def _after_opening_clause(self, start: int, first: int, stop: int) -> int:
        """Skip an opening participial or prepositional clause ("Speaking on Fox, Sen. Ann Lee
        said", "In an interview on Fox, Mr. Lee said"): the subject follows the first comma
        outside quotation marks (``stop`` if there is none). ``start`` opens the sentence,
        ``first`` is its first word that is not a function word."""
        low = self.view.low
        if first + 1 >= stop:
            return first
        if low[start] in _PREPOSITIONS and self.view.words[start][0].isupper():
            return self._after_comma(start, stop)
        if not low[first].endswith("ing"):
            return first
        after = self.view.words[first + 1]
        titled = low[first + 1].rstrip(".") in HONORIFICS or self.view.groups.title_re.match(after)
        if (low[first],) not in self.view.verbs and not after.islower() and not titled:
            return first  # "Sterling Brown said": a name
        return self._after_comma(first, stop)

    def _after_comma(self, first: int, stop: int) -> int:
        """The first token after a comma outside quotation marks, after token ``first``."""
        for j in range(first + 1, stop):
            gap = self.view.text[self.view.tokens[j - 1].end : self.view.tokens[j].start]
            if "," in gap and not self.view.quoted(j):
                return j
        return stop

    def _opener(self, i: int) -> bool:
        """A sentence-opening function word or adverb ("But", "Later", "Also")."""
        return titlecase_function(self.view.words[i]) or (
            self.view.words[i][0].isupper()
            and self.view.low[i].endswith("ly")
            and not self.view.solid(i)
        )

    def _mentioned_person(self, at: int, floor: int) -> Entity | None:
        """The person named most recently before token ``at`` in the narrator's text."""
        i = at - 1
        while i >= floor:
            if self.view.words[i][0].isupper() and self.view.solid(i) and not self.view.quoted(i):
                span = self.view.phrase_before(i + 1, floor)
                if span:
                    entity = self._named_person(span)
                    if entity:
                        return entity
                    i = span[0]
            i -= 1
        return None

    def _named_person(self, span: tuple[int, int]) -> Entity | None:
        """The person a phrase names, if it clearly names one.

        A full name ("Elijah Cummings"), a titled name ("Mr. Cummings", "Senator Graham"), or a
        single name that abbreviates a full name found elsewhere ("Nadler").
        """
        name = self.view.person_name(*span)
        if not name:
            return None
        phrase = self.view.phrase_text(*span)
        prefix = phrase[: phrase.find(name)].rstrip(" \u00a0")
        titled = bool(self.view.groups.title_re.search(prefix)) or (
            bool(prefix) and bare(prefix.split()[-1]).rstrip(".") in HONORIFICS
        )
        if " " not in name and not titled and not self._full_name(name, span[0]):
            return None
        opener = span[0] - 1 if span[0] > 0 and self.view.tight(span[0] - 1) else span[0]
        if not titled and {self.view.low[span[0]], self.view.low[opener]} & {"the", "a", "an"}:
            return None  # "the National Anthem", "a Supreme Court": an article names no person
        return self._person(name, phrase, span[0])

    def _person(self, name: str, phrase: str, at: int) -> Entity:
        parts = name.split()
        if len(parts) == 1:
            name = self._full_name(parts[0], at) or name
        key = name.casefold()
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(name, "person", self.names.titled_mentions(name), named=True)
            self.entities[key] = entity
        entity.phrases.append(phrase)
        if " " not in entity.name and not self._personal(entity):
            entity.kind = "body"  # "Facebook said", "SCL, the firm, said": one word, no title
            entity.group = self.group_of(entity.phrases) or ORGANISATION
        else:
            entity.kind = "person"
            entity.group = self.person_group(entity)
        return entity

    def _personal(self, entity: Entity) -> bool:
        """Whether a one-word name is a person's: some phrase gives it a title or honorific
        ("Mr. Vale", "Senator Vale", "Vale, R-Ohio") or an apposition of a person's role
        ("Vale, a spokesman, ..."). A single capitalised word with none of these that the
        article never completes to a full name is read as a body ("Facebook", "SCL")."""
        for phrase in entity.phrases:
            titled = phrase != entity.name and phrase.endswith(entity.name)
            if titled or phrase == _LEGISLATOR_TAG:
                return True
            if self.view.groups.classify(phrase)[1] == "person":
                return True
        return False

    def _full_name(self, word: str, at: int) -> str | None:
        """A longer name ending or starting with ``word``: from speakers, else from the text."""
        folded = word.casefold()
        for entity in reversed(self.order):
            parts = entity.name.casefold().split()
            if entity.named and len(parts) > 1 and folded in (parts[0], parts[-1]):
                return entity.name
        here = self.view.tokens[at].start
        best: tuple[int, str] | None = None
        for position, full in self.names.longer_names(word):
            distance = here - position if position <= here else len(self.view.text) + position
            if best is None or distance < best[0]:
                best = (distance, full)
        return best[1] if best else None

    def remember(self, entity: Entity, at: int) -> None:
        """Note that ``entity`` was quoted at token ``at`` (pronouns look back to it)."""
        if entity in self.order:
            self.order.remove(entity)
        self.order.append(entity)
        entity.last = at
