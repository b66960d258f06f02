/* mapview: document layers, markers and popups, built in the browser from
 * GeoJSON feature properties.
 *
 * Document text is untrusted: it reaches the page only through textContent,
 * text nodes, the title property and URL-checked href attributes. Nothing
 * from a feature is ever parsed as HTML.
 */
(function () {
  "use strict";
  if (window.mapview) { return; }

  var AREA_KINDS = { country: 1, admin1: 1, admin2: 1, region: 1, continent: 1 };
  var KIND_LABELS = {
    country: "country", admin1: "province / state", admin2: "district",
    city: "city", region: "region", continent: "continent"
  };
  var MAX_MENTIONS = 25;
  var CSS = [
    ".leaflet-container{background:#dbe7ef}",
    ".mv-marker{background:none;border:none}",
    ".mv-marker span{display:block;box-sizing:border-box;width:100%;height:100%}",
    ".mv-city span{border-radius:50%;border:2px solid #fff;box-shadow:0 0 2px #000}",
    ".mv-area span{border-radius:3px;border:2px dashed;opacity:.9}",
    ".mv-cluster{background:none;border:none}",
    ".mv-cluster span{display:flex;align-items:center;justify-content:center;width:100%;",
    "height:100%;border-radius:50%;color:#fff;font:bold 12px sans-serif;",
    "border:3px solid rgba(255,255,255,.7);box-sizing:border-box}",
    ".mv-popup{font:13px/1.35 sans-serif;max-height:300px;overflow-y:auto}",
    ".mv-popup .mv-name{font-size:15px}",
    ".mv-popup .mv-kind{margin-left:6px;padding:0 5px;border-radius:3px;background:#eee;font-size:11px}",
    ".mv-popup .mv-kind-area{background:#fde9c9}",
    ".mv-popup .mv-meta{color:#555;margin:2px 0 6px}",
    ".mv-popup .mv-multi{color:#8a4b00;margin-bottom:6px}",
    ".mv-popup .mv-sentence{margin:6px 0 2px;padding-left:6px;border-left:3px solid #ccc}",
    ".mv-popup mark{background:#ffe066;padding:0}",
    ".mv-popup .mv-source{color:#555;font-size:12px}"
  ].join("");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function isArea(kind) { return Object.prototype.hasOwnProperty.call(AREA_KINDS, kind); }

  function safeColor(color) {
    return /^#[0-9a-fA-F]{6}$/.test(color) ? color : "#3388ff";
  }

  /* An http(s) URL, or null: javascript:, data: and the like never become links. */
  function safeHref(url) {
    if (typeof url !== "string" || !url) { return null; }
    var parsed;
    try { parsed = new URL(url); } catch (e) { return null; }
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  }

  /* [start, end) of the name inside the sentence, or null. */
  function nameRange(m, fallbackName) {
    var s = m.sentence, name = m.name || fallbackName || "";
    var num = function (v) { return typeof v === "number" && isFinite(v); };
    if (num(m.sentence_start) && num(m.start) && num(m.end)) {
      var a = m.start - m.sentence_start, b = m.end - m.sentence_start;
      if (a >= 0 && b <= s.length && a < b) { return [a, b]; }
    }
    if (num(m.start) && num(m.end) && name && s.slice(m.start, m.end) === name) {
      return [m.start, m.end];
    }
    var at = name ? s.indexOf(name) : -1;
    return at >= 0 ? [at, at + name.length] : null;
  }

  function sentenceNode(m, fallbackName) {
    var s = typeof m.sentence === "string" ? m.sentence : "";
    var quote = el("blockquote", "mv-sentence");
    var range = s ? nameRange({
      sentence: s, name: m.name, start: m.start, end: m.end, sentence_start: m.sentence_start
    }, fallbackName) : null;
    if (range) {
      quote.appendChild(document.createTextNode(s.slice(0, range[0])));
      quote.appendChild(el("mark", null, s.slice(range[0], range[1])));
      quote.appendChild(document.createTextNode(s.slice(range[1])));
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

  function coordinates(feature) {
    var g = feature.geometry;
    return g && g.type === "Point" ? g.coordinates : null;
  }

  /* The popup of one feature: the place, then every sentence naming it. */
  function popup(feature) {
    var p = feature.properties || {};
    var root = el("div", "mv-popup");
    var head = el("div", "mv-head");
    head.appendChild(el("strong", "mv-name", p.name));
    head.appendChild(el("span", "mv-kind " + (isArea(p.kind) ? "mv-kind-area" : "mv-kind-city"),
      KIND_LABELS[p.kind] || p.kind || "place"));
    root.appendChild(head);
    var facts = [];
    var country = p.country_name || p.country || p.country_code;
    if (country) { facts.push(country); }
    var xy = coordinates(feature);
    if (xy) { facts.push(Number(xy[1]).toFixed(4) + ", " + Number(xy[0]).toFixed(4)); }
    if (typeof p.confidence === "number") {
      facts.push("confidence " + Math.round(p.confidence * 100) + "%");
    }
    root.appendChild(el("div", "mv-meta", facts.join(" \u00b7 ")));
    var docs = p.n_documents;
    if (typeof docs === "number" && docs > 1) {
      root.appendChild(el("div", "mv-multi", "Named in " + docs + " documents"));
    }
    var mentions = Array.isArray(p.mentions) ? p.mentions : [];
    mentions.slice(0, MAX_MENTIONS).forEach(function (m) {
      var item = el("div", "mv-mention");
      item.appendChild(sentenceNode(m || {}, p.name));
      item.appendChild(sourceNode(m || {}));
      root.appendChild(item);
    });
    if (mentions.length > MAX_MENTIONS) {
      root.appendChild(el("div", "mv-more", "\u2026 and " + (mentions.length - MAX_MENTIONS) +
        " more mentions (see the table)"));
    }
    return root;
  }

  /* A place named in several documents gets one marker per document: each is
     nudged a few pixels by its document's index, so the colours stay visible. */
  function markerIcon(kind, color, index, shared) {
    var area = isArea(kind);
    var size = area ? 18 : 12;
    var fill = area ? "background:" + color + "55;border-color:" + color : "background:" + color;
    var dx = 0, dy = 0;
    if (shared) {
      var angle = (index % 8) * Math.PI / 4;
      dx = Math.round(5 * Math.cos(angle));
      dy = Math.round(5 * Math.sin(angle));
    }
    return L.divIcon({
      className: "mv-marker mv-doc-" + index + (area ? " mv-area" : " mv-city"),
      html: '<span style="' + fill + '"></span>',
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2 - dy]
    });
  }

  function clusterIcon(color, index) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 28 : n < 100 ? 34 : 40;
      return L.divIcon({
        className: "mv-cluster mv-doc-" + index,
        html: '<span style="background:' + color + '">' + Number(n) + "</span>",
        iconSize: [size, size]
      });
    };
  }

  function installCss() {
    if (document.getElementById("mapview-css")) { return; }
    var style = el("style");
    style.id = "mapview-css";
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  /* One document's markers, clustered: a MarkerClusterGroup to add to the map. */
  function documentLayer(data, options) {
    installCss();
    var color = safeColor(options.color);
    var index = Math.max(0, parseInt(options.index, 10) || 0);
    var group = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: options.clusterRadius || 40,
      iconCreateFunction: clusterIcon(color, index)
    });
    var geo = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties || {};
        return L.marker(latlng, {
          icon: markerIcon(p.kind, color, index, p.n_documents > 1),
          title: p.name ? String(p.name) : "",
          riseOnHover: true
        });
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(function () { return popup(feature); },
          { maxWidth: 420, minWidth: 240, autoPanPadding: [20, 20] });
      }
    });
    group.addLayers(geo.getLayers());
    return group;
  }

  /* Country outlines under the markers; not clickable. */
  function outlines(data) {
    return L.geoJSON(data, {
      interactive: false,
      style: { color: "#8a9aa8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
    });
  }

  window.mapview = { documentLayer: documentLayer, outlines: outlines, popup: popup };
})();
