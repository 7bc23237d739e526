// Saved replies on an answer's admin page: each button inserts its text where the cursor is in
// the answer (at the end if the answer has not been clicked into), as its own paragraph, then
// returns the cursor to the answer just after it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.saved-reply");
  if (!button) return;
  const answer = document.getElementById(button.dataset.for);
  if (!answer) return;
  const text = button.dataset.text;
  const start = answer.selectionStart ?? answer.value.length;
  const end = answer.selectionEnd ?? start;
  const before = answer.value.slice(0, start);
  const after = answer.value.slice(end);
  const lead = before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "";
  const tail = after && !after.startsWith("\n") ? "\n\n" : "";
  answer.value = before + lead + text + tail + after;
  const cursor = (before + lead + text).length;
  answer.focus();
  answer.setSelectionRange(cursor, cursor);
});
