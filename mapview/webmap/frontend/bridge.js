/* The Streamlit side of the map: Streamlit's component messages in, the user's choices out.
 *
 * Streamlit sends the page's arguments on every run ("streamlit:render", one JSON text); only what changed is
 * applied (the places when their key changes, a focus or a fit when its nonce is new), so a rerun
 * never rebuilds the map. The map tells the page which place the user opened, and once that it has
 * drawn its first places (the page then adds what it leaves out of its first run: tables, timeline).
 */
(function () {
  "use strict";
  var controller = null;
  var state = { placesKey: null, focusNonce: null, fitNonce: null, tiles: undefined, sent: 0, drawn: false };

  function send(type, data) {
    var message = { isStreamlitMessage: true, type: type };
    Object.keys(data).forEach(function (key) { message[key] = data[key]; });
    window.parent.postMessage(message, "*");
  }

  function setValue(value) {
    state.sent += 1;
    value.seq = state.sent;
    send("streamlit:setComponentValue", { value: value, dataType: "json" });
  }

  function render(args) {
    if (!controller) {
      controller = window.mapview.createMap(document.getElementById("map"), { basemap: args.basemap || {} });
      controller.onSelect(function (id) { setValue({ event: "select", place: id }); });
      controller.onCorrect(function (key) { setValue({ event: "correct", mention: key }); });
      window.mapviewMap = controller;  // for the console and the browser tests
    }
    if (state.tiles !== JSON.stringify(args.tiles || null)) {
      state.tiles = JSON.stringify(args.tiles || null);
      controller.setTiles(args.tiles || null);
    }
    if (args.places_key !== state.placesKey) {
      state.placesKey = args.places_key;
      controller.setPlaces(args.places || { columns: [], rows: [] });
      if (!state.drawn) {
        state.drawn = true;
        // After the browser has painted the places: the page's rerun must not delay them.
        window.requestAnimationFrame(function () {
          window.setTimeout(function () { setValue({ event: "drawn" }); }, 0);
        });
      }
    }
    var selected = args.selected;
    if (selected && selected.id) { controller.showEvidence(selected.id, selected); }
    if (args.fit && args.fit.nonce !== state.fitNonce) {
      state.fitNonce = args.fit.nonce;
      controller.fitTo(args.fit.ids || []);
    }
    if (args.focus && args.focus.nonce !== state.focusNonce) {
      state.focusNonce = args.focus.nonce;
      controller.focus(args.focus.id);
    }
    document.getElementById("map").setAttribute("data-rendered", String(args.places_key));
  }

  /* The page shows this frame only once it has sent the first arguments: a map made while the
     frame has no size would fit its places at the widest zoom and lay out no marker. Until the
     frame has a size, the latest arguments wait. */
  var waiting = null;
  function whenShown(args) {
    var element = document.getElementById("map");
    if (!controller && waiting === null) {
      document.body.style.height = (args.height || 560) + "px";
      send("streamlit:setFrameHeight", { height: args.height || 560 });
    }
    if (controller || (element.clientWidth && element.clientHeight)) { render(args); return; }
    if (waiting === null) {
      var observer = new ResizeObserver(function () {
        if (!element.clientWidth || !element.clientHeight) { return; }
        observer.disconnect();
        var latest = waiting;
        waiting = null;
        render(latest);
      });
      observer.observe(element);
    }
    waiting = args;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent) { return; }  // only the page that holds this frame speaks to it
    if (data && data.type === "streamlit:render") { whenShown(JSON.parse((data.args && data.args.state) || "{}")); }
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
