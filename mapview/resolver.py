"""The resolver's former home, kept so ``from mapview.resolver import Resolver`` still works.

The resolver lives in :mod:`mapview.resolve`; import it from there.
"""

from mapview.resolve import Resolver

__all__ = ["Resolver"]
