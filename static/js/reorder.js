// Drag to reorder the quiz editor's items. The Up and Down buttons beside each row do the same by keyboard and
// without JavaScript; this only adds dragging: on drop, the new order is posted with the page's reorder form.
(function () {
  var list = document.querySelector("ol[data-reorder]");
  var form = document.querySelector("form.reorder-form");
  if (!list || !form) {
    return;
  }
  var dragged = null;
  var before = "";

  function order() {
    return Array.prototype.map.call(list.querySelectorAll("li[data-token]"), function (row) {
      return row.dataset.token;
    }).join(",");
  }

  function rowOf(target) {
    return target instanceof Element ? target.closest("li[data-token]") : null;
  }

  list.addEventListener("dragstart", function (event) {
    dragged = rowOf(event.target);
    if (!dragged) {
      return;
    }
    before = order();
    dragged.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.token);
  });

  list.addEventListener("dragover", function (event) {
    var over = rowOf(event.target);
    if (!dragged || !over || over === dragged) {
      return;
    }
    event.preventDefault();
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });

  list.addEventListener("drop", function (event) {
    event.preventDefault();
  });

  list.addEventListener("dragend", function () {
    if (!dragged) {
      return;
    }
    dragged.classList.remove("is-dragging");
    dragged = null;
    if (order() !== before) {
      form.querySelector("input[name=order]").value = order();
      form.requestSubmit();
    }
  });
})();
