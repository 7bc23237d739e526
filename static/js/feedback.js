// "Was this helpful?" without leaving the page: the form still works without this script.
(function () {
  "use strict";
  document.querySelectorAll(".helpful-form").forEach(function (form) {
    var status = form.parentElement.querySelector(".helpful-status");
    function say(text) {
      var p = document.createElement("p");
      p.textContent = text;
      status.replaceChildren(p);
    }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch) {
        return;
      }
      event.preventDefault();
      var data = new FormData(form);
      data.set(button.name, button.value);
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.ok) {
            say("Thank you. Your answer was counted.");
            // The button pressed goes with its form: focus moves to the thanks first, not to
            // the top of the page.
            status.setAttribute("tabindex", "-1");
            status.focus();
            form.remove();
          } else if (response.status === 429) {
            say("We have counted many answers from you in the last hour. Please try again later.");
          } else {
            throw new Error(response.status);
          }
        })
        .catch(function () {
          say("Your answer could not be sent. Please try again.");
          form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        });
    });
  });
})();
