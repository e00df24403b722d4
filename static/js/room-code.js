// The facilitator's room-code screen: counts down the seconds left and, when the code
// changes (every 30 seconds), fetches the new one from the server and swaps the QR code and
// the digits. Without this script the page reloads itself (a <noscript> refresh).
(function () {
  "use strict";
  var _ = window.gettext || function (text) { return text; };
  var section = document.getElementById("room-code");
  if (!section) return;
  var url = section.dataset.currentUrl;
  var qr = document.getElementById("room-code-qr");
  var digits = document.getElementById("room-code-digits");
  var seconds = document.getElementById("room-code-seconds");
  var bar = document.getElementById("room-code-bar");
  var status = document.getElementById("room-code-status");
  var left = parseInt(seconds.textContent, 10) || 30;
  var fetching = false;

  function show() {
    seconds.textContent = String(Math.max(left, 0));
    // The bar's width is set from here (no inline style in the markup); the stylesheet
    // animates it only when the person has not asked for reduced motion.
    bar.style.width = (Math.max(left, 0) / 30) * 100 + "%";
  }

  function refresh() {
    if (fetching) return;
    fetching = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        qr.src = data.qr;
        qr.dataset.url = data.url;
        digits.textContent = data.code_display;
        digits.dataset.code = data.code;
        left = data.seconds_left;
        status.textContent = "";
        show();
      })
      .catch(function () {
        status.textContent = _("Could not fetch a new code: check the connection. Retrying…");
        left = 3;
      })
      .then(function () { fetching = false; });
  }

  show();
  window.setInterval(function () {
    left -= 1;
    if (left <= 0) refresh();
    else show();
  }, 1000);
})();
