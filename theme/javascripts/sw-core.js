/* residence-hub: the code of every microsite's service worker (its scope is the microsite's folder). Each
 * microsite's sw.js holds its settings (CONFIG) and imports this file, stored once at the site root.
 *
 * At the first visit it stores every page of the microsite, the most needed first (contacts and
 * emergency numbers, the caretaker, "qui appeler"), and the stylesheets, scripts and images those pages
 * use (the theme's shared copies one folder up included: a worker may fetch and store any same-site
 * address; its scope only limits which pages it controls). Pages and data are then asked from the
 * network first, so each visit refreshes them, with the stored copy when the network is down or too slow;
 * a page so answered says it is the saved copy, and of when (``answeredFromStore``, offline.js).
 *
 * The cache's name carries a digest of the build (CONFIG.version): a new build gives a new sw.js, which the
 * browser installs at the next visit; it stores the new files, then deletes the caches of older builds.
 * Requests with a query string (the hall screen's live check) and other hosts' are left alone, except a
 * page's: a static page is the same whatever its query ("?h=chaudiere", which a search result adds for
 * Material to highlight the words), so it is the stored page without its query; and a file's: our
 * stylesheets and scripts are linked with their version ("residence-hub.css?v=1a2b3c4d", the build's
 * published.version), so the first page after a republish, served by the worker of the build before,
 * asks the network for the new ones rather than taking the old ones from the store.
 */
"use strict";

var SLOW_NETWORK_MS = 4000;
var FILE = /\.(css|js|png|svg|ico|webmanifest|woff2?)$/;

/* The stores are named by this worker's folder as served ("/residences/les-tilleuls/en/") and the build.
 * GitHub Pages serves every project of an account from one host (x.github.io/residences/, a test copy at
 * x.github.io/essai/): named by the slug alone, each site's worker took the other's store of the same
 * slug for a build before its own and deleted it, and that site's pages no longer opened offline. */
var FOLDER = new URL(self.registration.scope).pathname;
var PREFIX = "residence-hub:" + FOLDER + ":";
var CACHE = PREFIX + CONFIG.version;
/* Every language's stores of this microsite: its default language's folder (CONFIG.folder is "en/" or ""). */
var MICROSITE = "residence-hub:" + FOLDER.slice(0, FOLDER.length - CONFIG.folder.length);

function absolute(url) { return new URL(url, self.registration.scope).href; }

function collectAssets(html, base, assets) {
  var pattern = /\b(?:href|src)="([^"#]+)[^"]*"/g, match, url;  /* a.svg#part: the file itself; its ?v= kept */
  while ((match = pattern.exec(html))) {
    /* A link typed by staff may be one no browser can read ("//exemple.fr:99999/"): skipped, not the end. */
    try { url = new URL(match[1].replace(/&amp;/g, "&"), base); } catch (error) { continue; }
    if (url.origin === self.location.origin && FILE.test(url.pathname)) {
      assets[url.href] = true;
    }
  }
}

/* A file the server says is missing is skipped; a network failure is skipped at a first install (some
 * pages offline are better than none) but fails an update's (``strict``): the update is tried again at the
 * next visit, and the build before stays whole meanwhile. Its install used to succeed with the files it
 * could get, then delete the old build's store: the pages it missed no longer opened offline. */
