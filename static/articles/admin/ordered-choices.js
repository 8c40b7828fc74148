// A choice picked in an ordered autocomplete goes to the end of its <select>, so that the
// form submits the choices in the order they were picked (the byline's order for authors).
// Without this script the choices keep the order they were shown in.
"use strict";
{
  const $ = window.django && window.django.jQuery;
  if ($) {
    $(document).on("select2:select", "select[data-ordered-choices]", (event) => {
      const select = event.currentTarget;
      const picked = event.params && event.params.data;
      if (!picked) {
        return;
      }
      const option = Array.from(select.options).find((each) => each.value === String(picked.id));
      if (option && option !== select.lastElementChild) {
        select.appendChild(option);
        $(select).trigger("change");
      }
    });
  }
}
