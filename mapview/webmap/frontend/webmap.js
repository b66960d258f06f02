/* mapview's map: the places of the current selection on an offline basemap.
 *
 * Countries and provinces are drawn as their shapes, filled by how often the selection names
 * them; regions and continents as their member countries, lightly; cities and places without a
 * shape as one marker each, coloured by how many documents name them. Popups show the evidence.
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
  /* Marker colour by the number of documents naming the place. */
  var DOC_STEPS = [
    { min: 1, color: "#74a9cf", label: "1 document" },
    { min: 2, color: "#2b8cbe", label: "2–4" },
    { min: 5, color: "#045a8d", label: "5–19" },
    { min: 20, color: "#023858", label: "20+" }
  ];
  /* Area fill by the number of mentions. */
  var MENTION_STEPS = [
    { min: 1, color: "#fdd0a2", label: "1 mention" },
    { min: 2, color: "#fdae6b", label: "2–4" },
    { min: 5, color: "#fd8d3c", label: "5–19" },
    { min: 20, color: "#e6550d", label: "20–99" },
    { min: 100, color: "#a63603", label: "100+" }
  ];
  var MAX_MENTIONS = 25;
  var SHAPES_SETTLE_MS = 120;  // basemap files arriving closer together than this are drawn in one pass
  var PANES = { regions: 405, countries: 410, provinces: 415, boundaries: 420, labels: 450 };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isArea(kind) { return has(AREA_KINDS, kind); }
  function num(v) { return typeof v === "number" && isFinite(v); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function stepColor(steps, value) {
    var color = steps[0].color;
    steps.forEach(function (step) { if (value >= step.min) { color = step.color; } });
    return color;
  }

  /* An http(s) URL, or null: javascript:, data: and the like never become links. */
  function safeHref(url) {
    if (typeof url !== "string" || !url) { return null; }
    var parsed;
    try { parsed = new URL(url); } catch (e) { return null; }
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  }

  /* "29.4°N–38.5°N, 60.5°E–75.0°E": where an area lies, without false precision. */
  function extentText(bounds) {
    function lat(v) { return Math.abs(v).toFixed(1) + "\u00b0" + (v < 0 ? "S" : "N"); }
    function lon(v) { return Math.abs(v).toFixed(1) + "\u00b0" + (v < 0 ? "W" : "E"); }
    return lat(bounds.getSouth()) + "\u2013" + lat(bounds.getNorth()) + ", " +
      lon(bounds.getWest()) + "\u2013" + lon(bounds.getEast());
  }

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

  /* The popup of one place: what and where it is, how often the selection names it, the sentences.
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
    if (place.extent) {
      facts.push(place.extent);
    } else if (!isArea(place.kind) && num(place.lat) && num(place.lon)) {
      facts.push(place.lat.toFixed(2) + ", " + place.lon.toFixed(2));
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
    var badge = place.documents > 1 ? String(place.documents).replace(/[^0-9]/g, "") : "";
    return L.divIcon({
      className: cls,
      html: '<span elementtiming="place" style="background:' + stepColor(DOC_STEPS, place.documents) + '">' + badge +
        "</span>",
      iconSize: [size, size]
    });
  }

  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    var size = n < 10 ? 30 : n < 100 ? 36 : 42;
    return L.divIcon({ className: "mv-cluster", html: '<span elementtiming="place">' + Number(n) + "</span>",
                       iconSize: [size, size] });
  }

  function rowsToPlaces(table) {
    var columns = (table && table.columns) || [];
    return ((table && table.rows) || []).map(function (row) {
      var place = {};
      columns.forEach(function (name, i) { place[name] = row[i]; });
      place.members = typeof place.members === "string" && place.members ? place.members.split(",") : [];
      return place;
    });
  }

  function sameCounts(a, b) { return a.mentions === b.mentions && a.documents === b.documents; }

  function legend() {
    var control = L.control({ position: "bottomright" });
    function row(box, title, steps, round) {
      var line = el("div", "mv-legend-row");
      line.appendChild(el("span", "mv-legend-title", title));
      steps.forEach(function (step) {
        var swatch = el("i");
        swatch.style.background = step.color;
        swatch.style.borderRadius = round ? "50%" : "2px";
        line.appendChild(swatch);
        line.appendChild(el("span", "mv-legend-step", step.label.replace(/ (documents?|mentions?)$/, "")));
      });
      box.appendChild(line);
    }
    control.onAdd = function () {
      var box = el("div", "mv-legend");
      row(box, "Places · documents", DOC_STEPS, true);
      row(box, "Areas · mentions", MENTION_STEPS, false);
      return box;
    };
    return control;
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

  /* The offline basemap: country outlines, province lines from zoom 5, labels by zoom and size.
     A country's provinces are fetched only when needed: to fill one of them, or to draw the lines
     of a country in view from zoom 5. `onReady` is called whenever new shapes have arrived. */
  function basemap(map, urls, onReady) {
    var data = { countries: {}, countryBounds: {}, provinces: {}, labels: [], labelAt: {} };
    var layers = { countries: null, boundaries: L.layerGroup(), labels: L.layerGroup([], { pane: "mv-labels" }) };
    var provinceFiles = {};
    var wanted = true;
    var lineStyle = { color: "#a59c8c", weight: 0.6, dashArray: "3 2", fill: false };

    function load(url, callback) {
      if (!url) { return; }
      fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.json();
      }).then(function (collection) {
        callback(collection);
        onReady();
      }).catch(function (e) {
        if (window.console) { console.warn("mapview basemap:", e); }
      });
    }

    function loadProvinces(code) {
      if (!code || !urls.provinces || provinceFiles[code] || !/^[A-Z]{2}$/.test(code)) { return; }
      provinceFiles[code] = true;
      load(urls.provinces + code + ".geojson", function (collection) {
        (collection.features || []).forEach(function (f) {
          var id = f.properties && f.properties.id;
          if (id) { (data.provinces[id] = data.provinces[id] || []).push(f); }
        });
        layers.boundaries.addLayer(L.geoJSON(collection, { interactive: false, pane: "mv-boundaries",
                                                           style: lineStyle }));
      });
    }

    load(urls.countries, function (collection) {
      (collection.features || []).forEach(function (f) {
        var code = f.properties && f.properties.iso_a2;
        if (!code) { return; }
        (data.countries[code] = data.countries[code] || []).push(f);
        var bounds = L.geoJSON(f).getBounds();
        data.countryBounds[code] = data.countryBounds[code] ? data.countryBounds[code].extend(bounds) : bounds;
      });
      layers.countries = L.geoJSON(collection, {
        interactive: false, pane: "tilePane",
        style: { color: "#8a9aa8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
      });
      if (wanted) { layers.countries.addTo(map); }
      boundaries();
    });
    load(urls.labels, function (collection) {
      data.labels = (collection.features || []).filter(function (f) {
        return f.geometry && f.geometry.type === "Point" && f.properties && f.properties.name;
      });
      data.labels.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var key = p.kind === "country" ? "cc:" + p.iso_a2 : p.id;
        if (key) { data.labelAt[key] = L.latLng(c[1], c[0]); }
      });
      labels();
    });

    /* Province lines of the countries in view, from zoom 5. */
    function boundaries() {
      var show = wanted && map.getZoom() >= 5;
      if (show) {
        var view = map.getBounds();
        Object.keys(data.countryBounds).forEach(function (code) {
          if (data.countryBounds[code].intersects(view)) { loadProvinces(code); }
        });
        map.addLayer(layers.boundaries);
      } else {
        map.removeLayer(layers.boundaries);
      }
    }

    function visible(p, zoom) {
      if (p.kind !== "admin1") {
        var rank = num(p.rank) ? p.rank : 999;
        return zoom >= 5 || rank <= (zoom <= 2 ? 40 : zoom === 3 ? 100 : 180);
      }
      return zoom >= 6 || (zoom === 5 && num(p.rank) && p.rank <= 900);
    }

    function labels() {
      layers.labels.clearLayers();
      if (!wanted) { return; }
      var zoom = map.getZoom(), view = map.getBounds().pad(0.05), taken = [];
      // Labels come most important first; one that would overlap a label already placed is left out.
      data.labels.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates, at = L.latLng(c[1], c[0]);
        if (taken.length >= 400 || !visible(p, zoom) || !view.contains(at)) { return; }
        var kind = p.kind === "admin1" ? "admin1" : "country";
        var centre = map.latLngToContainerPoint(at);
        var half = { x: String(p.name).length * (kind === "country" ? 4.2 : 3.2) + 4, y: 8 };
        var box = [centre.x - half.x, centre.y - half.y, centre.x + half.x, centre.y + half.y];
        if (taken.some(function (t) { return box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]; })) {
          return;
        }
        taken.push(box);
        var icon = L.divIcon({ className: "mv-label mv-label-" + kind, html: "", iconSize: [0, 0] });
        var marker = L.marker(at, { icon: icon, interactive: false, keyboard: false, pane: "mv-labels" });
        marker.on("add", function () {
          var node = marker.getElement();
          if (node) { node.textContent = ""; node.appendChild(el("span", null, p.name)); }
        });
        layers.labels.addLayer(marker);
      });
    }

    layers.labels.addTo(map);
    map.on("moveend", function () { boundaries(); labels(); });
    return {
      /* The shapes to fill for a place, or null (then it is a marker); may start fetching them. */
      shapes: function (place) {
        if (place.kind === "country") { return data.countries[place.cc] || null; }
        if (place.kind === "admin1") {
          if (!data.provinces[place.id]) { loadProvinces(place.cc); }
          return data.provinces[place.id] || null;
        }
        if (place.kind === "region" || place.kind === "continent") {
          var parts = [];
          place.members.forEach(function (code) { parts = parts.concat(data.countries[code] || []); });
          return parts.length ? parts : null;
        }
        return null;
      },
      labelPoint: function (place) {
        return data.labelAt[place.kind === "country" ? "cc:" + place.cc : place.id] || null;
      },
      show: function (on) {
        wanted = on;
        if (layers.countries) { if (on) { layers.countries.addTo(map); } else { map.removeLayer(layers.countries); } }
        boundaries();
        labels();
      }
    };
  }

  /* A map in `element`. options: {basemap: {countries, admin1, labels} URLs}.
     Returns a controller; `onSelect(fn)` is told the place a user opens (null when closed). */
  function createMap(element, options) {
    options = options || {};
    focusWithoutScrolling();
    var map = L.map(element, { minZoom: 2, maxZoom: 14, worldCopyJump: true, zoomControl: true });
    Object.keys(PANES).forEach(function (name) {
      map.createPane("mv-" + name).style.zIndex = String(PANES[name]);
    });
    map.getPane("mv-labels").style.pointerEvents = "none";
    map.setView([30, 50], 3);
    L.control.scale().addTo(map);
    legend().addTo(map);
    // Shapes arrive file by file (a country's provinces each): one redraw once they stop coming, not one per
    // file, since each redraw rebuilds every filled area.
    var redrawTimer = null;
    var base = basemap(map, options.basemap || {}, function () {
      clearTimeout(redrawTimer);
      redrawTimer = setTimeout(render, SHAPES_SETTLE_MS);
    });
    var tiles = null;
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon
    });
    cluster.addTo(map);
    var areaLayers = {
      regions: L.layerGroup().addTo(map), countries: L.layerGroup().addTo(map),
      provinces: L.layerGroup().addTo(map)
    };
    var renderers = {};
    Object.keys(areaLayers).forEach(function (name) { renderers[name] = L.canvas({ pane: "mv-" + name }); });
    var areaPopup = L.popup({ maxWidth: 440, minWidth: 260, autoPanPadding: [20, 20] });
    var markers = {}, areas = {}, places = {}, evidence = {};
    var openId = null, quiet = false, fitted = false;
    var selectHandler = function () {};
    var correctHandler = null;

    function content(id) { return popupContent(places[id], evidence[id], correctHandler); }

    function refreshPopup(id) {
      if (markers[id] && markers[id].getPopup()) { markers[id].getPopup().setContent(content(id)); }
      if (areas[id] && areaPopup.isOpen() && openId === id) { areaPopup.setContent(content(id)); }
    }

    function makeMarker(place) {
      var marker = L.marker([place.lat, place.lon], {
        icon: markerIcon(place, false), title: place.name ? String(place.name) : "", riseOnHover: true,
        autoPanOnFocus: false  // a pan between press and release would swallow the click
      });
      marker.placeId = place.id;
      marker.bindPopup(function () { return content(place.id); },
        { maxWidth: 440, minWidth: 260, autoPanPadding: [20, 20] });
      marker.on("popupopen", function () {
        closeAreaPopup();  // one popup at a time
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

    function areaStyle(place, kind) {
      var color = stepColor(MENTION_STEPS, place.mentions);
      if (kind === "regions") {
        return { color: "#b35806", weight: 1, dashArray: "4 3", fillColor: color, fillOpacity: 0.15 };
      }
      return { color: "#8c4a0b", weight: kind === "provinces" ? 1 : 0.8, fillColor: color,
               fillOpacity: kind === "provinces" ? 0.7 : 0.5 };
    }

    /* Draw a place's shape(s), filled by its mentions; clicking opens its popup. */
    function drawArea(place, shapes) {
      var kind = place.kind === "admin1" ? "provinces" : place.kind === "country" ? "countries" : "regions";
      var layer = L.geoJSON({ type: "FeatureCollection", features: shapes }, {
        renderer: renderers[kind], pane: "mv-" + kind, style: function () { return areaStyle(place, kind); }
      });
      layer.on("click", function (e) { openArea(place.id, e.latlng, false); });
      areaLayers[kind].addLayer(layer);
      place.extent = extentText(layer.getBounds());
      areas[place.id] = layer;
    }

    function closeAreaPopup() {
      if (!areaPopup.isOpen()) { return; }
      var was = quiet;
      quiet = true;
      try { map.closePopup(areaPopup); } finally { quiet = was; }
    }

    function openArea(id, latlng, silent) {
      var place = places[id];
      if (!place || !areas[id]) { return; }
      var at = latlng || base.labelPoint(place) || areas[id].getBounds().getCenter();
      quiet = !!silent;
      try {
        map.closePopup();  // a marker's popup, if one is open: one popup at a time
        openId = id;
        areaPopup.setLatLng(at).setContent(content(id)).openOn(map);
        if (!silent) { selectHandler(id); }
      } finally {
        quiet = false;
      }
    }

    map.on("popupclose", function (e) {
      if (e.popup !== areaPopup) { return; }
      var wasOpen = openId;
      if (wasOpen && areas[wasOpen]) { openId = null; }
      if (!quiet && wasOpen && areas[wasOpen]) { selectHandler(null); }
    });

    /* Markers for places without a shape, shapes for the others; what stays keeps its popup. */
    function render() {
      var ids = Object.keys(places);
      var wantMarker = {}, gone = [], added = [];
      quiet = true;
      try {
        Object.keys(areaLayers).forEach(function (k) { areaLayers[k].clearLayers(); });
        var shapedOpen = openId && areas[openId];
        areas = {};
        ["regions", "countries", "provinces"].forEach(function (pass) {
          ids.forEach(function (id) {
            var place = places[id];
            var kind = place.kind === "admin1" ? "provinces" : place.kind === "country" ? "countries" :
              place.kind === "region" || place.kind === "continent" ? "regions" : null;
            if (kind !== pass) { return; }
            var shapes = base.shapes(place);
            if (shapes) { drawArea(place, shapes); }
          });
        });
        ids.forEach(function (id) {
          if (!areas[id] && num(places[id].lat) && num(places[id].lon)) { wantMarker[id] = true; }
        });
        Object.keys(markers).forEach(function (id) {
          if (!wantMarker[id]) { gone.push(markers[id]); delete markers[id]; }
        });
        if (gone.length) { cluster.removeLayers(gone); }
        Object.keys(wantMarker).forEach(function (id) {
          if (!markers[id]) {
            markers[id] = makeMarker(places[id]);
            added.push(markers[id]);
          } else {
            markers[id].setIcon(markerIcon(places[id], id === openId));
          }
        });
        if (added.length) { cluster.addLayers(added); }
        if (shapedOpen) {
          if (areas[openId]) { areaPopup.setContent(content(openId)); } else { map.closePopup(areaPopup); openId = null; }
        } else if (openId && places[openId]) {
          refreshPopup(openId);
        }
      } finally {
        quiet = false;
      }
      if (!fitted && ids.length) {
        fitted = true;
        fitTo(ids);
      }
      element.setAttribute("data-places", String(ids.length));
      element.setAttribute("data-areas", String(Object.keys(areas).length));
    }

    /* Show exactly these places. */
    function setPlaces(table) {
      var next = {};
      rowsToPlaces(table).forEach(function (p) {
        if (p.id && num(p.lat) && num(p.lon)) {
          if (places[p.id] && sameCounts(places[p.id], p)) { p.extent = places[p.id].extent; }
          next[p.id] = p;
        }
      });
      places = next;
      render();
    }

    /* Where the places are: their points (an area's label point), so that one mention of a large
       country does not turn the view into the whole world; regions and continents are left out. */
    function boundsOf(ids) {
      var bounds = L.latLngBounds([]);
      ids.forEach(function (id) {
        var place = places[id];
        if (!place || place.kind === "region" || place.kind === "continent") { return; }
        bounds.extend((areas[id] && base.labelPoint(place)) || [place.lat, place.lon]);
      });
      return bounds;
    }

    function fitTo(ids) {
      var bounds = boundsOf(ids.filter(function (id) { return places[id]; }));
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 }); }
    }

    /* Open a place's popup (zooming in far enough to show it), without telling the page. */
    function focus(id) {
      if (areas[id]) {
        map.fitBounds(areas[id].getBounds(), { padding: [30, 30], maxZoom: 7 });
        map.once("moveend", function () { openArea(id, null, true); });
        return true;
      }
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
      setTiles: setTiles,
      placeIds: function () { return Object.keys(places); },
      placeName: function (id) { return places[id] ? places[id].name : null; },
      markerOf: function (id) { return markers[id] || null; },
      areaOf: function (id) { return areas[id] || null; },
      openArea: function (id) { openArea(id, null, false); },
      openPlace: function () { return openId; },
      onSelect: function (fn) { selectHandler = fn; },
      onCorrect: function (fn) { correctHandler = fn; }
    };
  }

  window.mapview = { createMap: createMap, popupContent: popupContent, safeHref: safeHref };
})();
