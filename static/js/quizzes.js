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

  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSettle", tick);
  setInterval(tick, 10000);
})();
