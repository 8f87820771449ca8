// The offline page: the exercises, guided routines and guides this device has kept, read from
// the service worker's cache, each by its own page title.
(function () {
  "use strict";
  var section = document.querySelector("[data-offline-kept]");
  if (!section || !window.caches) { return; }
  var list = section.querySelector("[data-offline-list]");
  var WORTH_LISTING = /^\/(exercises\/(routine\/(play\/)?)?|hip-pain\/|my-practice\/)/;
  var SITE_NAME = / \| Armor PT$/;

  function titleOf(response) {
    return response.text().then(function (html) {
      var title = new DOMParser().parseFromString(html, "text/html").title;
      return title.replace(SITE_NAME, "");
    });
  }

  caches.keys().then(function (names) {
    var ours = names.filter(function (name) { return name.indexOf("armorpt-") === 0; });
    return Promise.all(ours.map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) {
            var url = new URL(request.url);
            return url.origin === window.location.origin && WORTH_LISTING.test(url.pathname) &&
              (request.headers.get("Accept") || "text/html").indexOf("text/html") !== -1;
          }).map(function (request) {
            return cache.match(request).then(function (response) {
              var type = response.headers.get("Content-Type") || "";
              if (type.indexOf("text/html") !== 0) { return null; }
              return titleOf(response).then(function (title) { return {url: request.url, title: title}; });
            });
          }));
        });
      });
    }));
  }).then(function (groups) {
    var seen = {};
    var pages = [].concat.apply([], groups).filter(function (page) {
      if (!page || seen[page.url]) { return false; }
      seen[page.url] = true;
      return true;
    });
    pages.forEach(function (page) {
      var item = list.appendChild(document.createElement("li"));
      var link = item.appendChild(document.createElement("a"));
      link.href = page.url;
      link.textContent = page.title;
    });
    section.hidden = pages.length === 0;
  }).catch(function () { /* no cache to read: the phone number above is what matters */ });
})();
