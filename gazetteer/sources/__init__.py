"""Readers of the registry data packages the index is compiled from.

Each reader yields :class:`~gazetteer.sources.entry.Entry` records; none of
them knows how the index stores them.
"""
