// "Add to my routine": remembers the picks in this browser, so ticks survive filtering and
// a detail page's button adds to the picks already made. Without it, the forms and links
// still work: they are plain GET requests to the routine page.
(function () {
  "use strict";
  var KEY = "armorpt.routine";

  function load() {
    try {
      var picks = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(picks) ? picks.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function save(picks) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(picks));
    } catch (error) {
      // Private browsing or storage full: the page still works, it just forgets.
    }
  }

  function routineUrl(base, picks) {
    var query = picks.map(function (slug) { return "e=" + encodeURIComponent(slug); }).join("&");
    return query ? base + "?" + query : base;
  }

  var picks = load();
  var form = document.getElementById("routine-form");

  // The list page: tick what was picked before; keep the picks that are not on screen too.
  var boxes = document.querySelectorAll("[data-routine-pick]");
  boxes.forEach(function (box) {
    box.checked = picks.indexOf(box.value) !== -1;
    box.addEventListener("change", function () {
      picks = picks.filter(function (slug) { return slug !== box.value; });
      if (box.checked) { picks.push(box.value); }
      save(picks);
    });
  });
  if (form) {
    form.addEventListener("submit", function (event) {
      if (!picks.length) { return; }
      event.preventDefault();
      window.location.href = routineUrl(form.action, picks);
    });
  }

  // The exercise page: add this one to the earlier picks and open the routine.
  document.querySelectorAll("[data-routine-add]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var slug = link.getAttribute("data-routine-add");
      if (picks.indexOf(slug) === -1) { picks.push(slug); }
      save(picks);
      event.preventDefault();
      window.location.href = routineUrl(link.pathname, picks);
    });
  });

  // The routine page: what it shows becomes the picks, and the print button appears.
  var page = document.querySelector("[data-routine-page]");
  if (page) {
    var shown = page.getAttribute("data-routine-page").split(" ").filter(Boolean);
    if (shown.length) { save(shown); }
    var print = document.querySelector("[data-routine-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  // The reminders form: the device's own time zone, unless the person is correcting the form;
  // when it came back with a problem, the list of problems is where to start.
  var errors = document.querySelector("[data-reminder-errors]");
  var zone = document.querySelector("[data-reminder-tz]");
  if (errors) {
    errors.focus();
  } else if (zone && window.Intl) {
    zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || zone.value;
  }
})();
