/* residence-hub: registers the microsite's service worker (sw.js, beside its web app manifest), so its
 * pages open without a network after a first visit. Pages without a manifest (the landlord's index)
 * register nothing. No request to any other host; nothing happens in browsers without service workers.
 *
 * Each language's folder has its own worker, which stores that language's pages. Once this page's worker
 * is ready, the other languages' workers of the same microsite are registered too: the switcher on every
 * page leads to them, and the hall's QR code to the default language's address (a tenant who came first to
 * the English pages found it « no internet »). Their folders are read from the page's hreflang alternates
 * (the same page in each language): an alternate's address less this page's place in its own folder.
 */
(function () {
  "use strict";
  var link = document.querySelector('link[rel="manifest"]');
  if (!link || !("serviceWorker" in navigator) || !window.URL) { return; }
  function register(base) {
    return navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base });
  }
  function otherFolders(base) {
    var lang = document.documentElement.getAttribute("lang"), own = null, folders = [], i, path;
    var alternates = document.querySelectorAll('link[rel="alternate"][hreflang]:not([hreflang="x-default"])');
    var here = location.pathname.slice(new URL(base).pathname.length);  /* this page in its folder */
    for (i = 0; i < alternates.length; i++) {
      if (alternates[i].getAttribute("hreflang") === lang) { own = new URL(alternates[i].href).pathname; }
    }
    if (!own || own.slice(own.length - here.length) !== here) { return folders; }
    own = own.slice(0, own.length - here.length);  /* this language's folder, as published */
    var served = new URL(base).pathname, prefix = served.slice(0, served.length - own.length);
    if (served.slice(served.length - own.length) !== own) { return folders; }
    for (i = 0; i < alternates.length; i++) {
      path = new URL(alternates[i].href).pathname;
      if (alternates[i].getAttribute("hreflang") === lang || path.slice(path.length - here.length) !== here) {
        continue;
      }
      folders.push(new URL(prefix + path.slice(0, path.length - here.length), location.href).href);
    }
    return folders;
  }
  /* Registered already, it is asked to update: a browser checks a worker's sw.js only when one of its own
   * pages is opened, and offline the other languages showed the data of the build before. */
  function refresh(folder) {
    navigator.serviceWorker.getRegistration(folder).then(function (known) {
      return known && known.scope === folder ? known.update() : register(folder);
    })["catch"](function () {});
  }
  /* A page the worker answered with its stored copy (no network, or one too slow) says so under its title,
   * with the copy's date (sw-core.js words it): a lift repaired since, a new caretaker's number are not in it.
   * Asked at once: the worker remembers the answer only while it runs. The hall screen has its own line. */
  function sayIfStoredCopy() {
    var worker = navigator.serviceWorker.controller, article = document.querySelector(".md-content__inner");
    if (!worker || !article) { return; }
    navigator.serviceWorker.addEventListener("message", function (event) {
      var text = event.data && event.data.rhStoredCopy;
      if (typeof text !== "string" || document.querySelector(".rh-stored-copy")) { return; }
      var note = document.createElement("p"), title = article.querySelector("h1");
      note.className = "rh-stored-copy";
      note.setAttribute("role", "status");
      if (title) {
        title.parentNode.insertBefore(note, title.nextSibling);
      } else {
        article.insertBefore(note, article.firstChild);
      }
      /* Screen readers announce a status region's change, not a region that arrives with its words: in empty,
         then the words (WCAG 4.1.3). */
      setTimeout(function () { note.textContent = text; }, 150);
    });
    if (navigator.serviceWorker.startMessages) { navigator.serviceWorker.startMessages(); }  /* else held to the load */
    worker.postMessage({ rhStoredCopy: location.origin + location.pathname });
  }
  sayIfStoredCopy();
  function start() {
    var base = new URL(".", link.href).href;
    register(base).then(function () { return navigator.serviceWorker.ready; }).then(function () {
      var others = otherFolders(base);
      for (var i = 0; i < others.length; i++) { refresh(others[i]); }
    })["catch"](function () {});
  }
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
}());
