// Django admin's autocomplete boxes (Select2) name neither their combobox nor their search field,
// and a multiple box puts its "remove all" button inside its list. Give each the label of its
// field, and move the button beside the list, whenever Select2 draws them.
function labelAutocompletes() {
  document.querySelectorAll("select.admin-autocomplete[id]").forEach((select) => {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const container = select.nextElementSibling;
    if (!label || !container || !container.classList.contains("select2")) return;
    label.id ||= `${select.id}_label`;
    const combobox = container.querySelector(".select2-selection");
    // A single box's combobox and the text showing its choice are named "label: choice".
    const shown = container.querySelector(".select2-selection__rendered[id]");
    const name = shown ? `${label.id} ${shown.id}` : label.id;
    combobox?.setAttribute("aria-labelledby", name);
    shown?.setAttribute("aria-labelledby", name);
    container.querySelectorAll(".select2-search__field").forEach((field) => {
      field.setAttribute("aria-labelledby", label.id);
    });
    container.querySelectorAll("ul > .select2-selection__clear").forEach((clear) => {
      clear.parentElement.before(clear);
    });
  });
}

new MutationObserver(labelAutocompletes).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
