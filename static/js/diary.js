// The practice diary page: the last four weeks from this browser's storage (diary-store.js),
// printed, saved to a file, loaded from one, or deleted. Nothing here talks to the server.
// Its words come from the JavaScript catalog (gettext, ngettext, interpolate), loaded before it.
(function () {
  "use strict";
  var root = document.querySelector("[data-diary]");
  if (!root) { return; }
  var diary = window.armorptDiary;
  var WEEKS = 4;
  var FILE_LIMIT = 1024 * 1024;
  var SVG = "http://www.w3.org/2000/svg";
  // Dates as the page's language writes them, for the clinic's patients in the US.
  var LOCALE = (document.documentElement.lang || "en") + "-US";

  var status = root.querySelector("[data-diary-status]");
  var confirmBox = root.querySelector("[data-diary-confirm]");
  var deleteButton = root.querySelector("[data-diary-delete]");
  var fileInput = root.querySelector("[data-diary-load]");

  function say(text) { status.textContent = text; }

  function element(name, text, className) {
    var node = document.createElement(name);
    if (text !== undefined) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function svg(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function addDays(date, days) {
    var copy = new Date(date.getFullYear(), date.getMonth(), date.getDate());
    copy.setDate(copy.getDate() + days);
    return copy;
  }

  function words(format, values) { return interpolate(format, values, true); }

  function spokenDate(date) {
    return date.toLocaleDateString(LOCALE, {weekday: "long", month: "long", day: "numeric"});
  }

  function dayFromKey(key) {
    var parts = key.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]);
  }

  // Four whole weeks, Monday to Sunday, the last one holding today.
  function calendarDays(today) {
    var mondayOffset = (today.getDay() + 6) % 7;
    var first = addDays(today, -mondayOffset - 7 * (WEEKS - 1));
    var days = [];
    for (var i = 0; i < WEEKS * 7; i += 1) { days.push(addDays(first, i)); }
    return days;
  }

  function drawCalendar(days, byDay, today) {
    var body = root.querySelector("[data-diary-calendar]");
    body.textContent = "";
    var row;
    days.forEach(function (day, index) {
      if (index % 7 === 0) { row = body.appendChild(element("tr")); }
      var key = diary.localDay(day);
      var count = (byDay[key] || []).length;
      var cell = row.appendChild(element("td", undefined, "diary-calendar__day"));
      if (day > today) {
        cell.classList.add("is-future");
        cell.appendChild(element("span", String(day.getDate())));
        return;
      }
      if (count) { cell.classList.add("is-done"); }
      if (key === diary.localDay(today)) { cell.classList.add("is-today"); }
      cell.appendChild(element("span", String(day.getDate()), "diary-calendar__date"));
      cell.appendChild(element("span", count ? "✓" : "", "diary-calendar__mark"));
      var said = count ?
        words(ngettext("%(day)s: done", "%(day)s: done %(count)s times", count), {day: spokenDate(day), count: count}) :
        words(gettext("%(day)s: not done"), {day: spokenDate(day)});
      cell.appendChild(element("span", said, "visually-hidden"));
      cell.querySelector(".diary-calendar__date").setAttribute("aria-hidden", "true");
      cell.querySelector(".diary-calendar__mark").setAttribute("aria-hidden", "true");
    });
  }

  function drawChart(days, sessions, today) {
    var holder = root.querySelector("[data-diary-chart]");
    holder.textContent = "";
    var scored = sessions.filter(function (s) { return s.painBefore !== null || s.painAfter !== null; });
    if (!scored.length) {
      holder.appendChild(element("p", gettext("No scores yet: they are optional, at the start and the end of a guided routine.")));
      return;
    }
    var width = 300, height = 140, left = 24, top = 8, plot = 110;
    var chart = svg("svg", {viewBox: "0 0 " + width + " " + height, role: "img", "class": "diary-chart__svg",
      "aria-label": gettext("Pain scores over the four weeks; each one is also in the table below.")});
    [0, 5, 10].forEach(function (value) {
      var y = top + plot - value * plot / 10;
      chart.appendChild(svg("line", {x1: left, x2: width - 4, y1: y, y2: y, "class": "diary-chart__grid"}));
      var label = chart.appendChild(svg("text", {x: left - 6, y: y + 4, "text-anchor": "end", "class": "diary-chart__label"}));
      label.textContent = String(value);
    });
    var first = days[0].getTime();
    var span = today.getTime() - first || 1;
    function x(session) {
      return left + 6 + (dayFromKey(session.date).getTime() - first) / span * (width - left - 16);
    }
    function y(value) { return top + plot - value * plot / 10; }
    var afterPoints = scored.filter(function (s) { return s.painAfter !== null; })
      .map(function (s) { return x(s).toFixed(1) + "," + y(s.painAfter).toFixed(1); });
    if (afterPoints.length > 1) {
      chart.appendChild(svg("polyline", {points: afterPoints.join(" "), "class": "diary-chart__line"}));
    }
    scored.forEach(function (s) {
      if (s.painBefore !== null) { chart.appendChild(svg("circle", {cx: x(s), cy: y(s.painBefore), r: 4, "class": "diary-chart__before"})); }
      if (s.painAfter !== null) { chart.appendChild(svg("circle", {cx: x(s), cy: y(s.painAfter), r: 4, "class": "diary-chart__after"})); }
    });
    var caption = chart.appendChild(svg("text", {x: left, y: height - 6, "class": "diary-chart__label"}));
    caption.textContent = words(gettext("%(day)s to today"), {day: days[0].toLocaleDateString(LOCALE, {month: "short", day: "numeric"})});
    holder.appendChild(chart);
  }

  function scoreText(score) {
    return score === null ? gettext("not given") : words(gettext("%(score)s of 10"), {score: score});
  }

  function drawSessions(sessions) {
    var body = root.querySelector("[data-diary-sessions]");
    body.textContent = "";
    sessions.slice().reverse().forEach(function (session) {
      var row = body.appendChild(element("tr"));
      var day = dayFromKey(session.date);
      var cell = row.appendChild(element("th", day.toLocaleDateString(LOCALE, {weekday: "short", month: "short", day: "numeric"})));
      cell.setAttribute("scope", "row");
      var names = session.exercises.map(function (e) { return e.name; }).join(", ");
      row.appendChild(element("td", session.completed ? names : words(gettext("%(exercises)s (stopped early)"), {exercises: names})));
      row.appendChild(element("td", scoreText(session.painBefore)));
      row.appendChild(element("td", scoreText(session.painAfter)));
    });
  }

  function routineQuery(slugs) {
    return slugs.map(function (slug) { return "e=" + encodeURIComponent(slug); }).join("&");
  }

  // The routine done most often in the four weeks (the latest one when two tie).
  function drawUsual(sessions) {
    var box = root.querySelector("[data-diary-again]");
    var counts = {};
    var best = null;
    sessions.forEach(function (session) {
      var key = session.exercises.map(function (e) { return e.slug; }).join(" ");
      counts[key] = (counts[key] || 0) + 1;
      if (!best || counts[key] >= counts[best.key]) { best = {key: key, session: session}; }
    });
    box.hidden = !best;
    if (!best) { return; }
    var query = routineQuery(best.key.split(" "));
    var times = counts[best.key];
    root.querySelector("[data-diary-again-names]").textContent = words(
      ngettext("%(exercises)s (%(count)s time in four weeks)", "%(exercises)s (%(count)s times in four weeks)", times),
      {exercises: best.session.exercises.map(function (e) { return e.name; }).join(", "), count: times});
    root.querySelector("[data-diary-again-start]").href = root.getAttribute("data-player-url") + "?" + query;
    root.querySelector("[data-diary-again-sheet]").href = root.getAttribute("data-routine-url") + "?" + query;
  }

  function draw() {
    var today = new Date();
    today = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    var days = calendarDays(today);
    var firstKey = diary.localDay(days[0]);
    var sessions = diary.load().filter(function (s) { return s.date >= firstKey; });
    var byDay = {};
    sessions.forEach(function (s) { (byDay[s.date] = byDay[s.date] || []).push(s); });
    var dayCount = Object.keys(byDay).length;
    var all = diary.load().length;

    root.querySelector("[data-diary-empty]").hidden = all > 0;
    root.querySelector("[data-diary-filled]").hidden = all === 0;
    root.querySelector("[data-diary-today]").textContent =
      today.toLocaleDateString(LOCALE, {weekday: "long", month: "long", day: "numeric", year: "numeric"});
    root.querySelector("[data-diary-summary]").textContent =
      words(ngettext("You exercised on %(count)s day.", "You exercised on %(count)s days.", dayCount), {count: dayCount});
    drawCalendar(days, byDay, today);
    drawChart(days, sessions, today);
    drawSessions(sessions);
    drawUsual(sessions);
    deleteButton.disabled = all === 0;
    root.querySelector("[data-diary-save]").disabled = all === 0;
    root.querySelector("[data-diary-print]").disabled = all === 0;
  }

  root.querySelector("[data-diary-print]").addEventListener("click", function () { window.print(); });

  root.querySelector("[data-diary-save]").addEventListener("click", function () {
    var blob = new Blob([diary.toFile()], {type: "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = words(gettext("practice-diary-%(day)s.json"), {day: diary.localDay(new Date())});
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say(gettext("Saved. Keep the file somewhere safe, and load it here on your new device."));
  });

  fileInput.addEventListener("change", function () {
    var file = fileInput.files[0];
    if (!file) { return; }
    var refuse = gettext("This file is not a diary saved from this site, so nothing was changed.");
    if (file.size > FILE_LIMIT) {
      say(refuse);
      fileInput.value = "";
      return;
    }
    file.text().then(function (text) {
      var sessions = diary.fromFile(text);
      if (sessions === null) {
        say(refuse);
      } else {
        var added = diary.merge(sessions);
        draw();
        say(added ?
          words(ngettext("Loaded %(count)s session from the file.", "Loaded %(count)s sessions from the file.", added), {count: added}) :
          gettext("Everything in that file was already here."));
      }
      fileInput.value = "";
    }, function () {
      say(gettext("We could not read that file, so nothing was changed."));
    });
  });

  deleteButton.addEventListener("click", function () {
    confirmBox.hidden = false;
    confirmBox.querySelector("#confirm-text").focus();
  });
  root.querySelector("[data-diary-confirm-no]").addEventListener("click", function () {
    confirmBox.hidden = true;
    deleteButton.focus();
  });
  root.querySelector("[data-diary-confirm-yes]").addEventListener("click", function () {
    diary.clear();
    confirmBox.hidden = true;
    draw();
    say(gettext("Your diary is deleted from this device."));
    fileInput.focus();
  });

  document.querySelector("[data-diary-nojs]").hidden = true;
  root.hidden = false;
  draw();
})();
