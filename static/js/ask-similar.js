// Ask form, as the visitor types: urgent advice at once if the words (or the ticked boxes) show a
// warning sign, then already-answered questions like theirs; and a warning, before sending, when
// they could never receive the answer. The form works without this: "Check for similar answers"
// does the same on the server, and the server refuses a question nobody could answer unless
// "Send it anyway" is ticked.
//
// Each sign's advice shows in one place only: at the top of the page if the server put it there,
// right under its tick box for a box ticked (so that the box just ticked stays where it is and
// the advice shows beside it, even on a phone), else in the similar-answers box. What a screen
// reader hears: that advice once, as an alert, when it first shows; a short status line ("5
// answered questions like yours below") when it changes; never the list itself. Nothing is
// rewritten that has not changed.
(function () {
  "use strict";
  var MIN_LENGTH = 10;
  var PAUSE_MS = 700;

  // The names of the signs whose advice `root` shows.
  function signsIn(root) {
    var names = [];
    if (!root) return names;
    root.querySelectorAll("[data-sign]").forEach(function (item) {
      names.push(item.dataset.sign);
    });
    return names;
  }

  // A copy of the advice box `alert` with only the signs `keep` accepts, its heading named
  // `headingId`; null when no sign is left.
  function adviceFor(alert, keep, headingId) {
    if (!alert) return null;
    var copy = alert.cloneNode(true);
    copy.querySelectorAll("[data-sign]").forEach(function (item) {
      if (!keep(item.dataset.sign)) item.remove();
    });
    if (!copy.querySelector("[data-sign]")) return null;
    var heading = copy.querySelector("[id]");
    if (heading) {
      heading.id = headingId;
      copy.setAttribute("aria-labelledby", headingId);
    }
    return copy;
  }

  // Put `content` (an element or null) in `place`, unless that is what it already holds: an alert
  // written again would be announced again. Advice moved to another place (a box ticked for a
  // sign the words already showed) is no alert there when each of its signs was announced.
  function show(place, content, announced) {
    if (!place) return;
    var signs = signsIn(content);
    if (content && signs.every(function (name) { return announced[name]; })) {
      content.removeAttribute("role");
    }
    var html = content ? content.outerHTML : "";
    if (place.innerHTML !== html) place.innerHTML = html;
    signs.forEach(function (name) { announced[name] = true; });
  }

  function liveSimilar(form) {
    var box = document.getElementById("similar-answers");
    var question = form.querySelector("textarea[name=question]");
    if (!box || !question || !window.fetch || !window.DOMParser) return;
    var parts = {
      urgent: document.getElementById("similar-urgent"),
      status: document.getElementById("similar-status"),
      list: document.getElementById("similar-list"),
    };
    var tickBoxes = form.querySelectorAll("input[name=red_flags_ticked]");
    // A place for each box's advice, right after the box and its label.
    var tickedPlaces = {};
    tickBoxes.forEach(function (box) {
      var place = document.createElement("div");
      place.className = "ticked-advice";
      (box.closest("label") || box).insertAdjacentElement("afterend", place);
      tickedPlaces[box.value] = place;
    });
    // Advice the server already put at the top of the page is not repeated below it.
    var atTop = signsIn(document.getElementById("urgent-advice"));
    var timer = null;
    var controller = null;
    var lastQuery = "";
    var lastHtml = null;
    var lastAlert = null; // the advice in the last answer, for the words and the boxes ticked
    var lastAsked = []; // the boxes ticked when it was asked for
    var announced = {}; // the signs whose advice a screen reader has heard, by name

    function tickedNames() {
      var names = [];
      form.querySelectorAll("input[name=red_flags_ticked]:checked").forEach(function (box) {
        names.push(box.value);
      });
      return names;
    }

    // The whole question, as a warning sign may come at its end (the server ranks answers on
    // its start only), and the boxes ticked: a form body, never a URL's query, as proxies log
    // URLs.
    function query() {
      var params = new URLSearchParams();
      params.append("question", question.value.trim());
      tickedNames().forEach(function (name) {
        params.append("red_flags_ticked", name);
      });
      return params.toString();
    }

    // Each sign's advice in one place: a ticked one right under its tick box, one the words
    // show in the similar-answers box, neither if the top of the page gives it.
    function showAdvice() {
      var ticked = tickedNames();
      function isNew(name) { return atTop.indexOf(name) === -1; }
      tickBoxes.forEach(function (box) {
        var name = box.value;
        show(tickedPlaces[name], adviceFor(lastAlert, function (sign) {
          return sign === name && box.checked && isNew(name);
        }, "ticked-urgent-heading-" + name), announced);
      });
      show(parts.urgent, adviceFor(lastAlert, function (name) {
        var boxed = ticked.indexOf(name) !== -1 || lastAsked.indexOf(name) !== -1;
        return !boxed && isNew(name);
      }, "similar-urgent-heading"), announced);
      sayInTitle(adviceShown());
    }

    function adviceShown() {
      return atTop.length > 0 || !!document.querySelector(
        ".ticked-advice [data-sign], #similar-urgent [data-sign]");
    }

    // The title says so whenever advice shows, as the server's pages do: a screen reader reads
    // the title first, and it is what a tab shows.
    function sayInTitle(shown) {
      var prefix = form.dataset.helpTitle || "";
      var plain = document.title.indexOf(prefix) === 0 ? document.title.slice(prefix.length)
                                                       : document.title;
      document.title = shown && prefix ? prefix + plain : plain;
    }

    function showAnswers(html, asked) {
      lastAsked = asked;
      if (html !== lastHtml) { // else nothing is rewritten, nor read out again
        lastHtml = html;
        var fragment = new DOMParser().parseFromString(html, "text/html");
        lastAlert = fragment.querySelector("#similar-urgent [role=alert]");
        var status = fragment.getElementById("similar-status");
        var text = status ? status.textContent : "";
        if (parts.status && parts.status.textContent !== text) parts.status.textContent = text;
        var list = fragment.getElementById("similar-list");
        if (parts.list && list) showList(list.innerHTML);
      }
      showAdvice();
    }

    // Someone on one of the links (keyboard, screen reader) keeps it: the new list waits until
    // focus leaves the list, as rewriting it would drop their focus to the top of the page.
    var heldList = null;
    function showList(html) {
      if (parts.list.contains(document.activeElement)) {
        heldList = html;
        return;
      }
      heldList = null;
      if (parts.list.innerHTML !== html) parts.list.innerHTML = html;
    }
    if (parts.list) {
      parts.list.addEventListener("focusout", function (event) {
        if (heldList !== null && !parts.list.contains(event.relatedTarget)) {
          setTimeout(function () { if (heldList !== null) showList(heldList); });
        }
      });
    }

    // Asks for the answers to what is typed and ticked now, and shows them; resolves to whether
    // they were shown. A request started since aborts this one.
    function fetchAnswers() {
      var asked = tickedNames();
      var params = query();
      lastQuery = params;
      if (controller) controller.abort();
      controller = new AbortController();
      return fetch(form.dataset.similarUrl, {
        method: "POST",
        body: params,
        signal: controller.signal,
        headers: { Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) return false;
          showAnswers(html, asked);
          box.dataset.shownFor = params; // what is shown now answers: browser tests wait on it
          return true;
        });
    }

    function update() {
      var text = question.value.trim();
      if ((text.length < MIN_LENGTH && !tickedNames().length) || query() === lastQuery) return;
      fetchAnswers().catch(function () { /* the button still works */ });
    }

    // "Check for similar answers" shows them here, without leaving the page: Back to a page that
    // answered a post makes the browser ask to send the form again, which a visitor back from
    // reading an answer cannot make sense of. Focus goes to the answers, as on the page the
    // server sends, unless urgent advice shows: that comes first. Should the answers not come,
    // the form is posted, as without JavaScript.
    var posting = false;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (posting || !button || button.value !== "check") return;
      event.preventDefault();
      function post() {
        posting = true;
        form.requestSubmit(button); // its submit event is dispatched before this returns
        posting = false;
      }
      fetchAnswers().then(function (shown) {
        if (!shown) return post();
        var heading = document.getElementById("similar-answers-heading");
        if (heading && !adviceShown()) heading.focus();
      }, function (error) {
        if (error.name !== "AbortError") post(); // else newer typing is being answered
      });
    });

    question.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, PAUSE_MS);
    });
    tickBoxes.forEach(function (box) {
      box.addEventListener("change", function () {
        showAdvice(); // an unticked box's advice goes at once; a ticked one's comes with the answer
        update();
      });
    });
    // Back to this page, the browser loads it again and puts back what was typed and ticked
    // (Chromium does so just before "pageshow"): the advice for it shows again at once, not
    // only once something more is typed.
    window.addEventListener("pageshow", function () {
      var restored = question.value !== question.defaultValue ||
        Array.prototype.some.call(tickBoxes, function (box) {
          return box.checked !== box.defaultChecked;
        });
      if (restored) update();
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
    window.addEventListener("pageshow", show); // what the browser put back, on the way Back
  }

  // From pressing a button until the next page opens, what is typed or ticked would be lost (that
  // page holds what was sent): the boxes take no change meanwhile, and say so. Read-only, not
  // disabled, as disabled boxes would not be sent; tick boxes and choices (radio buttons) have no
  // read-only, so they are marked aria-disabled and their clicks (a label's and the space bar's
  // too) cancelled. No aria-busy, which would silence the note's status. A page brought back by
  // Back is unlocked.
  // A page whose loading was stopped (Esc, the stop button, a dropped connection) tells the page
  // nothing: after a wait far longer than a send takes, the boxes are unlocked and the note says
  // to send again, which the form's one-time token keeps from storing the question twice.
  function lockWhileSending(form) {
    var note = document.getElementById("ask-sending");
    var boxes = form.querySelectorAll("textarea, input[type=text], input[type=email]");
    var ticks = form.querySelectorAll("input[type=checkbox], input[type=radio]");
    var sending = false;
    var stuck = null;
    function lock(locked, said) {
      sending = locked;
      clearTimeout(stuck);
      boxes.forEach(function (box) { box.readOnly = locked; });
      ticks.forEach(function (tick) {
        if (locked) tick.setAttribute("aria-disabled", "true");
        else tick.removeAttribute("aria-disabled");
      });
      if (note) note.textContent = said || "";
    }
    form.addEventListener("click", function (event) {
      if (sending && event.target.matches("input[type=checkbox], input[type=radio]")) {
        event.preventDefault();
      }
    });
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return; // answered in the page: no next page is coming
      lock(true, note && note.dataset.busy);
      if (!note) return;
      stuck = setTimeout(function () { lock(false, note.dataset.stuck); },
                         Number(note.dataset.stuckAfter));
    });
    window.addEventListener("pageshow", function () { lock(false); });
  }

  // After a send that failed, the error summary; after "Check for similar answers", its answers
  // (unless the page starts with urgent advice): the server names what to focus.
  function focusOnLoad(form) {
    var target = form.dataset.focus && document.getElementById(form.dataset.focus);
    if (target) target.focus();
  }

  // A link in the error summary puts focus in its field with the field's label, hint and error
  // in view above it: the browser's own jump scrolls the field to the very top of the screen,
  // which on a phone hides what the field is and what is wrong with it.
  function summaryLinks() {
    var summary = document.getElementById("error-summary");
    if (!summary) return;
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.hash.slice(1));
      var group = field && field.closest(".field");
      if (!group) return;
      event.preventDefault();
      group.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // A page that answers a post (the form sent back unsent, or checked when the answers could not
  // be fetched) is made the form's own page in the browser's history: Back to it from another
  // page then opens the form afresh, where the browser would ask to send the form again. The
  // browser puts back only what was typed since a page opened, so what the server filled in is
  // marked typed: a text box's own value is cleared, the question box is written.
  function forgetThePost(form) {
    if (!window.history.replaceState) return;
    form.querySelectorAll("input[type=text], input[type=email]").forEach(function (box) {
      var typed = box.value;
      box.defaultValue = "";
      box.value = typed;
    });
    form.querySelectorAll("textarea").forEach(function (box) { box.value = box.value; });
    window.history.replaceState(window.history.state, "", location.href);
  }

  function start() {
    var form = document.querySelector("form[data-similar-url]");
    if (!form) return;
    liveSimilar(form);
    noReplyWarning(form);
    lockWhileSending(form);
    focusOnLoad(form);
    summaryLinks();
    forgetThePost(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
