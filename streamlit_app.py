"""The mapview dashboard (placeholder until the map page lands)."""

import streamlit as st

st.set_page_config(page_title="mapview", layout="wide")
st.title("mapview")
st.write("Reported locations on an offline map.")
