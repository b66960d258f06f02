/* mapview's map: one marker per place for the current selection, popups with the evidence,
 * and an offline basemap (countries, provinces from zoom 5, labels) loaded from local files.
 *
 * Document text is untrusted: it reaches the page only through textContent, text nodes and
 * URL-checked href attributes. Nothing from the data is ever parsed as HTML.
 */
(function () {
  "use strict";
  if (window.mapview) { return; }

  var AREA_KINDS = { country: 1, admin1: 1, admin2: 1, region: 1, continent: 1 };
  var KIND_LABELS = {
    country: "country", admin1: "province / state", admin2: "district",
    city: "city", region: "region", continent: "continent"
  };
  /* Marker colour by the number of documents naming the place (the legend says so). */
  var DOC_STEPS = [
    { min: 1, color: "#74a9cf", label: "1 document" },
    { min: 2, color: "#2b8cbe", label: "2–4 documents" },
    { min: 5, color: "#045a8d", label: "5–19 documents" },
    { min: 20, color: "#023858", label: "20 or more" }
  ];
  var MAX_MENTIONS = 25;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function isArea(kind) { return Object.prototype.hasOwnProperty.call(AREA_KINDS, kind); }

  function docColor(documents) {
    var color = DOC_STEPS[0].color;
    DOC_STEPS.forEach(function (step) { if (documents >= step.min) { color = step.color; } });
    return color;
  }

  /* An http(s) URL, or null: javascript:, data: and the like never become links. */
  function safeHref(url) {
    if (typeof url !== "string" || !url) { return null; }
    var parsed;
    try { parsed = new URL(url); } catch (e) { return null; }
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  }

  function num(v) { return typeof v === "number" && isFinite(v); }

  /* The sentence with the words as written highlighted (offsets first, else a search). */
  function sentenceNode(m) {
    var s = typeof m.sentence === "string" ? m.sentence : "";
    var quote = el("blockquote", "mv-sentence");
    var a = -1, b = -1;
    if (num(m.start) && num(m.end) && num(m.sentence_start)) {
      a = m.start - m.sentence_start;
      b = m.end - m.sentence_start;
    }
    if (!(a >= 0 && b <= s.length && a < b) && m.name) {
      a = s.indexOf(m.name);
      b = a + String(m.name).length;
    }
    if (a >= 0 && b > a) {
      quote.appendChild(document.createTextNode(s.slice(0, a)));
      quote.appendChild(el("mark", null, s.slice(a, b)));
      quote.appendChild(document.createTextNode(s.slice(b)));
    } else {
      quote.textContent = s;
    }
    return quote;
  }

  function sourceNode(m) {
    var line = el("div", "mv-source");
    var title = m.title || m.doc_id || "untitled document";
    var href = safeHref(m.url);
    if (href) {
      var link = el("a", null, title);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.appendChild(link);
    } else {
      line.appendChild(el("span", null, title));
    }
    var extra = [m.source, m.date].filter(function (v) { return v; }).join(", ");
    if (extra) { line.appendChild(document.createTextNode(" \u2014 " + extra)); }
    return line;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* The popup of one place: what it is, how often the selection names it, and the sentences.
     `onCorrect(mentionKey)` is called when the user asks to correct one of them. */
  function popupContent(place, evidence, onCorrect) {
    var root = el("div", "mv-popup");
    var head = el("div", "mv-head");
    head.appendChild(el("strong", "mv-name", place.name));
    head.appendChild(el("span", "mv-kind " + (isArea(place.kind) ? "mv-kind-area" : "mv-kind-city"),
      KIND_LABELS[place.kind] || place.kind || "place"));
    root.appendChild(head);
    var facts = [];
    if (place.country) { facts.push(place.country); }
    if (place.kind === "city" && num(place.lat) && num(place.lon)) {
      facts.push(place.lat.toFixed(2) + ", " + place.lon.toFixed(2));
    } else if (place.extent) {
      facts.push(place.extent);
    }
    if (facts.length) { root.appendChild(el("div", "mv-meta", facts.join(" \u00b7 "))); }
    root.appendChild(el("div", "mv-counts",
      plural(place.mentions, "mention") + " in " + plural(place.documents, "document")));
    if (!evidence) {
      root.appendChild(el("div", "mv-loading", "Loading the sentences\u2026"));
      return root;
    }
    var mentions = Array.isArray(evidence.mentions) ? evidence.mentions : [];
    mentions.slice(0, MAX_MENTIONS).forEach(function (m) {
      m = m || {};
      var item = el("div", "mv-mention");
      item.appendChild(sentenceNode(m));
      var source = sourceNode(m);
      if (m.resolved_by === "user") { source.appendChild(el("span", "mv-user", " \u00b7 corrected")); }
      if (onCorrect && num(m.key)) {
        var fix = el("button", "mv-correct", "Correct\u2026");
        fix.type = "button";
        fix.title = "Choose another place, or say this is not a place";
        fix.addEventListener("click", function () { onCorrect(m.key); });
        source.appendChild(fix);
      }
      item.appendChild(source);
      root.appendChild(item);
    });
    var total = num(evidence.total) ? evidence.total : mentions.length;
    var shown = Math.min(mentions.length, MAX_MENTIONS);
    if (total > shown) {
      root.appendChild(el("div", "mv-more", "\u2026 and " + (total - shown) + " more: see the table below the map"));
    }
    return root;
  }

  function markerIcon(place, open) {
    var area = isArea(place.kind);
    var size = Math.max(16, Math.min(30, 14 + 3 * Math.log2(Math.max(1, place.mentions))));
    var cls = "mv-marker " + (area ? "mv-area" : "mv-city") + (open ? " mv-open" : "");
    var badge = place.documents > 1 ? String(place.documents) : "";
    return L.divIcon({
      className: cls,
      html: '<span style="background:' + docColor(place.documents) + '">' + badge.replace(/[^0-9]/g, "") +
        "</span>",
      iconSize: [size, size]
    });
  }

  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    var size = n < 10 ? 30 : n < 100 ? 36 : 42;
    return L.divIcon({
      className: "mv-cluster",
      html: "<span>" + Number(n) + "</span>",
      iconSize: [size, size]
    });
  }

  function rowsToPlaces(table) {
    var columns = (table && table.columns) || [];
    return ((table && table.rows) || []).map(function (row) {
      var place = {};
      columns.forEach(function (name, i) { place[name] = row[i]; });
      return place;
    });
  }

  function sameCounts(a, b) { return a.mentions === b.mentions && a.documents === b.documents; }

  function legend() {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("div", "mv-legend");
      box.appendChild(el("div", null, "Named in"));
      DOC_STEPS.forEach(function (step) {
        var row = el("div");
        var swatch = el("i");
        swatch.style.background = step.color;
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(step.label));
        box.appendChild(row);
      });
      box.appendChild(el("div", null, "\u25cf city \u25a0 area; size: mentions"));
      return box;
    };
    return control;
  }

  /* The offline basemap: countries always, province lines from zoom 5, labels by zoom. */
  function basemap(map, urls) {
    var layers = { countries: null, admin1: null, labels: L.layerGroup() };
    var labelData = [];
    var wanted = true;
    function load(url, callback) {
      if (!url) { return; }
      fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.json();
      }).then(callback).catch(function (e) { if (window.console) { console.warn("mapview basemap:", e); } });
    }
    load(urls.countries, function (data) {
      layers.countries = L.geoJSON(data, {
        interactive: false, pane: "tilePane",
        style: { color: "#8a9aa8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
      });
      if (wanted) { layers.countries.addTo(map); }
    });
    var admin1Requested = false;
    function maybeAdmin1() {
      if (!wanted || map.getZoom() < 5 || admin1Requested || !urls.admin1) {
        if (layers.admin1) {
          if (wanted && map.getZoom() >= 5) { map.addLayer(layers.admin1); } else { map.removeLayer(layers.admin1); }
        }
        return;
      }
      admin1Requested = true;
      load(urls.admin1, function (data) {
        layers.admin1 = L.geoJSON(data, {
          interactive: false, pane: "tilePane",
          style: { color: "#a59c8c", weight: 0.6, dashArray: "3 2", fill: false }
        });
        maybeAdmin1();
      });
    }
    load(urls.labels, function (data) {
      labelData = (data.features || []).filter(function (f) {
        return f.geometry && f.geometry.type === "Point" && f.properties && f.properties.name;
      });
      drawLabels();
    });
    function drawLabels() {
      layers.labels.clearLayers();
      if (!wanted) { return; }
      var zoom = map.getZoom(), view = map.getBounds().pad(0.1), drawn = 0;
      labelData.forEach(function (f) {
        var p = f.properties, kind = p.kind === "admin1" ? "admin1" : "country";
        var rank = num(p.rank) ? p.rank : 5;
        var visible = kind === "country" ? zoom >= 2 + Math.min(4, Math.floor(rank / 2)) : zoom >= 6;
        var c = f.geometry.coordinates, at = L.latLng(c[1], c[0]);
        if (!visible || !view.contains(at) || drawn > 400) { return; }
        drawn += 1;
        var icon = L.divIcon({ className: "mv-label mv-label-" + kind, html: "", iconSize: [0, 0] });
        var marker = L.marker(at, { icon: icon, interactive: false, keyboard: false, pane: "shadowPane" });
        marker.on("add", function () {
          var node = marker.getElement();
          if (node) { node.textContent = ""; node.appendChild(el("span", null, p.name)); }
        });
        layers.labels.addLayer(marker);
      });
    }
    layers.labels.addTo(map);
    map.on("zoomend", maybeAdmin1);
    map.on("moveend", drawLabels);
    return {
      show: function (on) {
        wanted = on;
        if (layers.countries) { if (on) { layers.countries.addTo(map); } else { map.removeLayer(layers.countries); } }
        maybeAdmin1();
        drawLabels();
      }
    };
  }

  /* Leaflet focuses the map on a mouse press; inside a frame that the page has scrolled half out of
     view, that focus scrolls the page, the marker leaves the pointer and the click is lost. Focus
     without scrolling (keyboard panning still works once the map has focus). */
  function focusWithoutScrolling() {
    var keyboard = L.Map.Keyboard && L.Map.Keyboard.prototype;
    if (!keyboard || keyboard.__mapviewPatched) { return; }
    keyboard._onMouseDown = function () {
      if (this._focused) { return; }
      this._map._container.focus({ preventScroll: true });
    };
    keyboard.__mapviewPatched = true;
  }

  /* A map in `element`. options: {basemap: {countries, admin1, labels} URLs}.
     Returns a controller; `onSelect(fn)` is told the place a user opens (null when closed). */
  function createMap(element, options) {
    options = options || {};
    focusWithoutScrolling();
    var map = L.map(element, { minZoom: 1, maxZoom: 14, worldCopyJump: true, zoomControl: true });
    map.setView([30, 50], 3);
    L.control.scale().addTo(map);
    legend().addTo(map);
    var base = basemap(map, options.basemap || {});
    var tiles = null;
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon
    });
    cluster.addTo(map);
    var markers = {}, places = {}, evidence = {};
    var openId = null, quiet = false, fitted = false;
    var selectHandler = function () {};
    var correctHandler = null;

    function refreshPopup(id) {
      var marker = markers[id];
      if (marker && marker.getPopup()) {
        marker.getPopup().setContent(popupContent(places[id], evidence[id], correctHandler));
      }
    }

    function makeMarker(place) {
      var marker = L.marker([place.lat, place.lon], {
        icon: markerIcon(place, false), title: place.name ? String(place.name) : "", riseOnHover: true,
        autoPanOnFocus: false  // a pan between press and release would swallow the click
      });
      marker.placeId = place.id;
      marker.bindPopup(function () { return popupContent(places[place.id], evidence[place.id], correctHandler); },
        { maxWidth: 440, minWidth: 260, autoPanPadding: [20, 20] });
      marker.on("popupopen", function () {
        openId = place.id;
        marker.setIcon(markerIcon(places[place.id], true));
        if (!quiet) { selectHandler(place.id); }
      });
      marker.on("popupclose", function () {
        if (openId === place.id) { openId = null; }
        // A marker being taken off the map closes its popup: redrawing its icon then would leave a stray one.
        if (markers[place.id] === marker && places[place.id]) {
          marker.setIcon(markerIcon(places[place.id], false));
        }
        if (!quiet) { selectHandler(null); }
      });
      return marker;
    }

    /* Show exactly these places; markers of places still shown stay (and keep an open popup). */
    function setPlaces(table) {
      var next = {};
      rowsToPlaces(table).forEach(function (p) {
        if (p.id && num(p.lat) && num(p.lon)) { next[p.id] = p; }
      });
      var gone = [], added = [];
      Object.keys(markers).forEach(function (id) {
        if (!next[id]) { gone.push(markers[id]); delete markers[id]; }
      });
      quiet = true;
      try {
        if (gone.length) { cluster.removeLayers(gone); }
        Object.keys(next).forEach(function (id) {
          var old = places[id];
          if (!markers[id]) {
            markers[id] = makeMarker(next[id]);
            added.push(markers[id]);
          } else if (old && !sameCounts(old, next[id])) {
            markers[id].setIcon(markerIcon(next[id], id === openId));
          }
        });
        places = next;
        if (added.length) { cluster.addLayers(added); }
        if (openId && places[openId]) { refreshPopup(openId); }
      } finally {
        quiet = false;
      }
      if (!fitted && Object.keys(places).length) {
        fitted = true;
        fitTo(Object.keys(places));
      }
      element.setAttribute("data-places", String(Object.keys(places).length));
    }

    function fitTo(ids) {
      var points = ids.filter(function (id) { return places[id]; }).map(function (id) {
        return [places[id].lat, places[id].lon];
      });
      if (points.length) { map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 7 }); }
    }

    /* Open a place's popup (zooming in far enough to show its marker), without telling the page. */
    function focus(id) {
      var marker = markers[id];
      if (!marker) { return false; }
      cluster.zoomToShowLayer(marker, function () {
        quiet = true;
        try { marker.openPopup(); } finally { quiet = false; }
      });
      return true;
    }

    /* Zoom in until a place's marker is out of its cluster (for people and for tests). */
    function reveal(id, done) {
      var marker = markers[id];
      if (!marker) { return false; }
      cluster.zoomToShowLayer(marker, function () { if (done) { done(marker); } });
      return true;
    }

    function showEvidence(id, payload) {
      if (!id) { return; }
      evidence = {};
      evidence[id] = payload;
      if (openId === id) { refreshPopup(id); }
    }

    function setTiles(spec) {
      var key = spec ? spec.url : null;
      if (tiles && tiles.key === key) { return; }
      if (tiles) { map.removeLayer(tiles.layer); tiles = null; }
      if (spec && spec.url) {
        tiles = { key: key, layer: L.tileLayer(spec.url, { attribution: spec.attribution || "", maxZoom: 18 }) };
        tiles.layer.addTo(map);
        map.setMaxZoom(18);
      } else {
        map.setMaxZoom(14);
      }
      base.show(!tiles);
    }

    return {
      map: map,
      setPlaces: setPlaces,
      showEvidence: showEvidence,
      focus: focus,
      reveal: reveal,
      fitTo: fitTo,
      placeIds: function () { return Object.keys(places); },
      placeName: function (id) { return places[id] ? places[id].name : null; },
      markerOf: function (id) { return markers[id] || null; },
      setTiles: setTiles,
      openPlace: function () { return openId; },
      onSelect: function (fn) { selectHandler = fn; },
      onCorrect: function (fn) { correctHandler = fn; }
    };
  }

  window.mapview = { createMap: createMap, popupContent: popupContent, safeHref: safeHref };
})();
