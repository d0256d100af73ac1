/* residence-hub: the hall screen, kept up to the minute without anyone touching it.
 *
 * The page already shows everything as of the build day (a screen whose browser runs no script still
 * shows it). This script, ES5 for the old browsers of cheap screens, adds: the clock; which notices and
 * which collections are for today and tomorrow, by the residence's clock (Paris's, or its overseas zone's);
 * paging of the notices when they do not fit the screen (a page that scrolls when even so something would
 * be cut: a tenant's larger text or text spacing); every few minutes, a look at residence.json: a new
 * build (its "revision" differs) reloads the page, and when the network is down the last data stay with « mis à jour à HH:MM »; a
 * « Pause » button that stops the pages, the languages and the reload while it is pressed.
 * Only same-site requests; no inline script (the data are a JSON block).
 */
(function () {
  "use strict";

  var node = document.getElementById("rh-hall-data");
  if (!node) { return; }
  var data = JSON.parse(node.textContent);
  var link = document.createElement("a");
  link.href = data.data; /* its absolute address: the relative one is the same for every residence */
  var STORE = "rh-hall-updated:" + link.href;
  var first = 0; /* index of the first notice of the page shown */
  var online = false; /* the last look at residence.json succeeded */
  var paused = false; /* the « Pause » button is pressed */
  var stale = false; /* residence.json has another revision: a new build, shown at the next reload */
  var moved = null; /* in that build, this screen's address when it is another one (screenIn) */
  var shownAll = false; /* every notice has been on the screen in this language */
  var due = false; /* with several languages: this language's time is over, the next one waits for shownAll */
  var shown = 0; /* index of the first notice of the page on the screen (first: the next page's) */

  /* Wall-clock date and time at the residence (Paris, or its overseas zone: data.zone), whatever the
     screen's own time zone. */
  function wallClock(now) {
    try {
      return window.rhWallClock(now, data.zone); /* presence.js */
    } catch (e) { /* no time zones in this browser: the screen's own clock */
      return { day: Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()), hour: now.getHours(),
               minute: now.getMinutes() };
    }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function weekday(day) { return (new Date(day).getUTCDay() + 6) % 7; } /* Monday = 0 */
  function iso(day) { return new Date(day).toISOString().slice(0, 10); }
  function clockText(p) { return pad(p.hour) + ":" + pad(p.minute); }

  /* The words of the page's language: javascripts/mots-<language>.js, loaded before this script. Without
     it (null), the texts written by the build stay. */
  function word(key, values) {
    if (!window.rhWords) { return null; }
    var text = window.rhWords.hall[key];
    for (var name in values) {
      if (values.hasOwnProperty(name)) { text = text.replace("%(" + name + ")s", values[name]); }
    }
    return text;
  }

  /* The date in the page's language as the build writes it (i18n.long_date): CLDR's pattern, day and month
     names and the French « 1er », from the words file (presence.script_words), not the browser's own
     formats (« Thursday, December 3, 2026 » in English) nor tables of ours. Without it, null. */
  function dateText(day) {
    var words = window.rhWords && window.rhWords.presence;
    if (!words) { return null; }
    var d = new Date(day), n = d.getUTCDate();
    var text = words.date_year.replace("{E}", words.days[weekday(day)])
      .replace("{d}", n === 1 && words.first ? words.first : String(n))
      .replace("{M}", words.months[d.getUTCMonth()]).replace("{y}", String(d.getUTCFullYear()));
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function setText(selector, text) {
    var el = document.querySelector(selector);
    if (el && text !== null) { el.textContent = text; }
  }

  function showNoticesOf(key) {
    var notices = document.querySelectorAll("[data-rh-notices] article"), shown = 0;
    for (var i = 0; i < notices.length; i++) {
      var a = notices[i], current = a.getAttribute("data-from") <= key && key <= a.getAttribute("data-until");
      a.setAttribute("data-rh-current", current ? "1" : "0");
      if (current) { shown++; } else { a.hidden = true; }
    }
    var none = document.querySelector("[data-rh-no-notice]"), main = document.querySelector(".rh-hall__main");
    if (none) { none.hidden = shown > 0; }
    if (main) { main.classList[shown > 0 ? "add" : "remove"]("rh-hall__main--notices"); } /* their room (hall.css) */
  }

  function fillCollections(p) {
    for (var offset = 0; offset < 2; offset++) {
      var list = document.querySelector('[data-rh-waste="' + offset + '"]');
      if (!list || !window.rhWords) { continue; }
      var wd = weekday(p.day + offset * 86400000), kinds = [];
      for (var i = 0; i < data.waste.length; i++) {
        if (data.waste[i].days.indexOf(wd) !== -1) { kinds.push(data.waste[i]); }
      }
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (!kinds.length) { kinds.push(null); }
      for (var k = 0; k < kinds.length; k++) {
        var li = document.createElement("li");
        li.textContent = kinds[k] === null ? word("none", {}) : kinds[k].kind;
        if (kinds[k] !== null && window.rhMark) { window.rhMark(li, kinds[k].mark); } /* a kind in the default language: lang, dir */
        if (kinds[k] === null) { li.className = "rh-hall__muted"; }
        list.appendChild(li);
      }
    }
  }

  /* A box whose content is taller than it (one notice longer than the notices' column, a side column with
     a long name) is drawn smaller, down to half its size, rather than cut. Only where the page is a
     screen that does not scroll (overflow hidden); zoom is set through the CSSOM, which the page's
     Content-Security-Policy allows. */
  function fit(el, box) {
    el.style.zoom = "";
    var style = window.getComputedStyle ? window.getComputedStyle(box) : null;
    if (!style || style.overflowY !== "hidden") { return; }
    for (var z = 95; box.scrollHeight > box.clientHeight + 1 && z >= 50; z -= 5) { el.style.zoom = z / 100; }
  }

  function fitSides() {
    var sides = document.querySelectorAll(".rh-hall__side");
    for (var i = 0; i < sides.length; i++) { fit(sides[i], sides[i]); }
  }

  /* Notices that do not fit together are shown a page at a time, each for data.page seconds. */
  function page() {
    var box = document.querySelector("[data-rh-notices]"), label = document.querySelector("[data-rh-pages]");
    if (!box) { return; }
    var all = box.querySelectorAll('article[data-rh-current="1"]'), i;
    for (i = 0; i < all.length; i++) { all[i].hidden = false; all[i].style.zoom = ""; }
    var style = window.getComputedStyle ? window.getComputedStyle(box) : null;
    if (!all.length || !style || style.overflowY !== "hidden" || box.scrollHeight <= box.clientHeight + 1) {
      first = shown = 0;
      shownAll = true;
      if (label) { label.hidden = true; }
      return;
    }
    if (first >= all.length) {
      first = 0;
      shownAll = true;
      if (due && nextLanguage()) { return; }
    }
    if (!window.rhWords) { label = null; } /* without the words file, no label: the notices still page */
    if (label) { label.textContent = word("page_one", { first: 1, count: 1 }); label.hidden = false; } /* measured with its line shown */
    shown = first;
    for (i = 0; i < all.length; i++) { all[i].hidden = i !== first; }
    var last = first;
    for (i = first + 1; i < all.length; i++) {
      all[i].hidden = false;
      if (box.scrollHeight > box.clientHeight + 1) { all[i].hidden = true; break; }
      last = i;
    }
    if (label) {
      label.textContent = last > first ? word("page", { first: first + 1, last: last + 1, count: all.length })
        : word("page_one", { first: first + 1, count: all.length });
      label.hidden = false;
    }
    if (last === first) { fit(all[first], box); }
    first = last + 1;
  }

  /* Nothing is ever cut (WCAG 1.4.4, 1.4.10, 1.4.12): when a box of the screen still overflows with its
     content drawn at half size (a tenant's larger text, or wider spacing of lines, letters and words, on a
     tablet or a laptop), the screen becomes a page that scrolls, as on a phone (hall.css): every notice
     at once, at full size. */
  var SCROLLS = "rh-hall--scroll";
  function cut() {
    var boxes = [document.body].concat([].slice.call(document.querySelectorAll(
      ".rh-hall__main, .rh-hall__notices, [data-rh-notices], .rh-hall__side")));
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i], style = window.getComputedStyle ? window.getComputedStyle(boxes[i]) : null;
      if (style && style.overflowY === "hidden" && (b.scrollHeight > b.clientHeight + 1
          || b.scrollWidth > b.clientWidth + 1)) { return true; }
    }
    return false;
  }
  function scrolls(on) {
    document.body.classList[on ? "add" : "remove"](SCROLLS);
  }
  /* The next page of notices; what does not fit even so makes the page scroll. */
  function turn() {
    page();
    if (cut()) { scrolls(true); fitSides(); page(); }
  }
  /* The screen laid out again from the page shown: a screen first, a page that scrolls if it must. */
  function layout() {
    scrolls(false);
    fitSides();
    first = shown;
    turn();
  }

  /* Laid out again as soon as a size changes: the window's, or the text's (a font loaded, a tenant's
     text spacing applied by a bookmarklet or an extension, removed again), not at the next tick only.
     Later, not in the observer's call: laying out changes sizes, which the observer then reports again
     once, the same ones. */
  var later = null;
  function soon() {
    if (later === null) { later = setTimeout(function () { later = null; layout(); }, 50); }
  }
  function watchSizes() {
    if (!window.ResizeObserver) { if (window.addEventListener) { window.addEventListener("resize", soon); } return; }
    var observer = new window.ResizeObserver(soon), watched = document.querySelectorAll(
      "body, .rh-hall__header, .rh-hall section, .rh-hall__list article, [data-rh-no-notice], .rh-hall__footer");
    for (var i = 0; i < watched.length; i++) { observer.observe(watched[i]); }
  }

  function tick() {
    var p = wallClock(new Date());
    var date = dateText(p.day);
    var clock = document.querySelector("[data-rh-clock]");
    if (clock && date !== null) {
      clock.textContent = date + " · " + clockText(p);
      clock.className = "rh-hall__clock"; /* the time's kept room (hall.css) is taken */
    }
    showNoticesOf(iso(p.day));
    fillCollections(p);
    layout();
  }

  /* how: "updated", "offline", or "gone" (the site answers that its residence.json is not there: the
     residence taken off the site or renamed, which « Pas de connexion » for good hid from whoever passes). */
  function updated(how) {
    var at = null;
    try { at = window.localStorage.getItem(STORE); } catch (e) { /* storage off: keep the page's time */ }
    at = at || loaded;
    setText("[data-rh-updated]", word(how, { time: at }));
  }

  /* This language's screen in the build read: its language taken off the site, or moved to another folder
     (a new first language), reloading it was « not found » for good, and the hall showed the 404 page
     until someone came with a keyboard. Then its language's new folder, else the default language's screen
     (data.languages[0]); null: this page. */
  function screenIn(fresh) {
    var lang = document.documentElement.getAttribute("lang"), site = fresh.url;
    var own = fresh.translations && fresh.translations[lang] && fresh.translations[lang].hall_screen;
    if (typeof own === "string" && typeof site === "string" && own.indexOf(site) === 0) {
      return data.data.slice(0, data.data.lastIndexOf("/") + 1) + own.slice(site.length);
    }
    return data.languages.length ? data.languages[0] : null;
  }
  function renew() {
    var target = document.createElement("a");
    if (moved !== null) { target.href = moved; }
    if (moved === null || target.pathname === window.location.pathname) { window.location.reload(); return; }
    window.location.replace(target.href);
  }

  function check(then) { /* then: once the build read is this one's, and the network answers */
    var request = new XMLHttpRequest();
    request.open("GET", data.data + "?live=" + new Date().getTime());
    request.timeout = 20000;
    request.onload = function () {
      var fresh = null;
      try { fresh = JSON.parse(request.responseText); } catch (e) { fresh = null; }
      if (request.status !== 200 || !fresh) {
        online = false;
        updated(request.status === 404 || request.status === 410 ? "gone" : "offline");
        return;
      }
      if (fresh.revision !== data.revision) { stale = true; moved = screenIn(fresh); }
      if (stale && !paused) { renew(); return; }
      if (!stale) { /* paused with an older build shown: its time stays */
        try { window.localStorage.setItem(STORE, clockText(wallClock(new Date()))); } catch (e) { /* ignore */ }
      }
      online = true;
      updated("updated");
      if (then) { then(); }
    };
    request.onerror = request.ontimeout = function () { online = false; updated("offline"); };
    request.send();
  }

  /* What changes the screen by itself: the notices' next page, and with several languages the next
     language's screen after a while, only while the network answers (a screen never leaves for a page it
     could not load), and once every notice has had its page: each language's screen starts again at the
     first page, so the notices past the minute's pages were never shown. Each waits its whole time again
     after a pause. */
  function nextLanguage() {
    if (!online || data.languages.length < 2) { return false; }
    /* residence.json read first: the next language's screen of this build may be gone from the new one (its
       language taken off the site), and the hall showed the 404 page for good; a new build shows instead.
       replace: in the history, in place of this one (Back leads to the page the tenant came from) */
    check(function () {
      if (!paused) { window.location.replace(data.languages[(data.current + 1) % data.languages.length]); }
    });
    return true;
  }
  var timers = [];
  function start() {
    due = false;
    timers.push(setInterval(turn, data.page * 1000));
    if (data.languages.length > 1) {
      timers.push(setInterval(function () {
        due = true;
        if (shownAll) { nextLanguage(); }
      }, data.alternate * 1000));
    }
  }

  /* WCAG 2.2.1 and 2.2.2: a tenant reading the screen (on a phone, or in the hall) stops what changes by
     itself, a new build's reload included, until pressed again. Nobody pressing it, all goes on. */
  function pauseButton() {
    var button = document.querySelector("[data-rh-pause]");
    if (!button) { return; }
    button.hidden = false;
    button.onclick = function () {
      paused = !paused;
      button.setAttribute("aria-pressed", paused ? "true" : "false");
      while (timers.length) { clearInterval(timers.pop()); }
      if (paused) { return; }
      if (stale) { renew(); return; }
      start();
    };
  }

  /* A new build's worker takes over (offline.js, sw-core.js) once it has stored the new build's files. The
     reload for that build ran the scripts and stylesheet of the store before: a screen that no one
     navigates kept the old hall.js until the next republish. It reloads once more, with the new files. Not
     at the first visit (no worker before: the files came from the network), nor when the worker of this
     language's folder takes over from the microsite's (another sw.js, same build: a first language change
     opens the screen before its own worker is installed). */
  var workers = window.navigator.serviceWorker;
  if (workers && workers.controller) {
    var worker = workers.controller.scriptURL;
    workers.addEventListener("controllerchange", function () {
      var now = workers.controller ? workers.controller.scriptURL : null;
      if (now !== worker) { worker = now; return; }
      stale = true;
      if (!paused) { window.location.reload(); }
    });
  }

  var loaded = clockText(wallClock(new Date()));
  pauseButton(); /* first: the columns are fitted to the header as it stays (its room is kept: hall.css) */
  tick(); /* the first page laid out */
  watchSizes();
  check();
  setInterval(tick, 30000);
  setInterval(check, data.refresh * 1000);
  start();
}());
