// Posts the form named by the script's data-form as soon as the page is read (the deep-linking answer to the
// platform). Without JavaScript the form's own button does the same.
(function () {
  const script = document.currentScript;
  const form = script && document.getElementById(script.dataset.form);
  if (form) {
    form.requestSubmit();
  }
})();
