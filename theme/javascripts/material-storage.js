/*
 * residence-hub: Material's storage helpers, which its template writes inline in every page's <head>
 * (partials/javascripts/base.html): the same four definitions, in one file stored once at the site root
 * and run, deferred, just before Material's bundle (theme/main.html, block libs), which is their only
 * user. The scope is the site's root as Material computes it, `base` of the page's __config (base_url).
 */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  window.__md_scope = new URL(base, location);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // storage full or refused (private browsing): Material works without it
    }
  };
})();
