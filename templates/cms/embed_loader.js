/* Coalition CE embedded catalogue. On a partner page:
   <script src="{{ request.scheme }}://{{ request.get_host }}/embed/trainings.js" data-topic="supervision" data-limit="6" async></script>
   puts a frame listing upcoming trainings right after the script tag. The frame only shows
   on sites the coalition lists (its content security policy's frame-ancestors). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var origin = new URL(script.src).origin;
  var params = new URLSearchParams();
  if (script.dataset.topic) { params.set("topic", script.dataset.topic); }
  if (script.dataset.limit) { params.set("limit", script.dataset.limit); }
  var query = params.toString();
  var frame = document.createElement("iframe");
  frame.src = origin + "/embed/trainings/" + (query ? "?" + query : "");
  frame.title = script.dataset.title || "Upcoming coalition trainings";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.minHeight = "240px";
  frame.setAttribute("loading", "lazy");
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) { return; }
    if (event.data && event.data.type === "coalition-ce-embed-height") {
      frame.style.height = Math.min(Number(event.data.height) || 240, 5000) + "px";
    }
  });
}());
