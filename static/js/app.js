// On every page: the service worker (/sw.js), so that pages opened here work offline.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  var firstVisit = !navigator.serviceWorker.controller;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // This page loaded before the worker ran: hand it what the page used.
      if (firstVisit && registration.active) {
        var used = window.performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
        // The pictures too, from the page itself: the resource timings may be full or gone.
        var pictures = Array.prototype.map.call(document.images, function (image) { return image.currentSrc; });
        var urls = [window.location.href].concat(used, pictures).filter(function (url, index, all) {
          return url && all.indexOf(url) === index;
        });
        registration.active.postMessage({keep: urls});
      }
    }).catch(function () { /* no worker (private mode, old browser): the site works online */ });
  });
})();
