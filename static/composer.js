/* Lantern composer: keeps what you type in this browser (localStorage) until it is posted.
   Progressive enhancement only: every form works without it. Same origin, for the CSP. */
(function () {
  "use strict";
  var PREFIX = "lantern-draft:";
  var store;
  try { store = window.localStorage; store.getItem(PREFIX); } catch (e) { return; }

  // The page shown after a successful post names the draft that can now be forgotten.
  document.querySelectorAll("[data-clear-draft]").forEach(function (element) {
    store.removeItem(PREFIX + element.getAttribute("data-clear-draft"));
  });

  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-draft-key");
    var status = form.querySelector("[data-autosave-status]");
    var fields = ["title", "content_warning", "body"]
      .map(function (name) { return form.elements[name]; })
      .filter(Boolean);
    var timer = null;

    function say(text) {
      if (status && status.textContent !== text) { status.textContent = text; }
    }

    function save() {
      var data = {};
      var typed = false;
      fields.forEach(function (field) {
        data[field.name] = field.value;
        typed = typed || field.value.trim() !== "";
      });
      try {
        if (typed) {
          store.setItem(key, JSON.stringify(data));
          say("Draft saved in this browser.");
        } else {
          store.removeItem(key);
        }
      } catch (e) { /* storage full or blocked: the server still keeps failed posts */ }
    }

    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    var empty = fields.every(function (field) { return field.value.trim() === ""; });
    if (saved && empty) {
      fields.forEach(function (field) {
        if (typeof saved[field.name] === "string") { field.value = saved[field.name]; }
      });
      say("Restored your unsent draft from this browser.");
    }

    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 700);
    });
    form.addEventListener("submit", save);
  });
})();
