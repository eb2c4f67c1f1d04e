// The join link's Copy button. Without JavaScript the button stays hidden and the link sits in a read-only box
// to select and copy. With it: the clipboard API, else the older copy command, else the link is selected and
// the reader is told which keys copy it.
(function () {
  function copy(row) {
    var input = row.querySelector("input");
    var status = row.parentElement.querySelector("[data-copy-status]");
    function said(text) {
      status.textContent = text;
    }
    function selectForKeys() {
      input.focus();
      input.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      said(copied ? "Link copied." : "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        said("Link copied.");
      }, selectForKeys);
    } else {
      selectForKeys();
    }
  }

  document.querySelectorAll("[data-copy]").forEach(function (row) {
    var button = row.querySelector("[data-copy-button]");
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(row);
    });
  });
})();
