// Shows a part of a form only while a select of the same form has one of the listed values:
// data-show-when="kind:single,multiple" (the choices of a choice question), "key_release:after_due" (a due date).
// Without JavaScript every part is shown; the server checks the fields whatever is shown.
(function () {
  function update(part) {
    var rule = part.dataset.showWhen.split(":");
    var form = part.closest("form");
    var select = form && form.elements[rule[0]];
    if (select) {
      part.hidden = rule[1].split(",").indexOf(select.value) === -1;
    }
  }

  function updateAll() {
    document.querySelectorAll("[data-show-when]").forEach(update);
  }

  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLSelectElement) {
      updateAll();
    }
  });
  document.addEventListener("htmx:afterSettle", updateAll);
  updateAll();
})();
