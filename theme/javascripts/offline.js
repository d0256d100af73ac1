/* residence-hub: registers the microsite's service worker (sw.js, beside its web app manifest), so its
 * pages open without a network after a first visit. Pages without a manifest (the landlord's index)
 * register nothing. No request to any other host; nothing happens in browsers without service workers. */
(function () {
  "use strict";
  var link = document.querySelector('link[rel="manifest"]');
  if (!link || !("serviceWorker" in navigator) || !window.URL) { return; }
  function register() {
    var base = new URL(".", link.href).href;
    navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base })["catch"](function () {});
  }
  if (document.readyState === "complete") { register(); } else { window.addEventListener("load", register); }
}());
