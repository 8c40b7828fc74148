"use strict";
// A <datalist> only ever matches the whole value of its field. Tags are a
// comma-separated list, so on each keystroke the suggestions are rewritten to
// be "what is already typed" + "an existing tag", for the tag after the last
// comma. Without this script the field is a plain comma-separated text field.
(function () {
  const LIMIT = 30;

  function tokens(text) {
    return text
      .split(",")
      .map((part) => part.trim().replace(/^"|"$/g, "").toLowerCase())
      .filter(Boolean);
  }

  function enhance(input) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    const names = Array.from(list.options, (option) => option.value);

    function refresh() {
      const value = input.value;
      const cut = value.lastIndexOf(",");
      const head = cut === -1 ? "" : value.slice(0, cut + 1) + " ";
      const typed = value.slice(cut + 1).trim().toLowerCase();
      const already = new Set(tokens(value.slice(0, cut + 1)));
      const options = [];
      for (const name of names) {
        const bare = name.replace(/^"|"$/g, "").toLowerCase();
        if (!already.has(bare) && bare.includes(typed)) {
          const option = document.createElement("option");
          option.value = head + name;
          option.label = name;
          options.push(option);
          if (options.length === LIMIT) {
            break;
          }
        }
      }
      list.replaceChildren(...options);
    }

    input.addEventListener("input", refresh);
    input.addEventListener("focus", refresh);
  }

  function init() {
    document.querySelectorAll("input[data-tag-suggestions][list]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
