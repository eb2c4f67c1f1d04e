// Linking the timeline and the codes: pointing at (or focusing) a code line lights up the bars and
// administrations behind it, and the other way round. Delegated on the document, so htmx swaps need no rebinding.
(function () {
  "use strict";

  function idsOf(element) {
    if (element.dataset.admins !== undefined) return element.dataset.admins.split(" ").filter(Boolean);
    return [element.dataset.admin];
  }

  function clear() {
    document.querySelectorAll(".is-linked").forEach(function (element) {
      element.classList.remove("is-linked");
    });
  }

  function light(source) {
    clear();
    var ids = idsOf(source);
    if (!ids.length) return;
    document.querySelectorAll("[data-admin], [data-admins]").forEach(function (element) {
      var theirs = idsOf(element);
      if (theirs.some(function (id) { return ids.indexOf(id) !== -1; })) element.classList.add("is-linked");
    });
  }

  function linkable(target) {
    return target instanceof Element ? target.closest("[data-admin], [data-admins]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var source = linkable(event.target);
    if (source) light(source);
  });
  document.addEventListener("mouseout", function (event) {
    var source = linkable(event.target);
    if (source && !source.contains(event.relatedTarget)) clear();
  });
  document.addEventListener("focusin", function (event) {
    var source = linkable(event.target);
    if (source) light(source);
    else clear();
  });

  // After a swap that removed the focused control (a delete, say), keep keyboard users in the same place.
  document.addEventListener("htmx:afterSettle", function () {
    if (document.activeElement === document.body) {
      var heading = document.getElementById("administrations-heading");
      if (heading) heading.focus();
    }
  });
})();
