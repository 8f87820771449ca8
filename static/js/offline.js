// The offline page: the exercises, guided routines and guides this device has kept, in either
// language, read from the service worker's cache, each by its own page title and language.
(function () {
  "use strict";
  var section = document.querySelector("[data-offline-kept]");
  if (!section || !window.caches) { return; }
  var list = section.querySelector("[data-offline-list]");
  var WORTH_LISTING = /^\/([a-z]{2}\/)?(exercises\/(routine\/(play\/)?)?|hip-pain\/|my-practice\/)/;
  var SITE_NAME = / \| Armor PT$/;

  function pageOf(url, response) {
    return response.text().then(function (html) {
      var kept = new DOMParser().parseFromString(html, "text/html");
      return {url: url, title: kept.title.replace(SITE_NAME, ""), lang: kept.documentElement.lang};
    });
  }

  // A routine is the exercises it was made of; the library's filters and pages are one library.
  function listedAs(page) {
    var url = new URL(page.url);
    return url.searchParams.has("e") ? page.url : [page.lang, url.pathname, page.title].join(" ");
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
              return pageOf(request.url, response);
            });
          }));
        });
      });
    }));
  }).then(function (groups) {
    var byKey = {}, pages = [];
    [].concat.apply([], groups).filter(Boolean).forEach(function (page) {
      var key = listedAs(page), kept = byKey[key];
      if (!kept) {
        byKey[key] = page;
        pages.push(page);
      } else if (page.url.length < kept.url.length) {
        kept.url = page.url;  // the library itself rather than one of its filtered views
      }
    });
    pages.forEach(function (page) {
      var item = list.appendChild(document.createElement("li"));
      var link = item.appendChild(document.createElement("a"));
      link.href = page.url;
      link.textContent = page.title;
      if (page.lang && page.lang !== document.documentElement.lang) {
        link.lang = link.hreflang = page.lang;
      }
    });
    section.hidden = pages.length === 0;
  }).catch(function () { /* no cache to read: the phone number above is what matters */ });
})();
