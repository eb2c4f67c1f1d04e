// pylti1p3's cookie check, as a file (our Content-Security-Policy runs no inline script). Inside a platform's
// iframe a browser that blocks third-party cookies cannot keep the sign-in, so the page offers a new window;
// when a test cookie sticks, the login goes on here. Without JavaScript both links are shown and work.
(function () {
  var page = document.getElementById("cookie-check");
  if (!page) {
    return;
  }
  var attributes = "; path=/" + (location.protocol === "https:" ? "; SameSite=None; Secure" : "");
  document.cookie = "lti1p3_test_cookie=1" + attributes;
  if (document.cookie.indexOf("lti1p3_test_cookie=1") !== -1) {
    document.cookie = "lti1p3_test_cookie=; expires=Thu, 01 Jan 1970 00:00:01 GMT" + attributes;
    window.location.replace(page.dataset.continue);
  } else {
    document.getElementById("cookie-waiting").hidden = true;
    document.getElementById("cookie-blocked").hidden = false;
    document.getElementById("cookie-continue").remove(); // .btn sets display, which would beat `hidden`
  }
})();
