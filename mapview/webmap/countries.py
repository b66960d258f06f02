"""Country names for display, from ISO 3166 codes."""

from __future__ import annotations

import functools


@functools.cache
def country_name(code: str | None) -> str | None:
    """The ISO 3166 short name of an alpha-2 code (None when unknown).

    >>> country_name("AF"), country_name("XX")
    ('Afghanistan', None)
    """
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return None if country is None else getattr(country, "common_name", None) or country.name
