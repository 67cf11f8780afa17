"""Attribution rules: the reporting clause that ties a quotation to its speaker.

For each quotation, in this order: a colon introduction ("... from Foreign Ministry spokesperson
Wang Wenbin: “...”"); a reporting verb after the quotation when it ends with a comma or question
mark ("“...,” Blinken said", "“...,” said the senator"), else before it ("Wang said, “...”"); a
full-sentence quotation takes a following clause only when it is short ("“...” Lin told
reporters."); "according to X" on either side. A reporting verb in its base form needs a plural
subject ("critics say"), which keeps nouns out ("a Washington Post report").

References:
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC 2016 (the
    source / cue / content anatomy of attributions followed here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.measures.voices.clauses import (
    aside_after,
    aside_before,
    conjoined,
    is_object,
    named_subject,
)
from analysis.measures.voices.phrases import (
    DETERMINERS,
    MAX_PHRASE,
    PLURAL_PRONOUNS,
    TokenView,
    index_of,
)
from analysis.text.model import Span
from analysis.text.segmentation import tokens_in
from analysis.text.words import bare, word_set

#: Possessive determiners: "his recent claims" is a noun phrase, not "his recent" claiming.
_POSSESSIVE_DETERMINERS = word_set("his her their its our my your")
#: Verbs that put a document out ("Lee issued a statement saying ..."): its issuer is the speaker.
_ISSUE = word_set("issued issues released releases sent sends posted posts published publishes")
#: Reporting verbs whose object (the person told) may follow them in an attribution.
_TAKES_OBJECT = word_set("tell ask answer assure remind urge warn")
#: Words after a reporting verb that continue an attribution, not a new statement.
_CLAUSE_PREPOSITIONS = word_set(
    "in at on during after before to from with while when as via about earlier later late "
    "adding noting saying citing referring"
)
#: A full-sentence quotation takes a reporting clause after it only if the clause ends within
#: this many words after the verb ("“...” Lin told reporters in Beijing.").
_SHORT_CLAUSE = 4
#: Relative pronouns that may be the subject of a reporting verb ("the group, which said").
_RELATIVE_SUBJECTS = word_set("who which")
#: How many asides set off by commas may stand between a named subject and its verb.
_ASIDES = 3
_AFTER_GAP_RE = re.compile(r"[\s\u00a0,—–-]*")
_FINAL_RE = re.compile(r"[.!?…]\W*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker phrase as found next to a quotation: token range, reporting verb, span."""

    first: int
    stop: int
    verb: str | None
    start: int
    end: int
    title: tuple[int, int] | None = None  # "Oklahoma's attorney general, Scott Pruitt, said"


