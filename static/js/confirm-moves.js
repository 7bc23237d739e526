// A question's page in admin: a step that cannot be undone (rejecting it, erasing the asker's
// details) asks first. Without JavaScript the button works at once, as before.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
