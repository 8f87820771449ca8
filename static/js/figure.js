// The exercise figure moves: from the start to the hold position, holds, and comes back.
//
// Whatever times the exercise (the hold timer, the routine player) tells it what to do with
//   document.dispatchEvent(new CustomEvent("exercise:phase", {detail: {
//     slug, phase, durationMs, side, rep, reps}}))
// phase "move": reach the hold pose in durationMs; "hold": be at the hold pose and stay;
// "release": back to the start in durationMs; "rest": at the start, still; "idle": stop where
// it is (paused). side "right" shows the mirror image; "left" or null the figure as drawn.
//
// Without a timer, its Play button loops the movement a few times and stops at the start: it
// never moves unasked, so nothing distracts a person reading the steps, and it always stops
// (WCAG 2.2.2). With reduced motion, without this script and in print, the page shows the
// start and hold stills side by side instead, and nothing here moves.
(function () {
  "use strict";

  var LOOPS = 3;
  var REST_MS = 800;
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // Two circles and the lines that touch both: one tapered body part (as figures.py draws it).
  function capsule(x1, y1, r1, x2, y2, r2) {
    var dx = x2 - x1, dy = y2 - y1, d = Math.sqrt(dx * dx + dy * dy);
    if (d <= Math.abs(r1 - r2) + 0.01) {
      var big = r1 >= r2 ? [x1, y1, r1] : [x2, y2, r2];
      var r = big[2];
      return "M" + (big[0] - r) + " " + big[1] + "a" + r + " " + r + " 0 1 0 " + 2 * r + " 0a" +
        r + " " + r + " 0 1 0 " + -2 * r + " 0z";
    }
    var theta = Math.atan2(dy, dx), alpha = Math.acos((r1 - r2) / d);
    var c = Math.cos(theta + alpha), s = Math.sin(theta + alpha);
    var c2 = Math.cos(theta - alpha), s2 = Math.sin(theta - alpha);
    function n(value) { return value.toFixed(1); }
    return "M" + n(x1 + r1 * c) + " " + n(y1 + r1 * s) + "L" + n(x2 + r2 * c) + " " + n(y2 + r2 * s) +
      "A" + n(r2) + " " + n(r2) + " 0 0 0 " + n(x2 + r2 * c2) + " " + n(y2 + r2 * s2) +
      "L" + n(x1 + r1 * c2) + " " + n(y1 + r1 * s2) +
      "A" + n(r1) + " " + n(r1) + " 0 1 0 " + n(x1 + r1 * c) + " " + n(y1 + r1 * s) + "z";
  }

  function ease(t) { return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2; }

  function setUp(root) {
    var live = root.querySelector("[data-figure-live]");
    if (!live) { return; }
    var frames = JSON.parse(live.getAttribute("data-frames"));
    var moveMs = parseInt(live.getAttribute("data-move-ms"), 10);
    var body = live.querySelector("[data-figure-body]");
    var parts = body.querySelectorAll("path");
    var controls = root.querySelector("[data-figure-controls]");
    // In the guided routine the player moves the figure, and its Pause stops it.
    var driven = root.hasAttribute("data-figure-driven");
    var button = root.querySelector("[data-figure-play]");
    var slug = root.getAttribute("data-exercise-figure");
    var loopHoldMs = parseInt(root.getAttribute("data-loop-hold-ms"), 10) || 1500;

    var progress = 0;     // 0: the start pose, 1: the hold pose
    var tween = null;     // {from, to, startsAt, durationMs, then}
    var frameRequest = null;
    var loopTimer = null;
    var loopsLeft = 0;

    function draw() {
      var position = progress * (frames.length - 1);
      var index = Math.min(Math.floor(position), frames.length - 2);
      var t = position - index;
      var a = frames[index], b = frames[index + 1];
      for (var i = 0; i < parts.length; i += 1) {
        var v = [];
        for (var k = 0; k < 6; k += 1) { v.push(a[i * 6 + k] + (b[i * 6 + k] - a[i * 6 + k]) * t); }
        parts[i].setAttribute("d", capsule(v[0], v[1], v[2], v[3], v[4], v[5]));
      }
      root.setAttribute("data-figure-progress", progress.toFixed(3));
    }

    function step() {
      frameRequest = null;
      if (!tween) { return; }
      var t = tween.durationMs > 0 ? (performance.now() - tween.startsAt) / tween.durationMs : 1;
      progress = tween.from + (tween.to - tween.from) * ease(Math.min(1, Math.max(0, t)));
      draw();
      if (t >= 1) {
        var then = tween.then;
        tween = null;
        if (then) { then(); }
        return;
      }
      frameRequest = window.requestAnimationFrame(step);
    }

    function moveTo(target, durationMs, then) {
      tween = {from: progress, to: target, startsAt: performance.now(), durationMs: durationMs || 0, then: then};
      if (frameRequest === null) { frameRequest = window.requestAnimationFrame(step); }
    }

    function freeze() {
      tween = null;
      if (frameRequest !== null) { window.cancelAnimationFrame(frameRequest); frameRequest = null; }
    }

    function showLive() {
      if (reducedMotion.matches) { return false; }
      root.classList.add("is-live");
      return true;
    }

    function mirror(side) {
      if (side === "right") { body.setAttribute("transform", live.getAttribute("data-mirror")); }
      else { body.removeAttribute("transform"); }
    }

    function setPlaying(playing) {
      button.setAttribute("aria-pressed", playing ? "true" : "false");
      // Words from Django's JavaScript catalog (/jsi18n/, loaded before this script).
      button.textContent = playing ? window.gettext("Pause the movement") : window.gettext("Play the movement");
    }

    function stopLoop() {
      window.clearTimeout(loopTimer);
      loopTimer = null;
      loopsLeft = 0;
      setPlaying(false);
    }

    function loopOnce() {
      if (loopsLeft <= 0) { stopLoop(); return; }
      loopsLeft -= 1;
      moveTo(1, moveMs, function () {
        loopTimer = window.setTimeout(function () {
          moveTo(0, moveMs, function () {
            loopTimer = window.setTimeout(loopOnce, REST_MS);
          });
        }, loopHoldMs);
      });
    }

    button.addEventListener("click", function () {
      if (loopsLeft > 0) {
        stopLoop();
        freeze();
        return;
      }
      if (!showLive()) { return; }
      mirror(null);
      loopsLeft = LOOPS;
      setPlaying(true);
      loopOnce();
    });

    document.addEventListener("exercise:phase", function (event) {
      var detail = event.detail || {};
      if (detail.slug !== slug || reducedMotion.matches) { return; }
      if (loopsLeft > 0) { stopLoop(); }
      showLive();
      mirror(detail.side);
      if (detail.phase === "move") { moveTo(1, detail.durationMs); }
      else if (detail.phase === "hold") { moveTo(1, 0); }
      else if (detail.phase === "release") { moveTo(0, detail.durationMs); }
      else if (detail.phase === "rest") { moveTo(0, 0); }
      else if (detail.phase === "idle") { freeze(); }
    });

    reducedMotion.addEventListener("change", function () {
      if (reducedMotion.matches) {
        stopLoop();
        freeze();
        root.classList.remove("is-live");
      }
      controls.hidden = driven || reducedMotion.matches;
    });

    draw();
    controls.hidden = driven || reducedMotion.matches;
  }

  document.querySelectorAll("[data-exercise-figure]").forEach(setUp);
})();