class Attributor:
    """Finds the reporting clause of each quotation of one article."""

    def __init__(self, view: TokenView) -> None:
        self.view = view

    def find(self, q: Span, n: int) -> Mention | None:
        """The reporting clause of quotation ``q`` (the ``n``-th), before or after it."""
        seg, text = self.view.seg, self.view.text
        sentence = seg.sentences[index_of(seg.sentences, q.start)] if seg.sentences else q
        para = seg.paragraphs[index_of(seg.paragraphs, q.start)]
        lo = max(sentence.start, para.start) if sentence.start <= q.start else para.start

        nxt = self.view.quotes[n + 1].start if n + 1 < len(self.view.quotes) else len(text)
        end_para = seg.paragraphs[index_of(seg.paragraphs, max(q.end - 1, q.start))]
        first_after = tokens_in(seg, q.end, len(text)).start
        hi_pos = min(nxt, end_para.end)
        if first_after < len(seg.tokens):
            after_sentence = seg.sentences[index_of(seg.sentences, seg.tokens[first_after].start)]
            hi_pos = min(hi_pos, after_sentence.end)
        hi = tokens_in(seg, q.end, hi_pos).stop

        inner = text[q.start : q.end].rstrip("”\"’' \u00a0")
        trailing = text[q.end : q.end + 2].lstrip(" \u00a0")
        continues = inner.endswith(",") or trailing.startswith(",")
        question = inner.endswith(("?", "!")) and trailing[:1].islower()
        sentence_final = not continues and _FINAL_RE.search(inner) is not None
        if inner.endswith("?") and self._asked_opening(lo, q):
            return None  # "Asked, “Is that you?” Lee replied": the asker's words, asker unnamed
        if continues or question:
            return self.after(q, hi, sentence_final=False) or self.before(q, lo)
        return self.before(q, lo) or self.after(q, hi, sentence_final=sentence_final)

    def _asked_opening(self, lo: int, q: Span) -> bool:
        """The sentence opens with "Asked" (a passive participle) and only the opening clause
        lies before the quoted question: the question was put to the subject of the sentence,
        by someone the sentence does not name."""
        r = tokens_in(self.view.seg, lo, q.start)
        return (
            bool(r)
            and self.view.words[r.start] == "Asked"
            and not any(self.view.verb_at(i, r.stop) for i in r if i > r.start)
        )

    def before(self, q: Span, lo: int) -> Mention | None:
        """A reporting clause before quotation ``q``, from character ``lo`` (its sentence)."""
        window = [i for i in tokens_in(self.view.seg, lo, q.start) if not self.view.quoted(i)]
        for pos in range(len(window) - 1, 0, -1):
            gap = self.view.text[
                self.view.tokens[window[pos - 1]].end : self.view.tokens[window[pos]].start
            ]
            if ";" in gap:  # a semicolon ends the clause: "as he spoke; one warned them to “...”"
                window = window[pos:]
                break
        if not window:
            return None
        last = window[-1]
        aside = self._reporting_aside(window)
        if aside:
            return aside
        gap = self.view.text[self.view.tokens[last].end : q.start]
        if ":" in gap:
            mention = self._colon(window)
            if mention:
                return mention
        for pos in range(len(window) - 1, -1, -1):
            i = window[pos]
            found = self.view.verb_at(i, last + 1)
            if found:
                mention = self._subject(i, found, window[0])
                if mention:
                    return mention
            if self.view.low[i] == "according" and i + 1 <= last and self.view.low[i + 1] == "to":
                span = self.view.phrase_after(i + 2, last + 1)
                if span:
                    return self._mention(span, "according to", i, span[1])
        return None

    def _reporting_aside(self, window: list[int]) -> Mention | None:
        """A reporting clause set off by commas inside the sentence before the quotation ("If
        you win, he said, critics believe “...”", "That view, Lee continued, holds that “...”"):
        the whole sentence is that speaker's reported speech, so the quotation is theirs."""
        view = self.view
        for i in window[1:-1]:
            if "," not in view.text[view.tokens[i - 1].end : view.tokens[i].start]:
                continue
            span = view.phrase_after(i, window[-1] + 1)
            found = (
                view.verb_at(span[1], window[-1] + 1) if span and span[1] <= window[-1] else None
            )
            if not found or found[1].endswith("ing") or found[0] > window[-1]:
                continue
            end = found[0]
            closing = view.text[view.tokens[end - 1].end : view.tokens[end].start]
            if "," in closing and not view.quoted(end) and self.agrees(span, span[1], end):
                return self._mention(span, found[1], span[0], end)
        return None

    def _colon(self, window: list[int]) -> Mention | None:
        """A colon introduction: "... from X: “...”" (the phrase after "from" or "by")."""
        last = window[-1]
        span = self.view.phrase_before(last + 1, window[0])
        if span and span[0] > window[0] and self.view.low[span[0] - 1] in ("from", "by"):
            return self._mention(span, None, span[0], span[1])
        return None

    def _subject(self, i: int, found: tuple[int, str], floor: int) -> Mention | None:
        """The subject of the reporting verb at token ``i`` ("Blinken also said")."""
        end, form = found
        k = self.view.skip_between_back(i, floor)
        if k - 1 > floor and self.view.low[k - 1] == "and" and self.view.tight(k - 1):
            return self._shared_subject(floor, k - 1, form, end)
        title, skipped = None, False
        relative = self._relative(k, floor)
        if relative:
            k, skipped = k - 1, True  # "Ann Lee, who chairs the panel, said" / "..., who said"
        elif k > floor and not self.view.tight(k - 1):
            if self.view.low[end - 1].endswith("ing"):
                # "..., saying": the subject is that of the main clause
                return self._shared_subject(floor, k - 1, form, end, commas=True)
            aside = aside_before(self.view, k, floor)
            if aside is None:
                return None
            named = self.view.phrase_after(aside, k)
            if named and named[1] == k and self.view.person_name(*named) and aside > floor:
                title = self.view.phrase_before(aside, floor)  # the aside is the speaker's name
                if title and (
                    conjoined(self.view, title[0], floor) or is_object(self.view, title[0], floor)
                ):
                    return None  # "A's lawyer, Ann Lee, and B's lawyer, Tom Vale, said": several
                if title:
                    return replace(self._mention(named, form, title[0], end), title=title)
            k, skipped = aside, True
            while (
                k - 1 > floor
                and self.view.place_tag(k - 1)
                and ","
                in self.view.text[self.view.tokens[k - 2].end : self.view.tokens[k - 1].start]
            ):
                k -= 1  # "Sen. Ann Lee, R-Ohio, who leads the panel, said"
        span = self.view.phrase_before(k, floor)
        if skipped and (
            not span or not self.view.person_name(*span) or is_object(self.view, span[0], floor)
        ):
            common = span is not None and not any(
                self.view.words[t][0].isupper() for t in range(span[0], span[1])
            )
            named = self._name_before_asides(k, floor, bodies=common, relative=relative)
            if named:  # "Ann Lee, president of the Roe Fund, a charity, said"
                title = span if span and not is_object(self.view, span[0], floor) else None
                return replace(self._mention(named, form, named[0], end), title=title)
        if not span or not self.agrees(span, i, end):
            return None
        if is_object(self.view, span[0], floor) or conjoined(self.view, span[0], floor):
            return None
        if self.view.low[span[0]] in _POSSESSIVE_DETERMINERS and form.endswith("s"):
            return None  # "defended his recent claims that ...": a noun
        issuer = self._issuer(span, floor)
        if issuer:
            return self._mention(issuer, form, issuer[0], end)
        return self._mention(span, form, span[0], end)

    def _relative(self, k: int, floor: int) -> bool:
        """Token ``k - 1`` is "who" or "which" after a comma, right before the verb: the
        subject is the phrase before the comma ("the group, which said", "Lee, who wrote")."""
        view = self.view
        return (
            k - 2 > floor
            and view.low[k - 1] in _RELATIVE_SUBJECTS
            and view.text[view.tokens[k - 2].end : view.tokens[k - 1].start].strip() == ","
        )

    def _name_before_asides(
        self, k: int, floor: int, *, bodies: bool = False, relative: bool = False
    ) -> tuple[int, int] | None:
        """A person's name before up to :data:`_ASIDES` phrases set off by commas that end at
        token ``k``: "Ann Lee, president of the Roe Fund, a charity, said", "Mr. Lee, at a
        rally on Saturday, in Salem, Ohio, called ...". A phrase that is a preposition's
        object or ends a list is no subject; quoted words or a reporting verb end the search.
        With ``bodies`` (the aside is a common noun: "the Roe Fund, a charity, which said"), a
        capitalised name of a body counts too. Before a ``relative`` pronoun the name may be a
        preposition's object ("denounced by the Roe Fund, a charity, which said")."""
        view, commas = self.view, 0
        for t in range(k - 1, max(floor, k - 4 * MAX_PHRASE), -1):
            if view.quoted(t) or view.verb_at(t, k) is not None:
                return None
            if "," not in view.text[view.tokens[t - 1].end : view.tokens[t].start]:
                continue
            named = view.phrase_before(t, floor)
            capitalised = named is not None and any(
                view.words[u][0].isupper() and view.solid(u) for u in range(*named)
            )
            if named and named[1] == t and (view.person_name(*named) or (bodies and capitalised)):
                if conjoined(view, named[0], floor):
                    return None
                return None if is_object(view, named[0], floor) and not relative else named
            commas += 1
            if commas == _ASIDES:
                return None
        return None

    def _shared_subject(
        self, floor: int, conj: int, form: str, end: int, *, commas: bool = False
    ) -> Mention | None:
        """The named subject of a sentence whose verbs are joined by "and" ("Ann Lee frowned
        and asked, “...”", no comma before the "and") or that goes on with a participle ("Ann
        Lee met the board, saying “...”", ``commas``): the phrase opening the sentence, or, when
        that names nobody, the phrase after an opening clause ("Last week, Rep. Lee denied it,
        saying ..."), if it names a person and is followed by a lower-case verb."""
        span = named_subject(self.view, floor, conj, commas)
        if span is None and commas:
            after = next(
                (
                    j
                    for j in range(floor + 1, conj)
                    if ","
                    in self.view.text[self.view.tokens[j - 1].end : self.view.tokens[j].start]
                    and not self.view.quoted(j)
                ),
                None,
            )
            span = named_subject(self.view, after, conj, commas) if after is not None else None
        return self._mention(span, form, span[0], end) if span else None

    def _issuer(self, span: tuple[int, int], floor: int) -> tuple[int, int] | None:
        """Who put out the document a phrase names: "Lee issued a statement saying" -> Lee."""
        v = span[0] - 1
        if v <= floor or self.view.low[v] not in _ISSUE or not self.view.tight(v):
            return None
        if self.view.groups.classify(self.view.phrase_text(*span))[1] != "document":
            return None
        k = self.view.skip_between_back(v, floor)
        if k <= floor or not self.view.tight(k - 1):
            return None
        issuer = self.view.phrase_before(k, floor)
        return issuer if issuer and issuer[1] == k else None

    def agrees(self, span: tuple[int, int], verb: int, end: int) -> bool:
        """A verb in its base form ("say", "report") needs a plural subject ("critics say").

        This keeps noun uses out: "a New York Times report", "the claim".
        """
        form = tuple(self.view.low[verb:end])
        if form != tuple(self.view.verbs[form].verb.split()):
            return True
        head = self.view.low[span[1] - 1]
        return head in PLURAL_PRONOUNS or bare(self.view.words[span[1] - 1]).endswith("s")

    def after(self, q: Span, hi: int, *, sentence_final: bool) -> Mention | None:
        """A reporting clause right after quotation ``q`` (tokens before index ``hi``)."""
        j = tokens_in(self.view.seg, q.end, len(self.view.text)).start
        if (
            j >= hi
            or _AFTER_GAP_RE.fullmatch(self.view.text, q.end, self.view.tokens[j].start) is None
        ):
            return None
        if self.view.low[j] == "according" and j + 1 < hi and self.view.low[j + 1] == "to":
            span = self.view.phrase_after(j + 2, hi)
            return self._mention(span, "according to", j, span[1]) if span else None
        found = self.view.verb_at(j, hi)
        if found and found[1].endswith("ing"):
            return None  # "“...,” saying he was ...": the subject is the main clause's
        if found:  # "said Blinken"
            span = self.view.phrase_after(found[0], hi)
            if span and self._short(span[1], hi, sentence_final):
                named = self._named_apposition(span, hi)
                if named:  # "said the legislator, Rep. Ann Lee."
                    return replace(self._mention(named, found[1], j, named[1]), title=span)
                return self._mention(span, found[1], j, span[1])
            return None
        for v in range(j + 1, min(hi, j + MAX_PHRASE + 2)):
            found = self.view.verb_at(v, hi)
            if found:
                k = self.view.skip_between_back(v, j)
                span = self.view.phrase_before(k, j)
                if span and span[0] == j and self.agrees(span, v, found[0]):
                    # (in "the report said", "report" is tried first and is no verb there)
                    if self._short(found[0], hi, sentence_final, v):
                        return self._mention(span, found[1], j, found[0])
                    return None
        span = self.view.phrase_after(j, hi)  # "Mr. Weiner, a Democrat, said"
        v = aside_after(self.view, span[1], hi) if span else None
        if v is not None and v < hi and self.view.verb_at(v, hi) is None:
            v = aside_after(self.view, v, hi)  # "Ann Lee, director of the Roe Group, a union, said"
        if span and v is not None:
            v = self.view.skip_between_forward(v, hi)
            found = self.view.verb_at(v, hi) if v < hi else None
            if (
                found
                and self.agrees(span, v, found[0])
                and self._short(found[0], hi, sentence_final, v)
            ):
                return self._mention(span, found[1], j, found[0])
        return None

    def _named_apposition(self, span: tuple[int, int], hi: int) -> tuple[int, int] | None:
        """The name set off by a comma after a description that ends the clause: in "said the
        legislator, Rep. Ann Lee." the speaker is Ann Lee, and "the legislator" her title."""
        view, k = self.view, span[1]
        if view.person_name(*span) or k >= hi or view.low[span[0]] not in ("the", "a", "an"):
            return None
        if view.text[view.tokens[k - 1].end : view.tokens[k].start].strip() != ",":
            return None
        named = view.phrase_after(k, hi)
        if not named or not view.person_name(*named) or view.low[k] in DETERMINERS:
            return None
        end = view.tokens[named[1] - 1].end
        nxt = view.tokens[named[1]].start if named[1] < len(view.tokens) else len(view.text)
        closes = named[1] >= hi or view.text[end:nxt].strip()[:1] in (".", ",", ";")
        return named if closes else None

    def _short(self, k: int, hi: int, sentence_final: bool, verb: int | None = None) -> bool:
        """Whether the reporting clause ending at token ``k`` can attribute the quotation.

        After a full-sentence quotation, the clause must be attribution only: it ends soon, or
        goes on with a comma or a preposition ("said in a statement", "said, adding ..."), or,
        for "told" and the like, with its object ("told the Ohio Christian Alliance."); and it
        does not end with a colon (which introduces the next quotation).
        """
        if not sentence_final:
            return True
        tail_end = self.view.tokens[hi - 1].end if hi > k else self.view.tokens[k - 1].end
        if self.view.text[tail_end : tail_end + 3].lstrip(" \u00a0").startswith(":"):
            return False
        if hi - k <= _SHORT_CLAUSE:
            return True
        if verb is not None and self.view.verbs[tuple(self.view.low[verb:k])].verb in _TAKES_OBJECT:
            obj = self.view.phrase_after(k, hi)
            k = obj[1] if obj else k
        gap = (
            self.view.text[self.view.tokens[k - 1].end : self.view.tokens[k].start]
            if k < hi
            else ""
        )
        return k >= hi or "," in gap or self.view.low[k] in _CLAUSE_PREPOSITIONS

    def _mention(self, span: tuple[int, int], verb: str | None, a: int, b: int) -> Mention:
        lo, hi = min(a, span[0]), max(b, span[1])
        return Mention(
            span[0], span[1], verb, self.view.tokens[lo].start, self.view.tokens[hi - 1].end
        )
