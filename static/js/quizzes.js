// Counts an exam's time down between answers. The server keeps the real limit; this only keeps the
// number on screen honest while the trainee thinks. Seconds come from the server, so clock skew does not matter.
(function () {
  function label(element) {
    if (!element.dataset.endsAt) {
      element.dataset.endsAt = String(Date.now() + Number(element.dataset.secondsLeft) * 1000);
    }
    var minutes = Math.ceil((Number(element.dataset.endsAt) - Date.now()) / 60000);
    element.textContent = minutes > 0
      ? minutes + (minutes === 1 ? " minute left" : " minutes left")
      : "Time is up: answers from now on are not recorded";
  }

  function tick() {
    document.querySelectorAll("[data-seconds-left]").forEach(label);
  }

  // After htmx swaps a question panel in, the keyboard goes where the trainee reads next: the feedback
  // after an answer, the new question's heading after "Next question", the first field at fault in a form shown again.
  var PANELS = ["question", "practice"];

  function focusAfterSwap(event) {
    var target = event.detail.target;
    if (!target || PANELS.indexOf(target.id) === -1) {
      return;
    }
    var panel = document.getElementById(target.id);
    if (!panel) {
      return;
    }
    var invalid = panel.querySelector("[aria-invalid=true]");
    if (invalid) {
      invalid.focus();
      return;
    }
    var heading = panel.querySelector("#feedback-heading") || panel.querySelector("#question-heading");
    if (heading) {
      heading.focus();
    }
  }

  // Without htmx (the answer posted as a plain form), the feedback page still opens with focus on the feedback.
  function focusFeedbackOnLoad() {
    var heading = document.getElementById("feedback-heading");
    if (heading && new URLSearchParams(window.location.search).has("answered")) {
      heading.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("DOMContentLoaded", focusFeedbackOnLoad);
  document.addEventListener("htmx:afterSettle", tick);
  document.addEventListener("htmx:afterSettle", focusAfterSwap);
  setInterval(tick, 10000);
})();
