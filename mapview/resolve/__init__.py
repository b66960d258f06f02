"""Choosing each mention's place: the gazetteer's candidates, weighed by the document.

The house, from the outside in:

- :mod:`~mapview.resolve.resolver`: :class:`Resolver`, the facade: candidates per
  name, the rounds of scoring, one sense per name per document, confidence;
- :mod:`~mapview.resolve.context`: what the document's other mentions currently
  say (countries, provinces, nearby towns, containers);
- :mod:`~mapview.resolve.cues`: what the words around a mention say (kind words,
  offices, lists, containers, capital appositions);
- :mod:`~mapview.resolve.areas`: which areas hold which places (hierarchy, else
  shapes), and settlements versus the areas named after them.
"""

from mapview.resolve.resolver import Resolver

__all__ = ["Resolver"]
