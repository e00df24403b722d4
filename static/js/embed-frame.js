/* Inside the embedded catalogue's frame: tell the partner page how tall the list is. */
(function () {
  "use strict";
  function send() {
    if (window.parent === window) { return; }
    window.parent.postMessage(
      { type: "coalition-ce-embed-height", height: document.documentElement.scrollHeight },
      "*"
    );
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
}());
