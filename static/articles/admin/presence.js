// Keeps the article's change form present (articles/presence.py) and tells who else has
// the article open, every half minute; leaving the page releases it at once.
"use strict";
(function () {
  const box = document.querySelector(".presence[data-presence-url]");
  if (!box) return;
  const url = box.dataset.presenceUrl;
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token) return;

  function body(extra) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    if (extra) data.append(extra, "1");
    return data;
  }

  function show(names) {
    box.replaceChildren();
    if (!names.length) return;
    const notice = document.createElement("p");
    notice.className = "presence__notice";
    notice.textContent = box.dataset.message.replace("%(names)s", names.join(", "));
    box.append(notice);
  }

  function renew() {
    if (document.visibilityState === "hidden") return;
    fetch(url, { method: "POST", body: body(), credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => { if (answer) show(answer.others); })
      .catch(() => {});
  }

  setInterval(renew, 30000);
  document.addEventListener("visibilitychange", renew);
  window.addEventListener("pagehide", () => navigator.sendBeacon(url, body("leave")));
})();
