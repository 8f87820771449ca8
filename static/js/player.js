// The guided routine: one exercise at a time, a count-in, then for each set, side and rep the
// move, the hold, the release and a rest. Every step is announced on `document` as an
// "exercise:phase" event, which the exercise figures follow. A finished (or stopped) routine
// goes into the practice diary in this browser (diary-store.js); nothing is sent anywhere.
(function () {
  "use strict";

  // The durations around each hold, in one place for the clinic's review. The hold itself,
  // the reps, sets and sides come from each exercise.
  var TIMING = {
    countInMs: 5000,            // before the first exercise, after pressing Start
    changeExerciseMs: 15000,    // before each later one: time to change position and read it
    moveMs: 3000,               // moving slowly into the position
    releaseMs: 3000,            // coming slowly back out of it
    restBetweenRepsMs: 3000,
    changeSidesMs: 10000,
    restBetweenSetsMs: 30000
  };
  var TICK_MS = 200;

  var root = document.querySelector("[data-player]");
  if (!root) { return; }
  var diary = window.armorptDiary;

  var startScreen = root.querySelector("[data-player-start]");
  var runScreen = root.querySelector("[data-player-run]");
  var endScreen = root.querySelector("[data-player-end]");
  var articles = Array.prototype.slice.call(root.querySelectorAll("[data-player-exercise]"));
  var progress = root.querySelector("[data-player-progress]");
  var phaseText = root.querySelector("[data-player-phase]");
  var clock = root.querySelector("[data-player-clock]");
  var bar = root.querySelector("[data-player-bar]");
  var where = root.querySelector("[data-player-where]");
  var doneButton = root.querySelector("[data-player-done]");
  var pauseButton = root.querySelector("[data-player-pause]");
  var backButton = root.querySelector("[data-player-back]");
  var skipButton = root.querySelector("[data-player-skip]");
  var exitButton = root.querySelector("[data-player-exit]");
  var announcer = root.querySelector("[data-player-announce]");

  var exercises = articles.map(function (article) {
    return {
      slug: article.getAttribute("data-slug"),
      name: article.getAttribute("data-name"),
      hold: parseInt(article.getAttribute("data-hold-seconds"), 10) || 0,
      reps: parseInt(article.getAttribute("data-reps"), 10) || 0,
      sets: parseInt(article.getAttribute("data-sets"), 10) || 1,
      sides: parseInt(article.getAttribute("data-sides"), 10) === 2 ? ["right", "left"] : [null]
    };
  });

  function stepsFor(exercise, index) {
    var ready = {phase: "idle", kind: "ready", ms: index === 0 ? TIMING.countInMs : TIMING.changeExerciseMs};
    if (!exercise.hold && !exercise.reps) {
      return [ready, {phase: "move", kind: "untimed", ms: null, side: null, rep: null, reps: null}];
    }
    var steps = [ready];
    var reps = exercise.reps || 1;
    for (var set = 1; set <= exercise.sets; set += 1) {
      exercise.sides.forEach(function (side, sideIndex) {
        for (var rep = 1; rep <= reps; rep += 1) {
          var at = {side: side, rep: rep, reps: reps, set: set};
          steps.push(step("move", TIMING.moveMs, at));
          if (exercise.hold) { steps.push(step("hold", exercise.hold * 1000, at)); }
          steps.push(step("release", TIMING.releaseMs, at));
          if (rep < reps) { steps.push(step("rest", TIMING.restBetweenRepsMs, at, "rep")); }
        }
        if (sideIndex < exercise.sides.length - 1) {
          steps.push(step("rest", TIMING.changeSidesMs, {side: exercise.sides[sideIndex + 1], rep: 1, reps: reps, set: set}, "sides"));
        }
      });
      if (set < exercise.sets) {
        steps.push(step("rest", TIMING.restBetweenSetsMs, {side: null, rep: reps, reps: reps, set: set}, "set"));
      }
    }
    return steps;
  }

  function step(phase, ms, at, kind) {
    return {phase: phase, kind: kind || phase, ms: ms, side: at.side, rep: at.rep, reps: at.reps, set: at.set};
  }

  var plan = exercises.map(stepsFor);

  // --- Words ---------------------------------------------------------------------------

  // Django's JavaScript catalog (/jsi18n/, loaded before this script): the page's language.
  var gettext = window.gettext;
  var ngettext = window.ngettext;
  var pgettext = window.pgettext;

  function words(text, values) { return window.interpolate(text, values, true); }

  function seconds(ms) {
    var whole = Math.ceil(ms / 1000);
    if (whole < 60) { return words(ngettext("%(count)s second", "%(count)s seconds", whole), {count: whole}); }
    var minutes = Math.round(whole / 60);
    return words(ngettext("%(count)s minute", "%(count)s minutes", minutes), {count: minutes});
  }

  function clockText(ms) {
    var whole = Math.max(0, Math.ceil(ms / 1000));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function sideName(side) {
    return side === "right" ? gettext("Right side") : side === "left" ? gettext("Left side") : "";
  }

  function sideAndRep(current) {
    var parts = [];
    if (current.side) { parts.push(sideName(current.side)); }
    if (current.reps > 1) { parts.push(words(gettext("rep %(rep)s of %(reps)s"), {rep: current.rep, reps: current.reps})); }
    var text = parts.join(", ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  var PHASE_WORDS = {ready: gettext("Get ready"), untimed: gettext("At your own pace"),
    move: gettext("Move into position"), hold: pgettext("phase of an exercise", "Hold"),
    release: pgettext("phase of an exercise", "Release"), rep: pgettext("phase of an exercise", "Rest"),
    sides: gettext("Change sides"), set: gettext("Rest between sets")};

  function whereText(exercise, current) {
    if (current.kind === "ready") { return gettext("Get into the starting position"); }
    if (current.kind === "untimed") { return gettext("Press “Done, next” when you have finished"); }
    var parts = [];
    var label = sideAndRep(current);
    if (label) { parts.push(label); }
    if (exercise.sets > 1) { parts.push(words(gettext("set %(set)s of %(sets)s"), {set: current.set, sets: exercise.sets})); }
    return parts.join(" · ") || exercise.name;
  }

  function announcement(index, current) {
    var exercise = exercises[index];
    switch (current.kind) {
    case "ready":
      return words(gettext("Exercise %(number)s of %(total)s: %(name)s. Get into the starting position."),
        {number: index + 1, total: exercises.length, name: exercise.name});
    case "untimed":
      return gettext("Do it at your own pace, then press Done, next.");
    case "move":
      var setText = exercise.sets > 1 && current.rep === 1 && current.side !== "left" ?
        words(gettext("Set %(set)s of %(sets)s."), {set: current.set, sets: exercise.sets}) + " " : "";
      return setText + (sideAndRep(current) || gettext("Move into position")) + ".";
    case "hold":
      return words(gettext("Hold for %(time)s."), {time: seconds(current.ms)});
    case "release":
      return gettext("Release.");
    case "sides":
      return words(gettext("Change sides. %(side)s next."), {side: sideName(current.side)});
    case "set":
      return words(gettext("Set %(set)s of %(sets)s done. Rest for %(time)s."),
        {set: current.set, sets: exercise.sets, time: seconds(current.ms)});
    default:
      return "";  // a rest between reps is shown, not announced: it comes every few seconds
    }
  }

  // --- Cues the person chose -------------------------------------------------------------

  var cueBoxes = {};
  root.querySelectorAll("[data-cue]").forEach(function (box) { cueBoxes[box.getAttribute("data-cue")] = box; });
  var canVibrate = typeof navigator.vibrate === "function";
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  root.querySelectorAll("[data-cue-needs]").forEach(function (option) {
    var need = option.getAttribute("data-cue-needs");
    option.hidden = need === "vibrate" ? !canVibrate : !canSpeak;
  });
  var audio = null;

  function cueOn(name) { return Boolean(cueBoxes[name] && cueBoxes[name].checked); }

  function tone(frequency) {
    if (!cueOn("sound")) { return; }
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var oscillator = audio.createOscillator();
      var volume = audio.createGain();
      oscillator.frequency.value = frequency;
      volume.gain.value = 0.2;
      oscillator.connect(volume);
      volume.connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.3);
    } catch (error) {
      cueBoxes.sound.checked = false;  // no sound on this device; the words on screen remain
    }
  }

  function buzz(pattern) {
    if (canVibrate && cueOn("vibrate")) { navigator.vibrate(pattern); }
  }

  // Only a voice the device itself provides: a network voice would send the words away.
  function ownVoice() {
    var language = (document.documentElement.lang || "en").toLowerCase().slice(0, 2);
    return window.speechSynthesis.getVoices().filter(function (voice) {
      return voice.localService && voice.lang.toLowerCase().indexOf(language) === 0;
    })[0] || null;
  }

  if (canSpeak) {
    window.speechSynthesis.getVoices();  // starts loading the list, which may come later
    cueBoxes.speech.addEventListener("change", function () {
      var none = cueBoxes.speech.checked && !ownVoice();
      root.querySelector("[data-cue-speech-note]").hidden = !none;
      if (none) { cueBoxes.speech.checked = false; }
    });
  }

  function speak(text) {
    if (!canSpeak || !cueOn("speech") || !text) { return; }
    var voice = ownVoice();
    if (!voice) { return; }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }

  function announce(text) {
    if (!text) { return; }
    // Cleared first, so the same words are read again when they repeat.
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
    speak(text);
  }

  // --- The screen stays awake while the routine plays ------------------------------------

  var wakeLock = null;

  function keepScreenOn() {
    if (!("wakeLock" in navigator) || wakeLock) { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { if (wakeLock === lock) { wakeLock = null; } });
      if (!playing()) { letScreenSleep(); }
    }).catch(function () { /* refused (low battery, hidden tab): the routine plays on */ });
  }

  function letScreenSleep() {
    if (wakeLock) {
      var lock = wakeLock;
      wakeLock = null;
      lock.release().catch(function () {});
    }
  }

  document.addEventListener("visibilitychange", function () {
    // The browser drops the lock when the page is hidden; take it again on return.
    if (document.visibilityState === "visible" && playing()) { keepScreenOn(); }
  });

  // --- Running -------------------------------------------------------------------------

  var state = {exercise: 0, step: 0, endsAt: null, leftMs: null, paused: false, running: false,
    reached: [], finishedNaturally: false, painBefore: null};
  var interval = null;

  function playing() { return state.running && !state.paused; }

  function current() { return plan[state.exercise][state.step]; }

  function dispatch(phase, durationMs) {
    var now = current();
    document.dispatchEvent(new window.CustomEvent("exercise:phase", {detail: {
      slug: exercises[state.exercise].slug,
      phase: phase,
      durationMs: durationMs,
      side: now.side || null,
      rep: now.rep || null,
      reps: now.reps || null
    }}));
  }

  function show(index) {
    articles.forEach(function (article, i) { article.hidden = i !== index; });
    progress.textContent = words(gettext("Exercise %(number)s of %(total)s"), {number: index + 1, total: exercises.length});
    var atFirst = index === 0;
    backButton.querySelector(".visually-hidden").textContent = " " + (atFirst ? gettext("to the start of this exercise") : gettext("to the previous exercise"));
    skipButton.querySelector(".visually-hidden").textContent = " " + (index === exercises.length - 1 ? gettext("this exercise and finish") : gettext("this exercise"));
  }

  function go(exerciseIndex, stepIndex) {
    var changed = exerciseIndex !== state.exercise || !state.running;
    var focusWasInside = articles[state.exercise].contains(document.activeElement) ||
      document.activeElement === doneButton || document.activeElement === document.body;
    state.exercise = exerciseIndex;
    state.step = stepIndex;
    var now = current();
    if (now.kind !== "ready") { state.reached[exerciseIndex] = true; }
    show(exerciseIndex);
    state.endsAt = now.ms === null ? null : Date.now() + now.ms;
    state.leftMs = now.ms;
    doneButton.hidden = now.ms !== null;
    draw();
    if (changed && focusWasInside) { articles[exerciseIndex].querySelector(".player__name").focus(); }
    if (now.ms === null && !state.paused) { doneButton.focus(); }
    if (!state.paused) { startStep(); }
  }

  function startStep() {
    var now = current();
    dispatch(now.phase, now.ms === null ? 0 : state.leftMs);
    announce(announcement(state.exercise, now));
    if (now.kind === "hold") { tone(880); buzz(200); }
    if (now.kind === "release") { tone(587); buzz([80, 60, 80]); }
    if (now.kind === "move" && now.rep === 1) { tone(660); }
  }

  function advance() {
    if (state.step + 1 < plan[state.exercise].length) {
      go(state.exercise, state.step + 1);
    } else if (state.exercise + 1 < exercises.length) {
      go(state.exercise + 1, 0);
    } else {
      state.finishedNaturally = true;
      finish();
    }
  }

  function tick() {
    if (!playing() || state.endsAt === null) { return; }
    state.leftMs = Math.max(0, state.endsAt - Date.now());
    if (state.leftMs === 0) { advance(); } else { draw(); }
  }

  function draw() {
    var now = current();
    phaseText.textContent = PHASE_WORDS[now.kind];
    phaseText.className = "player__phase player__phase--" + now.phase;
    clock.textContent = now.ms === null ? "" : clockText(state.leftMs);
    bar.hidden = now.ms === null;
    bar.value = now.ms ? (now.ms - state.leftMs) / now.ms : 0;
    where.textContent = whereText(exercises[state.exercise], now);
    pauseButton.textContent = state.paused ? gettext("Resume") : gettext("Pause");
  }

  function begin() {
    var before = root.querySelector("input[name='pain-before']:checked");
    state.painBefore = before ? parseInt(before.value, 10) : null;
    startScreen.hidden = true;
    runScreen.hidden = false;
    state.paused = false;
    go(0, 0);
    state.running = true;
    articles[0].querySelector(".player__name").focus();
    interval = window.setInterval(tick, TICK_MS);
    keepScreenOn();
  }

  function pause() {
    if (!state.running) { return; }
    if (state.paused) {
      state.paused = false;
      if (state.endsAt !== null) { state.endsAt = Date.now() + state.leftMs; }
      draw();
      keepScreenOn();
      announce(gettext("Going again."));
      dispatch(current().phase, current().ms === null ? 0 : state.leftMs);
    } else {
      tick();
      state.paused = true;
      draw();
      letScreenSleep();
      announce(gettext("Paused.") + (current().ms === null ? "" : " " + words(gettext("%(time)s left in this step."), {time: seconds(state.leftMs)})));
      dispatch("idle", 0);
    }
  }

  function back() {
    go(state.exercise === 0 ? 0 : state.exercise - 1, 0);
  }

  function skip() {
    if (state.exercise + 1 < exercises.length) {
      go(state.exercise + 1, 0);
    } else {
      finish();
    }
  }

  function finish() {
    state.running = false;
    window.clearInterval(interval);
    letScreenSleep();
    dispatch("idle", 0);
    var done = exercises.filter(function (exercise, index) { return state.reached[index]; });
    runScreen.hidden = true;
    endScreen.hidden = false;
    var title = endScreen.querySelector("[data-player-end-title]");
    var text = endScreen.querySelector("[data-player-end-text]");
    var rate = endScreen.querySelector("[data-player-rate]");
    if (state.finishedNaturally && done.length === exercises.length) {
      title.textContent = gettext("Well done");
      text.textContent = words(ngettext("You finished all %(total)s exercise.", "You finished all %(total)s exercises.", exercises.length), {total: exercises.length});
    } else if (done.length) {
      title.textContent = state.finishedNaturally ? gettext("Well done") : gettext("You stopped early");
      text.textContent = words(gettext("You did %(done)s of %(total)s exercises. That counts too."), {done: done.length, total: exercises.length});
    } else {
      title.textContent = gettext("You stopped before the first exercise");
      text.textContent = gettext("Nothing was recorded. You can start again whenever you like.");
    }
    rate.hidden = !done.length;
    endScreen.querySelector("[data-player-recorded]").hidden = done.length > 0;
    endScreen.querySelector("[data-player-recorded] .player__saved").hidden = true;
    title.focus();
    announce(state.finishedNaturally ? gettext("All done. Well done.") : "");
  }

  function record() {
    var after = root.querySelector("input[name='pain-after']:checked");
    var done = exercises.filter(function (exercise, index) { return state.reached[index]; });
    var saved = endScreen.querySelector("[data-player-recorded] .player__saved");
    try {
      diary.add({
        completed: state.finishedNaturally && done.length === exercises.length,
        painBefore: state.painBefore,
        painAfter: after ? parseInt(after.value, 10) : null,
        exercises: done.map(function (exercise) { return {slug: exercise.slug, name: exercise.name}; })
      });
      saved.textContent = gettext("Saved in your practice diary on this device.");
    } catch (error) {
      saved.textContent = gettext("This browser would not let us keep it (private browsing or storage full).");
    }
    endScreen.querySelector("[data-player-rate]").hidden = true;
    endScreen.querySelector("[data-player-recorded]").hidden = false;
    saved.hidden = false;
    saved.focus();
  }

  function lengthText() {
    var total = 0;
    var untimed = false;
    plan.forEach(function (steps) {
      steps.forEach(function (s) { if (s.ms === null) { untimed = true; } else { total += s.ms; } });
    });
    var minutes = Math.max(1, Math.round(total / 60000));
    var text = untimed ?
      ngettext("About %(minutes)s minute, plus what you do at your own pace.", "About %(minutes)s minutes, plus what you do at your own pace.", minutes) :
      ngettext("About %(minutes)s minute.", "About %(minutes)s minutes.", minutes);
    return words(text, {minutes: minutes});
  }

  root.querySelector("[data-player-length]").textContent = lengthText();
  root.querySelector("[data-player-begin]").addEventListener("click", begin);
  pauseButton.addEventListener("click", pause);
  backButton.addEventListener("click", back);
  skipButton.addEventListener("click", skip);
  exitButton.addEventListener("click", finish);
  doneButton.addEventListener("click", advance);
  endScreen.querySelector("[data-player-record]").addEventListener("click", record);

  // Wide screens have room for the steps beside the timer; a phone keeps the timer in view.
  if (window.matchMedia && window.matchMedia("(min-width: 992px)").matches) {
    root.querySelectorAll(".player__steps").forEach(function (steps) { steps.open = true; });
  }
  document.querySelector("[data-player-nojs]").hidden = true;
  root.hidden = false;
})();
