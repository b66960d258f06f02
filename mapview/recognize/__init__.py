"""Finding place mentions: spaCy NER, the gazetteer's names, and context rules.

The house, from the outside in:

- :mod:`~mapview.recognize.recognizer`: :class:`Recognizer`, the facade: streams
  documents through spaCy in pieces and the rules, and returns mentions;
- :mod:`~mapview.recognize.model`: the spaCy pipeline, found and loaded lazily;
- :mod:`~mapview.recognize.pieces`: the pieces of a document spaCy sees;
- :mod:`~mapview.recognize.steps`: the rules over a piece, as a named, ordered list
  of steps on :class:`~mapview.recognize.candidates.Candidate` records;
- :mod:`~mapview.recognize.document`: rules over a whole document (one sense per name);
- :mod:`~mapview.recognize.ruler`, :mod:`~mapview.recognize.known`: the gazetteer's
  names as patterns, and the "is this a known place?" check;
- :mod:`~mapview.recognize.names`, :mod:`~mapview.recognize.context`,
  :mod:`~mapview.recognize.rescue`, :mod:`~mapview.recognize.hashtags`: token-level helpers;
- :mod:`~mapview.recognize.lexicon`: every word list they read.
"""

from mapview.recognize.recognizer import Recognizer

__all__ = ["Recognizer"]
