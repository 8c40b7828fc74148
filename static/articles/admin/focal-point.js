"use strict";
// The focal point of an image: a click on the preview sets the two numeric fields
// (0 to 1 from the left and top edges) and moves a marker there. Crops (the social
// card) keep that point in frame. Without this script the preview stays hidden and
// the two numeric fields are the way to set it; emptying both means "the centre".
(function () {
  function enhance(picker) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-point-picker__marker");
    const form = picker.closest("form");
    const inputX = form && form.querySelector('input[data-focal-point="x"]');
    const inputY = form && form.querySelector('input[data-focal-point="y"]');
    if (!image || !marker || !inputX || !inputY) {
      return;
    }

    function value(input) {
      const number = parseFloat(input.value);
      return Number.isFinite(number) ? Math.min(1, Math.max(0, number)) : null;
    }

    function place() {
      const x = value(inputX);
      const y = value(inputY);
      const centred = x === null && y === null;
      marker.classList.toggle("focal-point-picker__marker--centre", centred);
      marker.style.left = ((x === null ? 0.5 : x) * 100) + "%";
      marker.style.top = ((y === null ? 0.5 : y) * 100) + "%";
    }

    function choose(x, y) {
      inputX.value = x.toFixed(3);
      inputY.value = y.toFixed(3);
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      inputY.dispatchEvent(new Event("change", { bubbles: true }));
      place();
    }

    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      choose(
        Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
        Math.min(1, Math.max(0, (event.clientY - box.top) / box.height))
      );
    });
    // Keyboard: arrows move the point by 5 % (1 % with Shift) once the picture has focus.
    image.tabIndex = 0;
    image.addEventListener("keydown", function (event) {
      const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      const step = steps[event.key];
      if (!step) {
        return;
      }
      event.preventDefault();
      const amount = event.shiftKey ? 0.01 : 0.05;
      const x = value(inputX) ?? 0.5;
      const y = value(inputY) ?? 0.5;
      choose(
        Math.min(1, Math.max(0, x + step[0] * amount)),
        Math.min(1, Math.max(0, y + step[1] * amount))
      );
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    picker.hidden = false;
    const help = picker.parentElement.querySelector("[data-focal-point-help]");
    if (help) {
      help.hidden = false;
    }
    const fallback = picker.parentElement.querySelector("noscript");
    if (fallback) {
      fallback.remove();
    }
    place();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point-picker]").forEach(enhance);
  });
})();
