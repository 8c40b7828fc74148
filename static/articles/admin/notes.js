// Editor notes (articles/admin/notes.py): send a note's form without leaving the page, so
// that what was typed in the article stays as it is, then show the thread as the server
// now has it. Without this script, the form posts and comes back to the article's form.
"use strict";

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-note-form]");
  if (!form) {
    return;
  }
  event.preventDefault();
  const panel = document.getElementById("notes");
  let page;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    page = new DOMParser().parseFromString(await response.text(), "text/html");
  } catch {
    // Let the browser send it the plain way and show what the server says.
    form.submit();
    return;
  }
  const fresh = page.getElementById("notes");
  if (!fresh || !panel) {
    form.submit();
    return;
  }
  panel.replaceWith(fresh);
  const told = [...page.querySelectorAll(".messagelist li")].map((item) => item.textContent.trim());
  const status = fresh.querySelector(".article-notes__status");
  if (status) {
    status.textContent = told.join(" ");
  }
});
