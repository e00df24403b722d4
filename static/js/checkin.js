// Check-in scanner for the facilitator's attendance page.
// Uses the BarcodeDetector API where the browser has it (Chrome/Edge on Android, for example);
// everywhere else the typed-code form and the roster's buttons do the same job without it.
(function () {
  "use strict";
  const _ = window.gettext || function (text) { return text; };
  var section = document.getElementById("scanner");
  if (!section) return;
  var url = section.dataset.checkInUrl;
  var status = document.getElementById("scan-status");
  var form = document.getElementById("code-form");
  var input = document.getElementById("id_code");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var recent = {};

  function say(message, ok) {
    status.textContent = message;
    status.className = "message " + (ok ? "success" : "error");
  }

  function checkIn(code) {
    var body = new FormData();
    body.append("code", code);
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        say(data.message, data.ok);
        markRow(data);
        if (data.ok && navigator.vibrate) navigator.vibrate(80);
        return data;
      })
      .catch(function () { say(_("Check-in failed: no connection. Try again."), false); });
  }

  // Show the check-in in the roster without reloading the page.
  function markRow(data) {
    if (!data.ok || !data.registration) return;
    var row = document.querySelector('tr[data-registration="' + data.registration + '"]');
    if (!row) return;
    var arrived = row.querySelector("[data-arrived]");
    if (arrived.querySelector(".badge")) {
      var count = document.getElementById("present-count");
      count.textContent = String(Number(count.textContent) + 1);
    }
    arrived.textContent = data.arrived;
    row.querySelector("[data-minutes]").textContent = data.minutes;
    var button = row.querySelector("[data-actions] form");
    if (button) button.remove();
  }

  form.addEventListener("submit", function (event) {
    if (!input.value.trim()) return;
    event.preventDefault();
    checkIn(input.value.trim()).then(function () { input.value = ""; input.focus(); });
  });

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var camera = document.getElementById("camera");
  var toggle = document.getElementById("camera-toggle");
  var video = document.getElementById("camera-video");
  camera.hidden = false;
  document.getElementById("camera-unavailable").hidden = true;
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var stream = null;

  function scan() {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      codes.forEach(function (code) {
        var value = code.rawValue;
        var now = Date.now();
        if (recent[value] && now - recent[value] < 5000) return; // same badge still in view
        recent[value] = now;
        checkIn(value);
      });
    }).catch(function () {}).finally(function () { setTimeout(scan, 300); });
  }

  toggle.addEventListener("click", function () {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.hidden = true;
      toggle.textContent = _("Start camera");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      video.play();
      toggle.textContent = _("Stop camera");
      say(_("Camera on: hold a QR code in front of it."), true);
      scan();
    }).catch(function () {
      say(_("The camera could not start. Type the code or use the roster instead."), false);
    });
  });
})();
