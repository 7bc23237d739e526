// Ask form: show already-answered questions like the one being typed, as the visitor types.
// The form works without this: its "Check for similar answers" button does the same on the server.
(function () {
  "use strict";
  var MIN_LENGTH = 20;
  var PAUSE_MS = 700;

  function start() {
    var form = document.querySelector("form[data-similar-url]");
    var box = document.getElementById("similar-answers");
    var question = form && form.querySelector("textarea[name=question]");
    if (!form || !box || !question || !window.fetch) return;
    var timer = null;
    var controller = null;
    var lastText = "";

    function update() {
      var text = question.value.trim().slice(0, 1000);
      if (text.length < MIN_LENGTH || text === lastText) return;
      lastText = text;
      if (controller) controller.abort();
      controller = new AbortController();
      var url = form.dataset.similarUrl + "?q=" + encodeURIComponent(text);
      fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) box.innerHTML = html; })
        .catch(function () { /* the button still works */ });
    }

    question.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, PAUSE_MS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
