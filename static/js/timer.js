// The hold timer: start, pause and reset; counts each repetition and each side; tells screen
// reader users when a hold starts, is halfway and ends; can beep (off unless ticked).
// Without this script the page still says how long to hold.
// When the page shows the exercise's figure (data-move-ms > 0), each hold starts with the
// time the figure takes to get into position, and the timer tells the figure each phase with
// an "exercise:phase" event on document (its contract is in figure.js).
(function () {
  "use strict";

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function clockText(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // Django's JavaScript catalog (/jsi18n/, loaded before this script): the page's language.
  var gettext = window.gettext;

  function words(text, values) { return window.interpolate(text, values, true); }

  function spoken(seconds) {
    if (seconds < 60) { return words(window.ngettext("%(count)s second", "%(count)s seconds", seconds), {count: seconds}); }
    var minutes = Math.round(seconds / 60);
    return words(window.ngettext("%(count)s minute", "%(count)s minutes", minutes), {count: minutes});
  }

  function setUp(root) {
    var hold = parseInt(root.getAttribute("data-hold-seconds"), 10);
    var reps = parseInt(root.getAttribute("data-reps"), 10) || 1;
    var sides = parseInt(root.getAttribute("data-sides"), 10) === 2 ? 2 : 1;
    var slug = root.getAttribute("data-exercise");
    var moveMs = parseInt(root.getAttribute("data-move-ms"), 10) || 0;
    var tick = 1000;
    if (!hold) { return; }

    var ui = root.querySelector("[data-timer-ui]");
    var where = root.querySelector("[data-timer-where]");
    var clock = root.querySelector("[data-timer-clock]");
    var bar = root.querySelector("[data-timer-bar]");
    var startButton = root.querySelector("[data-timer-start]");
    var pauseButton = root.querySelector("[data-timer-pause]");
    var resetButton = root.querySelector("[data-timer-reset]");
    var beepBox = root.querySelector("[data-timer-beep]");
    var announcer = root.querySelector("[data-timer-announce]");

    var total = reps * sides;
    var round = 0;           // which hold we are on, 0 .. total - 1
    var remaining = hold;    // whole seconds left in this hold
    var endsAt = null;       // when running: the time this hold ends
    var moveLeft = moveMs;   // of this hold's lead-in, the time still to go
    var countsAt = null;     // when running the lead-in: the time the count starts
    var interval = null;
    var halfwaySaid = false;
    var audio = null;

    function label(index) {
      var rep = Math.floor(index / sides) + 1;
      var text = reps > 1 ? words(gettext("rep %(rep)s of %(reps)s"), {rep: rep, reps: reps}) : "";
      if (sides === 2) {
        var side = index % sides === 0 ? gettext("Left side") : gettext("Right side");
        return text ? side + ", " + text : side;
      }
      return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
    }

    function timeIsUp(done) {
      return gettext("Time is up.") + " " + (done ? words(gettext("%(step)s done."), {step: done}) + " " : "");
    }

    function tell(phase, durationMs) {
      document.dispatchEvent(new CustomEvent("exercise:phase", {detail: {
        slug: slug,
        phase: phase,
        durationMs: durationMs,
        side: sides === 2 ? (round % 2 === 0 ? "left" : "right") : null,
        rep: Math.min(Math.floor(round / sides) + 1, reps),
        reps: reps
      }}));
    }

    function announce(text) {
      // Clear first so the same words are read again when they repeat.
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = text; }, 50);
    }

    function beep() {
      if (!beepBox.checked) { return; }
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        var tone = audio.createOscillator();
        var volume = audio.createGain();
        tone.frequency.value = 880;
        volume.gain.value = 0.2;
        tone.connect(volume);
        volume.connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.35);
      } catch (error) {
        beepBox.checked = false;  // no sound on this device; the spoken and shown end remain
      }
    }

    function draw() {
      var name = label(round);
      where.textContent = round >= total ? gettext("All done") :
        (countsAt !== null ? (name ? name + ": " : "") + gettext("get into position") : (name || window.pgettext("phase of an exercise", "Hold")));
      clock.textContent = clockText(remaining);
      // With reduced motion the bar moves only in whole seconds (never smoothly).
      bar.value = hold - remaining;
      root.classList.toggle("is-finished", round >= total);
      startButton.disabled = interval !== null || round >= total;
      pauseButton.disabled = interval === null;
      startButton.textContent = remaining < hold && round < total ? gettext("Resume") : window.pgettext("button: start the timer", "Start");
    }

    function stopTicking() {
      window.clearInterval(interval);
      interval = null;
    }

    function update() {
      if (countsAt !== null) {
        if (Date.now() < countsAt) { return; }
        countsAt = null;
        moveLeft = 0;
        endsAt = Date.now() + remaining * tick;
        announce((label(round) ? label(round) + ": " : "") + words(gettext("hold for %(time)s. Go."), {time: spoken(remaining)}));
        tell("hold", remaining * tick);
      }
      remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / tick));
      if (!halfwaySaid && hold >= 4 && remaining <= Math.floor(hold / 2) && remaining > 0) {
        halfwaySaid = true;
        announce(words(gettext("Halfway. %(time)s left."), {time: spoken(remaining)}));
      }
      if (remaining === 0) {
        var hadFocus = document.activeElement === pauseButton;
        stopTicking();
        beep();
        var done = label(round);
        tell("release", moveMs);
        round += 1;
        moveLeft = moveMs;
        if (round >= total) {
          announce(timeIsUp(done) + gettext("All done, well done."));
        } else {
          remaining = hold;
          announce(timeIsUp(done) + words(gettext("Rest, then press Start for %(step)s."), {step: label(round)}));
        }
        draw();
        // The pause button is now disabled: keep keyboard focus somewhere useful.
        if (hadFocus) { (round >= total ? resetButton : startButton).focus(); }
        return;
      }
      draw();
    }

    function start() {
      if (interval !== null || round >= total) { return; }
      if (moveLeft > 0) {
        if (remaining === hold) { halfwaySaid = false; }
        announce((label(round) ? label(round) + ": " : "") +
                 words(gettext("get into position. The count starts in %(time)s."), {time: spoken(Math.ceil(moveLeft / tick))}));
        countsAt = Date.now() + moveLeft;
        tell("move", moveLeft);
      } else if (remaining === hold) {
        halfwaySaid = false;
        announce((label(round) ? label(round) + ": " : "") + words(gettext("hold for %(time)s. Go."), {time: spoken(hold)}));
        tell("hold", remaining * tick);
      } else {
        announce(words(gettext("Going again. %(time)s left."), {time: spoken(remaining)}));
        tell("hold", remaining * tick);
      }
      endsAt = Date.now() + remaining * tick;
      interval = window.setInterval(update, reducedMotion ? tick : Math.max(50, tick / 4));
      draw();
      pauseButton.focus();
    }

    function pause() {
      if (interval === null) { return; }
      update();
      if (countsAt !== null) {
        moveLeft = Math.max(0, countsAt - Date.now());
        countsAt = null;
      }
      stopTicking();
      tell("idle", 0);
      announce(words(gettext("Paused. %(time)s left."), {time: spoken(remaining)}));
      draw();
      startButton.focus();
    }

    function reset() {
      stopTicking();
      round = 0;
      remaining = hold;
      countsAt = null;
      moveLeft = moveMs;
      tell("rest", 0);
      halfwaySaid = false;
      announce(gettext("Timer reset.") + " " + (label(0) ? label(0) + ", " : "") + spoken(hold) + ".");
      draw();
      startButton.focus();
    }

    startButton.addEventListener("click", start);
    pauseButton.addEventListener("click", pause);
    resetButton.addEventListener("click", reset);

    root.querySelector("[data-timer-nojs]").hidden = true;
    ui.hidden = false;
    draw();
  }

  document.querySelectorAll("[data-hold-timer]").forEach(setUp);
})();
