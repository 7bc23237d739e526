// A question's page in admin: a step that cannot be undone (rejecting it, erasing the asker's
// details, replacing a written draft) asks first. Without JavaScript the button works at once.
//
// A button that replaces a text box's content ("Start from this answer", data-replaces) asks only
// while the box holds text, as it stands when pressed: the page draws its data-confirm from the
// box as saved, and the editor may have typed a draft or cleared one since.
//
// On a question a colleague holds, a step left without the tick that the editor checked with them
// ("id_checked_with_holder") is refused by the page before anything is done: it asks nothing then,
// so as not to ask first and refuse after.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-confirm], button[data-replaces]");
  if (!button) return;
  const checkedWithHolder = document.getElementById("id_checked_with_holder");
  if (checkedWithHolder && !checkedWithHolder.checked) return;
  let question = button.dataset.confirm;
  const box = button.dataset.replaces && document.getElementById(button.dataset.replaces);
  if (box) question = box.value.trim() ? button.dataset.replacesConfirm : "";
  if (question && !window.confirm(question)) event.preventDefault();
});
