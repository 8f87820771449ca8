// The request form works without this script; with it, errors get focus and the urgent-care
// message appears as soon as a red-flag box is ticked.
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  var panel = document.getElementById("urgent-now");
  var group = document.getElementById("red-flags");
  if (!panel || !group) {
    return;
  }
  var boxes = group.querySelectorAll("input[type=checkbox]");

  function update() {
    var anyTicked = Array.prototype.some.call(boxes, function (box) { return box.checked; });
    panel.hidden = !anyTicked;
  }

  group.addEventListener("change", update);
  update();
})();
