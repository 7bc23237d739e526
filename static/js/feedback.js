// "Was this helpful?" without leaving the page: the form still works without this script.
(function () {
  "use strict";
  document.querySelectorAll(".helpful-form").forEach(function (form) {
    var status = form.parentElement.querySelector(".helpful-status");
    var heading = form.parentElement.querySelector("h2");
    var sending = false;
    function say(text) {
      var p = document.createElement("p");
      p.textContent = text;
      status.replaceChildren(p);
    }
    // The form is done with: the status (a live region) reads out what happened, and focus
    // goes to the section's heading, not to the top of the page with the button that went.
    function done(text) {
      say(text);
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      form.remove();
    }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch) {
        return;
      }
      event.preventDefault();
      // Not `disabled`: a disabled button loses focus, and with it the reader's place.
      if (sending) return;
      sending = true;
      var data = new FormData(form);
      data.set(button.name, button.value);
      fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.ok) {
            done("Thank you. Your answer was counted.");
          } else if (response.status === 429) {
            done("We have counted many answers from you in the last hour. Please try again later.");
          } else {
            throw new Error(response.status);
          }
        })
        .catch(function () {
          sending = false;
          say("Your answer could not be sent. Please try again.");
          button.focus();
        });
    });
  });
})();
