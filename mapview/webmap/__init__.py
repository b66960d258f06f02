"""The offline web map: a Streamlit component (``frontend/``: Leaflet, served by the app itself) and its data.

Nothing here imports Streamlit: :mod:`mapview.webmap.view` makes the values the
page sends to the map; ``frontend/`` draws them in the browser.
"""
