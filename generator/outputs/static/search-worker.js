/* residence-hub: starts Material's search worker, stored once at the site root, from this folder: a worker
 * is served by the service worker whose scope holds its own address, so this microsite's worker serves it
 * and the files it loads without a network. Those files ("../lunr/…") are beside Material's worker. */
"use strict";
(function (load) {
  var worker = new URL("/*WORKER*/", location).href;
  self.importScripts = function () {
    return load.apply(self, Array.prototype.map.call(arguments, function (url) { return new URL(url, worker).href; }));
  };
  self.importScripts(worker);
}(self.importScripts));
