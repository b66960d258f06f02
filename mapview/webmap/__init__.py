"""The offline web map: folium maps whose assets are served by the app itself.

Nothing here imports Streamlit. Submodules load lazily, so importing
:mod:`mapview.webmap` costs nothing until a map is built.
"""
