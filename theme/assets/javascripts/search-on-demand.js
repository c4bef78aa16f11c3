/*
 * Changekit: fetch the search index when the reader first uses the search, not with every page.
 *
 * Material (9.x) requests search/search_index.json as soon as a page loads over http(s), which is
 * the largest download of a page on a phone. This script runs before Material's bundle and holds
 * that one request back until the reader opens the search (a click or tap on the search button, a
 * focus in the search box, or Material's keyboard shortcuts f, s and /). Every other request goes
 * out as before; from file:// (the offline edition) Material loads search_index.js itself, on
 * first use, and this script has nothing to hold.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.changekitIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.changekitIndex && !released) {
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  function isSearch(target) {
    return Boolean(target && target.closest && target.closest("[data-md-component=search], label[for=__search]"));
  }
  document.addEventListener("click", function (event) { if (isSearch(event.target)) release(); }, true);
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) release(); }, true);
  document.addEventListener("keydown", function (event) {
    var typing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[fs/]$/i.test(event.key)) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
})();
