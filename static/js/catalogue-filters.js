// On a phone the catalogue's filters fold behind a "Filter" button so the results come
// first; on wider screens they stay open beside the results. Without JavaScript they stay
// open everywhere.
(function () {
  "use strict";
  document.querySelectorAll("details[data-collapse-below]").forEach(function (panel) {
    const narrow = window.matchMedia("(max-width: " + panel.dataset.collapseBelow + ")");
    function fit() { panel.open = !narrow.matches; }
    fit();
    narrow.addEventListener("change", fit);
  });
})();
