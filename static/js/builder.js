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

  // After a swap that removed the focused control, keep keyboard users in the same place: back on the Edit
  // button of a closed edit form, on Undo after a delete, or else on the Administrations heading.
  var returnTo = null; // the id of the Edit button to focus once the edit form it opened has closed
  document.addEventListener("click", function (event) {
    var cancel = event.target instanceof Element ? event.target.closest("[data-cancel]") : null;
    var card = cancel && cancel.closest(".admin-card");
    if (card) returnTo = "edit-" + card.dataset.admin;
  });
  // After an add, the keyboard goes to the new card's heading; after an add the server refused, to the first
  // field it named. The cards on the page before the request tell which card is new.
  var cardsBeforeAdd = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (source instanceof Element && source.closest(".add-card")) {
      cardsBeforeAdd = Array.prototype.map.call(document.querySelectorAll(".admin-card"), function (card) {
        return card.id;
      });
    }
  });
  function focusAfterAdd() {
    if (cardsBeforeAdd === null) return false;
    var before = cardsBeforeAdd;
    cardsBeforeAdd = null;
    var added = Array.prototype.filter.call(document.querySelectorAll(".admin-card"), function (card) {
      return before.indexOf(card.id) === -1;
    })[0];
    var target = added ? added.querySelector(".admin-name") : document.querySelector(".add-card [aria-invalid]");
    if (!target) return false;
    if (added) target.setAttribute("tabindex", "-1");
    target.focus();
    return true;
  }

  document.addEventListener("htmx:afterSettle", function () {
    if (focusAfterAdd()) {
      markScrollers();
      return;
    }
    // Judged by what the page now shows, not by which request settled: a quick Escape can make the
    // answer that opened the form settle after the Cancel was already pressed.
    var back = null;
    if (returnTo && !document.querySelector(".admin-card [data-cancel]")) {
      back = document.getElementById(returnTo);
      returnTo = null;
    }
    if (back) back.focus();
    else if (document.activeElement === document.body) {
      var next = document.getElementById("undo-delete") || document.getElementById("administrations-heading");
      if (next) next.focus();
    }
    markScrollers();
  });

  // Escape closes an open inline edit form, like its Cancel link.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var cancel = document.querySelector(".admin-card [data-cancel]");
    if (cancel) {
      event.preventDefault();
      // A quick Escape can come before htmx has wired up the form it just swapped in.
      if (window.htmx) window.htmx.process(cancel);
      cancel.click();
    }
  });

  // A picture or table wider than its box gets edge shadows and a hint, on the side where more is hidden.
  function markScroller(frame) {
    var scroller = frame.firstElementChild;
    var room = scroller.scrollWidth - scroller.clientWidth;
    frame.classList.toggle("more-left", room > 1 && scroller.scrollLeft > 1);
    frame.classList.toggle("more-right", room > 1 && scroller.scrollLeft < room - 1);
  }
  function markScrollers() {
    document.querySelectorAll(".scroll-frame").forEach(markScroller);
  }
  document.addEventListener("scroll", function (event) {
    var frame = event.target instanceof Element ? event.target.parentElement : null;
    if (frame && frame.classList.contains("scroll-frame")) markScroller(frame);
  }, true);
  document.addEventListener("toggle", markScrollers, true);
  window.addEventListener("resize", markScrollers);
  markScrollers();
})();
