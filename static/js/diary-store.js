// The practice diary, kept in this browser's own storage and never sent anywhere: the guided
// routine adds a session, the diary page shows, saves, loads and deletes them.
(function () {
  "use strict";
  var KEY = "armorpt.diary";
  var FORMAT = "armorpt-practice-diary";
  var SLUG = /^[a-z0-9-]{1,80}$/;
  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function score(value) {
    return value === null || (typeof value === "number" && value >= 0 && value <= 10 && Math.round(value) === value);
  }

  // A session from storage or from a file is trusted only once every field is what we wrote.
  function validSession(session) {
    return Boolean(session) && typeof session === "object" &&
      typeof session.date === "string" && DAY.test(session.date) &&
      typeof session.at === "string" && !isNaN(Date.parse(session.at)) &&
      typeof session.completed === "boolean" &&
      score(session.painBefore) && score(session.painAfter) &&
      Array.isArray(session.exercises) && session.exercises.length > 0 && session.exercises.length <= 50 &&
      session.exercises.every(function (exercise) {
        return exercise && typeof exercise.slug === "string" && SLUG.test(exercise.slug) &&
          typeof exercise.name === "string" && exercise.name.length <= 120;
      });
  }

  function clean(session) {
    return {
      date: session.date,
      at: session.at,
      completed: session.completed,
      painBefore: session.painBefore,
      painAfter: session.painAfter,
      exercises: session.exercises.map(function (e) { return {slug: e.slug, name: e.name}; })
    };
  }

  function sorted(sessions) {
    return sessions.slice().sort(function (a, b) { return a.at < b.at ? -1 : a.at > b.at ? 1 : 0; });
  }

  function load() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (!kept || !Array.isArray(kept.sessions)) { return []; }
      return sorted(kept.sessions.filter(validSession).map(clean));
    } catch (error) {
      return [];
    }
  }

  function store(sessions) {
    window.localStorage.setItem(KEY, JSON.stringify({format: FORMAT, version: 1, sessions: sorted(sessions)}));
  }

  function localDay(date) {
    var month = date.getMonth() + 1;
    var day = date.getDate();
    return date.getFullYear() + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
  }

  function add(session) {
    var now = new Date();
    var entry = clean({
      date: localDay(now),
      at: now.toISOString(),
      completed: session.completed,
      painBefore: session.painBefore,
      painAfter: session.painAfter,
      exercises: session.exercises
    });
    if (!validSession(entry)) { throw new Error("not a diary session"); }
    store(load().concat([entry]));
    return entry;
  }

  // The file a person keeps: the same shape as storage. Anything else is refused whole.
  function fromFile(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return null;
    }
    if (!data || data.format !== FORMAT || data.version !== 1 || !Array.isArray(data.sessions) ||
        !data.sessions.every(validSession)) {
      return null;
    }
    return data.sessions.map(clean);
  }

  // Loading a file adds what this device does not have yet; a session is known by its time.
  function merge(sessions) {
    var kept = load();
    var seen = {};
    kept.forEach(function (session) { seen[session.at] = true; });
    var added = sessions.filter(function (session) { return !seen[session.at]; });
    store(kept.concat(added));
    return added.length;
  }

  function toFile() {
    return JSON.stringify({format: FORMAT, version: 1, sessions: load()}, null, 2);
  }

  function clear() {
    window.localStorage.removeItem(KEY);
  }

  window.armorptDiary = {load: load, add: add, fromFile: fromFile, merge: merge, toFile: toFile, clear: clear, localDay: localDay};
})();
