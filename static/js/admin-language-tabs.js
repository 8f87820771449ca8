// The admin's change forms: each translated field's English and Spanish boxes as two tabs.
// modeltranslation gives every box its language's field name (name_en, name_es) and the admin
// (staff/admin_translations.py) its lang; without this script both boxes show, one under the other.
(function () {
  "use strict";

  function languageName(code) {
    var name = code;
    try {
      name = new Intl.DisplayNames([code], {type: "language"}).of(code);
    } catch (error) { /* an old browser: the code itself */ }
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  function select(tabs, chosen, focus) {
    tabs.forEach(function (tab) {
      var selected = tab === chosen;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
    });
    if (focus) { chosen.focus(); }
  }

  function onKey(event, tabs) {
    var at = tabs.indexOf(event.target);
    var to = {ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1}[event.key];
    if (to === undefined) { return; }
    event.preventDefault();
    select(tabs, tabs[(to + tabs.length) % tabs.length], true);
  }

  // The boxes of one field, English first: [box in English, box in Spanish, ...].
  function groups(form) {
    var byField = {};
    var order = [];
    form.querySelectorAll(".mt[lang]").forEach(function (box) {
      var field = box.name.slice(0, -(box.lang.length + 1));
      if (!byField[field]) { byField[field] = []; order.push(field); }
      byField[field].push(box);
    });
    return order.map(function (field) { return byField[field]; }).filter(function (boxes) {
      return boxes.length > 1;
    });
  }

  function makeTabs(boxes) {
    var rows = boxes.map(function (box) { return box.closest(".form-row"); });
    var container = document.createElement("div");
    var list = document.createElement("div");
    var label = boxes[0].labels.length ? boxes[0].labels[0].textContent : boxes[0].name;
    container.className = "language-tabs";
    list.className = "language-tabs-list";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", label.replace(/\s*\[\w+\]:?\s*$/, ""));
    rows[0].before(container);
    container.append(list);
    var tabs = boxes.map(function (box, index) {
      var tab = document.createElement("button");
      var row = rows[index];
      tab.type = "button";
      tab.id = "tab-" + box.id;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", row.id = "tab-panel-" + box.id);
      tab.textContent = languageName(box.lang);
      tab.lang = box.lang;
      row.setAttribute("role", "tabpanel");
      row.setAttribute("aria-labelledby", tab.id);
      list.append(tab);
      container.append(row);
      return tab;
    });
    var withError = rows.findIndex(function (row) { return row.classList.contains("errors"); });
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { select(tabs, tab, false); });
      tab.addEventListener("keydown", function (event) { onKey(event, tabs); });
      if (rows[index].classList.contains("errors")) { tab.classList.add("has-errors"); }
    });
    select(tabs, tabs[Math.max(withError, 0)], false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      groups(form).forEach(makeTabs);
    });
  });
})();
