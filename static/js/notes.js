/* Notes: live personal-data preview while the author types, a character
   counter, and "redact the selected text". The page works without this
   script: the "Check for personal data" button renders the same preview. */
(function () {
  "use strict";
  var form = document.getElementById("note-form");
  if (!form) { return; }
  var narrative = form.querySelector("#narrative");
  var extra = form.querySelector("#extra_redactions");
  var previewBody = document.getElementById("preview-body");
  var counter = document.getElementById("narrative-counter");
  var max = narrative ? parseInt(narrative.getAttribute("maxlength"), 10) : 0;
  var timer = null;
  var inFlight = null;

  function updateCounter() {
    if (!counter || !narrative || !max) { return; }
    counter.hidden = false;
    counter.textContent = narrative.value.length + " / " + max;
  }

  function refreshPreview() {
    if (!previewBody || !narrative) { return; }
    if (inFlight) { inFlight.abort(); }
    inFlight = new AbortController();
    var data = new FormData();
    data.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
    data.append("narrative", narrative.value);
    if (extra) { data.append("extra_redactions", extra.value); }
    if (form.dataset.noteId) { data.append("note_id", form.dataset.noteId); }
    fetch(form.dataset.previewUrl, {
      method: "POST", body: data, credentials: "same-origin", signal: inFlight.signal
    }).then(function (response) {
      if (!response.ok) { return null; }
      return response.text();
    }).then(function (html) {
      if (html !== null) { previewBody.innerHTML = html; }
    }).catch(function () { /* a newer request replaced this one, or offline */ });
  }

  function schedule() {
    updateCounter();
    window.clearTimeout(timer);
    timer = window.setTimeout(refreshPreview, 700);
  }

  function redactSelection() {
    if (!narrative || !extra) { return; }
    var selected = narrative.value.substring(narrative.selectionStart, narrative.selectionEnd).trim();
    if (!selected) { narrative.focus(); return; }
    var lines = extra.value.split("\n").map(function (l) { return l.trim(); });
    if (lines.indexOf(selected) === -1) {
      extra.value = (extra.value.trim() ? extra.value.trim() + "\n" : "") + selected;
    }
    refreshPreview();
  }

  if (narrative) { narrative.addEventListener("input", schedule); }
  if (extra) { extra.addEventListener("input", schedule); }
  var button = document.getElementById("redact-selection");
  if (button) { button.addEventListener("click", redactSelection); }
  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });
  updateCounter();
}());
