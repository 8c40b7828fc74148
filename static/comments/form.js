/*
 * The comment form works without this script. With it, the form gets a token of its own
 * as soon as the reader starts writing: a page kept by a shared cache carries one token
 * for all its readers, and each token posts only once (see comments/views.py).
 */
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !window.fetch) {
    return;
  }
  var field = form.querySelector('input[name="timestamp"]');
  var url = form.getAttribute("data-token-url");
  if (!field || !url) {
    return;
  }
  var asked = false;
  form.addEventListener("focusin", function () {
    if (asked) {
      return;
    }
    asked = true;
    fetch(url, { credentials: "omit", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data.token === "string") {
          field.value = data.token;
        }
      })
      .catch(function () {
        // The token the page came with still works, unless someone else used it first.
      });
  });
})();
