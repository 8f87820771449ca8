// The service worker, loaded by /sw.js after this release's settings (self.ARMORPT).
// Kept at install: the site's shell (CSS, JS, icons), and the offline page and the JavaScript
// catalog in each language. Kept as the person
// opens them, and refreshed whenever online: the pages, pictures and scripts they used.
// Never kept: the request form and its confirmation, the admin, and any response that is
// private, no-store or no-cache (the server marks every response that sets a cookie private).
/* global self, caches, fetch, Request, Response, URL */
"use strict";

var CONFIG = self.ARMORPT;
var CACHE = CONFIG.cache;
var UNKEPT = /(^|,)\s*(private|no-store|no-cache)\b/i;

function neverKept(url) {
  return url.origin !== self.location.origin || url.pathname === "/sw.js" ||
    CONFIG.never.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; });
}

function keepable(request, response) {
  return request.method === "GET" && response.ok && response.type === "basic" &&
    !neverKept(new URL(request.url)) && !UNKEPT.test(response.headers.get("Cache-Control") || "");
}

function keep(request, response) {
  if (!keepable(request, response)) { return Promise.resolve(); }
  var copy = response.clone();
  return caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
}

// The offline page in the language of the address asked for (the first whose prefix fits).
function offlinePage(request) {
  var path = new URL(request.url).pathname;
  var offline = CONFIG.offline.filter(function (language) { return path.indexOf(language.prefix) === 0; })[0];
  return caches.match(offline.page, {cacheName: CACHE}).then(function (page) {
    return page || new Response(offline.words, {status: 503, headers: {"Content-Type": "text/plain; charset=utf-8", "Content-Language": offline.language}});
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(CONFIG.shell);
  }).then(function () { return self.skipWaiting(); }));
});

// A new release's worker removes the caches of every release before it.
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("armorpt-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (neverKept(url)) {
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(function () { return offlinePage(request); }));
    }
    return;
  }
  if (url.pathname.indexOf(CONFIG.static) === 0) {
    // Static files carry their content in their name in production: the kept copy is right.
    event.respondWith(caches.match(request, {cacheName: CACHE}).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        return keep(request, response).then(function () { return response; });
      });
    }));
    return;
  }
  // Pages: the network first, so that online they are always fresh; the kept copy offline.
  event.respondWith(fetch(request).then(function (response) {
    return keep(request, response).then(function () { return response; });
  }).catch(function () {
    return caches.match(request, {cacheName: CACHE}).then(function (kept) {
      return kept || (request.mode === "navigate" ? offlinePage(request) : Response.error());
    });
  }));
});

// The first page a person opens loads before the worker runs: app.js then sends its address
// and the files it used, to be kept as if the worker had seen them.
self.addEventListener("message", function (event) {
  var urls = event.data && Array.isArray(event.data.keep) ? event.data.keep : [];
  event.waitUntil(Promise.all(urls.map(function (address) {
    var url;
    try { url = new URL(address, self.location.origin); } catch (error) { return null; }
    if (neverKept(url)) { return null; }
    return fetch(url.href, {credentials: "same-origin"}).then(function (response) {
      return keep(new Request(url.href), response);
    }).catch(function () { return null; });
  })).then(function () {
    if (event.source) { event.source.postMessage({kept: urls.length}); }
  }));
});
