/*
 * Embedded videos and posts load nothing from their site until the reader asks: each
 * preview (templates/articles/includes/embed.html) gets a button that swaps in the
 * provider's frame, from its most private address. Without this script the preview is a
 * plain link to the post or video.
 */
(function () {
  "use strict";
  var previews = document.querySelectorAll("figure[data-embed-frame]");
  Array.prototype.forEach.call(previews, function (figure) {
    var button = figure.querySelector(".embed__load");
    var address = figure.getAttribute("data-embed-frame");
    if (!button || !/^https:\/\//.test(address)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = address;
      frame.title = figure.getAttribute("data-embed-title") || "";
      frame.className = "embed__frame";
      frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.setAttribute(
        "sandbox",
        "allow-scripts allow-same-origin allow-popups allow-presentation"
      );
      var card = figure.querySelector(".embed__card");
      figure.insertBefore(frame, card);
      // The link stays, under the frame, for whoever prefers the provider's own page.
      button.remove();
      var privacy = figure.querySelector(".embed__privacy");
      if (privacy) {
        privacy.remove();
      }
      figure.classList.add("embed--loaded");
      frame.focus();
    });
  });
})();
