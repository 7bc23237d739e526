// Saved replies on an answer's admin page: each button inserts its text where the editor has
// placed the cursor in the answer (at the end if they have not), as its own paragraph, then
// returns the cursor to the answer just after it.
//
// An answer never placed in still reports its cursor at the start, so each box is marked once
// the editor clicks, types, selects or moves the cursor in it; passing through it with Tab on
// the way to the buttons does not count.
(() => {
  const placed = new WeakSet();
  const CURSOR_KEYS = /^(Arrow|Page|Home$|End$)/;

  function markPlaced(event) {
    if (event.type === "keydown" && !CURSOR_KEYS.test(event.key)) return;
    if (event.target.matches?.(".answer-box textarea")) placed.add(event.target);
  }

  // The line breaks to add beside `side` for a blank line between it and the reply, `breaks`
  // being those it already has there.
  function gap(side, breaks) {
    return side ? "\n\n".slice(breaks.length) : "";
  }

  for (const type of ["pointerdown", "input", "select", "keydown"]) {
    document.addEventListener(type, markPlaced, true);
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.saved-reply");
    if (!button) return;
    const answer = document.getElementById(button.dataset.for);
    if (!answer) return;
    const text = button.dataset.text;
    const start = placed.has(answer) ? answer.selectionStart : answer.value.length;
    const end = placed.has(answer) ? answer.selectionEnd : start;
    const before = answer.value.slice(0, start);
    const after = answer.value.slice(end);
    const lead = gap(before, before.match(/\n{0,2}$/)[0]);
    const tail = gap(after, after.match(/^\n{0,2}/)[0]);
    answer.value = before + lead + text + tail + after;
    const cursor = (before + lead + text).length;
    answer.focus();
    answer.setSelectionRange(cursor, cursor);
    placed.add(answer);
  });
})();