function store(cache, url, assets, strict) {
  return fetch(new Request(url, { cache: "no-cache" })).then(function (response) {
    if (!response.ok) { return undefined; }
    var copy = response.clone();
    return cache.put(url, response).then(function () {
      if (assets && (copy.headers.get("Content-Type") || "").indexOf("text/html") === 0) {
        return copy.text().then(function (html) { collectAssets(html, url, assets); });
      }
      return undefined;
    });
  }).catch(function (error) {
    if (strict) { throw error; }
    return undefined;
  });
}

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(caches.keys().then(function (names) {
    var update = names.some(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
    return caches.open(CACHE).then(function (cache) {
      var assets = {};
      var pages = CONFIG.precache.reduce(function (done, url) {
        return done.then(function () { return store(cache, absolute(url), assets, update); });
      }, Promise.resolve());
      return pages.then(function () {
        return Promise.all(Object.keys(assets).map(function (url) { return store(cache, url, null, update); }));
      });
    }).catch(function (error) {
      return caches.delete(CACHE).then(function () { throw error; });
    });
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

/* Looked up without opening the store: caches.open would make an empty one again after retireIfGone. */
function fromCache(request) {
  return caches.match(request, { cacheName: CACHE });
}

/* A first visit on a weak connection stores what it can (``store``); the pages it missed, and their files,
 * are asked again at a later visit whose page came from the network, once each time the worker starts:
 * they stayed missing offline until the next build. It stops at the first file the network or the store
 * refuses (a phone whose storage is full downloads one file for nothing, not the whole microsite), and does
 * nothing once the store is gone (``retireIfGone``). */
var toppedUp = false;
function topUp() {
  if (toppedUp) { return Promise.resolve(); }
  toppedUp = true;
  function missing(cache, url, assets) {
    return cache.match(url).then(function (hit) { return hit ? undefined : store(cache, url, assets, true); });
  }
  return caches.has(CACHE).then(function (has) {
    if (!has) { return undefined; }
    return caches.open(CACHE).then(function (cache) {
      var assets = {};
      return CONFIG.precache.reduce(function (done, url) {
        return done.then(function () { return missing(cache, absolute(url), assets); });
      }, Promise.resolve()).then(function () {
        return Object.keys(assets).reduce(function (done, url) {
          return done.then(function () { return missing(cache, url, null); });
        }, Promise.resolve());
      });
    });
  })["catch"](function () { return undefined; });
}

/* The pages last answered with their stored copy (no network, or one slower than SLOW_NETWORK_MS), by
 * ``key``, with the time the copy was stored (its response's Date, "" when the server sent none). The page
 * asks (offline.js, ``rhStoredCopy``) and says it is a saved copy: a lift repaired since, a new caretaker's
 * number are missing from it, and nothing else told the tenant. */
var answeredFromStore = {};

function noteAnswer(key, copy) {
  if (copy) { answeredFromStore[key] = copy.headers.get("Date") || ""; } else { delete answeredFromStore[key]; }
}

/* What the page shows: the sentence in the worker's language (rhWords.stored, mots-<language>.js, imported by
 * sw.js), then the time of the copy. */
function storedSentence(words, date) {
  var when = new Date(date), text = words.text;
  if (!date || isNaN(when.getTime())) { return text; }
  try {
    return text + " " + words.on.replace("%(date)s", when.toLocaleString(words.lang + "-u-nu-latn",
      { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
  } catch (error) { return text; }
}

self.addEventListener("message", function (event) {
  var page = event.data && event.data.rhStoredCopy, words = self.rhWords && self.rhWords.stored;
  if (typeof page !== "string" || !event.source || !words
      || !Object.prototype.hasOwnProperty.call(answeredFromStore, page)) {
    return;  /* words missing: a worker of an older build, whose sw.js did not import them */
  }
  event.source.postMessage({ rhStoredCopy: storedSentence(words, answeredFromStore[page]) });
});

/* Pages and data: the network's answer (stored for next time), else the stored copy; stored and looked up
 * by ``key``, the page's address without its query. */
function networkFirst(request, key, event) {
  var network = fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(key, copy); });
      if (request.mode === "navigate") { event.waitUntil(topUp()); }
    }
    if (response.status === 404 && request.mode === "navigate") { event.waitUntil(retireIfGone()); }
    return response;
  });
  var copy = null;
  function stored() { return fromCache(key).then(function (hit) { copy = hit; return hit; }); }
  var slow = new Promise(function (resolve) { setTimeout(resolve, SLOW_NETWORK_MS); }).then(function () {
    return stored().then(function (hit) { return hit || network; });
  });
  var offline = network.catch(function () {
    return stored().then(function (hit) { return hit || Response.error(); });
  });
  return Promise.race([offline, slow]).then(function (response) {
    if (request.mode === "navigate") { noteAnswer(key, response === copy ? copy : null); }
    return response;
  });
}

/* A residence taken off the site: its pages are « not found » and so is this worker's own sw.js. Its
 * stored pages go, and the stores of its other languages' workers (the same microsite: MICROSITE) whose
 * own sw.js is gone too, and this worker unregisters: offline, the residence's old pages were served
 * forever. A language taken off the site is « not found » alone: its stores go, not those of the languages
 * still published (every store of the microsite went, and their pages no longer opened offline).
 * A page typed wrong in a living microsite is « not found » too, but its sw.js is there: nothing changes. */
function isGone(url) {
  return fetch(new Request(url, { cache: "no-store" })).then(function (response) {
    return response.status === 404 || response.status === 410;
  });
}

function retireIfGone() {
  var worker = self.location.pathname.slice(self.location.pathname.lastIndexOf("/") + 1);
  function storeGone(name) {  /* "residence-hub:<folder>:<build>": gone if its folder's worker is */
    if (name.indexOf(PREFIX) === 0) { return Promise.resolve(true); }
    var folder = name.slice(name.indexOf(":") + 1, name.lastIndexOf(":"));
    return isGone(self.location.origin + folder + worker)["catch"](function () { return false; });
  }
  return isGone(self.location.href).then(function (gone) {
    if (!gone) { return undefined; }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(MICROSITE) === 0; })
        .map(function (name) {
          return storeGone(name).then(function (yes) { return yes ? caches.delete(name) : undefined; });
        }));
    }).then(function () { return self.registration.unregister(); });
  })["catch"](function () { return undefined; });
}

/* Stylesheets, scripts, images: the stored copy, else the network's (stored). */
function cacheFirst(request) {
  return fromCache(request).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.search && request.mode !== "navigate" && !FILE.test(url.pathname)) { return; }
  /* Pages and data network first; so is horaires.js (published.HOURS_SCRIPT), the caretaker's hours that
   * the pages' script reads: an older copy would contradict the fresh page until the new worker is in. */
  var page = request.mode === "navigate" || /(\/|\.html|\.json|\.xml|\.ics|\.vcf|\/horaires\.js)$/.test(url.pathname);
  event.respondWith(page ? networkFirst(request, url.origin + url.pathname, event) : cacheFirst(request));
});
