// Fills a slug field from its title as the educator types (input[data-slug-from] names the title's id), until
// the slug is edited by hand. The server makes the same slug when the field is left empty.
(function () {
  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9\s-]/g, "").trim().replace(/[\s-]+/g, "-").slice(0, 70).replace(/-+$/, "");
  }

  document.querySelectorAll("input[data-slug-from]").forEach(function (slug) {
    var title = document.getElementById(slug.dataset.slugFrom);
    if (!title) {
      return;
    }
    var following = slug.value === "" || slug.value === slugify(title.value);
    slug.addEventListener("input", function () {
      following = slug.value === "";
    });
    title.addEventListener("input", function () {
      if (following) {
        slug.value = slugify(title.value);
      }
    });
  });
})();
