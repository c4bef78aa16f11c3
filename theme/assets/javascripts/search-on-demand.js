/*
 * Changekit: start the search when the reader first uses it, not with every page.
 *
 * Material (9.x) starts its search worker (40 kB) and requests search/search_index.json as soon as
 * a page loads over http(s): together the largest download of a page on a phone. This script runs
 * before Material's bundle and holds both back until the reader opens the search (a click or tap
 * on the search button, a focus in the search box, or Material's keyboard shortcuts f, s and /):
 * the index request waits, and the worker Material creates is a stand-in that starts the real one
 * then, passing messages both ways. Every other request and worker goes out as before. From
 * file:// (the offline edition) Material loads search_index.js itself and the worker is the
 * iframe shim; the stand-in wraps it the same way.
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

  function whenReleased(go) {
    if (released) go();
    else held.push(go);
  }

  var SEARCH_WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js(?:[?#]|$)/;
  var RealWorker = window.Worker;

  /* A stand-in with the worker's interface as Material uses it (events, postMessage, terminate). */
  function standIn(url, options) {
    var target = new EventTarget();
    var queued = [];
    var worker = null;
    target.postMessage = function (message, transfer) {
      if (worker) worker.postMessage(message, transfer);
      else queued.push([message, transfer]);
    };
    target.terminate = function () {
      if (worker) worker.terminate();
      queued = [];
    };
    whenReleased(function () {
      worker = new RealWorker(url, options);
      ["message", "messageerror", "error"].forEach(function (type) {
        worker.addEventListener(type, function (event) {
          var copy = type === "error"
            ? new ErrorEvent("error", { message: event.message, filename: event.filename, error: event.error })
            : new MessageEvent(type, { data: event.data });
          target.dispatchEvent(copy);
          if (typeof target["on" + type] === "function") target["on" + type](copy);
        });
      });
      queued.splice(0).forEach(function (args) { worker.postMessage(args[0], args[1]); });
    });
    return target;
  }

  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    window.Worker = function (url, options) {
      return SEARCH_WORKER.test(String(url)) ? standIn(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.changekitIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.changekitIndex && !released) {
      whenReleased(function () { send.apply(request, args); });
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
