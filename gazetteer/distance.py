"""Great-circle distance, the one the evaluation scorer uses."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.009  # geopy's great_circle radius, as in ../shared/eval/score.py


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two (lat, lon) points on a sphere.

    >>> round(great_circle_km(34.53, 69.17, 33.72, 73.04))
    367
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
