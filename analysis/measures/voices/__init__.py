"""Voices: who is quoted, how each quotation is attributed, and how much of an article they get.

The parts, each with one job:

- :mod:`~analysis.measures.voices.quotes`: the quotations of an article and the result record
  (:func:`find_voices`);
- :mod:`~analysis.measures.voices.attribution`: the reporting clause around a quotation;
- :mod:`~analysis.measures.voices.clauses`: asides, prepositional objects, lists and sentence
  subjects around a speaker phrase;
- :mod:`~analysis.measures.voices.speakers`: which person or body a speaker phrase names, merged
  across mentions and pronouns;
- :mod:`~analysis.measures.voices.names`: where the text names a person (full names, titles,
  appositions, party tags);
- :mod:`~analysis.measures.voices.phrases`: the token view and the speaker phrases it forms;
- :mod:`~analysis.measures.voices.groups`: speaker groups from ``lexicons/speaker_groups.csv``;
- :mod:`~analysis.measures.voices.verbs`: reporting verbs from ``lexicons/reporting_verbs.csv``.

References:
    Bergler, S. (1992). The evidential analysis of reported speech. PhD thesis, Brandeis
    University (reported speech in news: source, reporting verb, complement).
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC 2016.
"""

from analysis.measures.voices.groups import SpeakerGroups, load_speaker_groups
from analysis.measures.voices.quotes import find_voices
from analysis.measures.voices.verbs import reporting_verbs

__all__ = ["SpeakerGroups", "find_voices", "load_speaker_groups", "reporting_verbs"]
