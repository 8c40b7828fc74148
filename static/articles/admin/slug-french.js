"use strict";
// The admin's URLify drops "œ" and glues words joined by an apostrophe
// ("l'été" → "lete"), while the server slugifies "l-ete". Transliterating the
// same letters first keeps the pre-filled slug equal to the one the server
// would make (articles.models._TRANSLITERATIONS).
(function () {
  const TRANSLITERATIONS = {
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss",
    "’": "-", "'": "-", "«": "", "»": "",
  };
  const pattern = new RegExp("[" + Object.keys(TRANSLITERATIONS).join("") + "]", "g");

  function wrap() {
    const urlify = window.URLify;
    if (typeof urlify !== "function" || urlify.frenchAware) {
      return;
    }
    const frenchAware = function (text, maxLength, allowUnicode) {
      const slug = urlify(text.replace(pattern, (c) => TRANSLITERATIONS[c]), maxLength, allowUnicode);
      return slug.replace(/^-+/, "");
    };
    frenchAware.frenchAware = true;
    window.URLify = frenchAware;
  }

  // prepopulate.js looks URLify up on every keystroke, so replacing it once
  // the page has loaded is enough, whatever order the scripts came in.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrap);
  } else {
    wrap();
  }
})();
