// Ask form, as the visitor types: urgent advice at once if the words (or the ticked boxes) show a
// warning sign, then already-answered questions like theirs; and a warning, before sending, when
// they could never receive the answer. The form works without this: "Check for similar answers"
// does the same on the server, and the server refuses a question nobody could answer unless
// "Send it anyway" is ticked.
(function () {
  "use strict";
  var MIN_LENGTH = 10;
  var PAUSE_MS = 700;

  function liveSimilar(form) {
    var box = document.getElementById("similar-answers");
    var question = form.querySelector("textarea[name=question]");
    if (!box || !question || !window.fetch) return;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function query() {
      var params = new URLSearchParams();
      params.append("q", question.value.trim().slice(0, 1000));
      form.querySelectorAll("input[name=red_flags_ticked]:checked").forEach(function (box) {
        params.append("red_flags_ticked", box.value);
      });
      return params.toString();
    }

    function update() {
      var text = question.value.trim();
      var ticked = form.querySelector("input[name=red_flags_ticked]:checked");
      var params = query();
      if ((text.length < MIN_LENGTH && !ticked) || params === lastQuery) return;
      lastQuery = params;
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(form.dataset.similarUrl + "?" + params, {
        signal: controller.signal,
        headers: { Accept: "text/html" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) box.innerHTML = html; })
        .catch(function () { /* the button still works */ });
    }

    question.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, PAUSE_MS);
    });
    form.querySelectorAll("input[name=red_flags_ticked]").forEach(function (box) {
      box.addEventListener("change", update);
    });
  }

  function noReplyWarning(form) {
    var notice = document.getElementById("no-reply");
    var email = form.querySelector("input[name=email]");
    var publish = form.querySelector("input[name=consent_to_publish]");
    if (!notice || !email || !publish) return;
    function show() {
      notice.hidden = email.value.trim() !== "" || publish.checked;
    }
    email.addEventListener("input", show);
    publish.addEventListener("change", show);
    show();
  }

  function start() {
    var form = document.querySelector("form[data-similar-url]");
    if (!form) return;
    liveSimilar(form);
    noReplyWarning(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
