/*
 * residence-hub: what every page runs before Material's bundle (deferred, just before it; our pages
 * keep no inline script and no per-page copy of what is the same on every page of a language):
 * - Material's settings (its template writes them inline in every page, <script id="__config">, ~0.6 KB):
 *   the bundle reads that element as it starts, so it is created here. The microsite's root (`base`, as
 *   the page's base_url) is this script's data-base attribute; Material's search worker is started by
 *   the file WORKER there (outputs/offline.py: so that a microsite's service worker serves it offline);
 *   the words of its search, in the page's language (<html lang>), are Material's own (WORDS, checked by
 *   tests/test_page_template.py against Material's translation files for each language we publish; a
 *   language not listed gets English, as Material falls back).
 * - Material's storage helpers (__md_scope, __md_get, __md_set, __md_hash: its inline head script,
 *   partials/javascripts/base.html), scoped as Material scopes them: the microsite's root.
 * - The inside of Material's search dialog (partials/search.html), built in the page's element of it
 *   (named there, in the page's language) instead of ~0.9 KB of the same markup in every page. Without
 *   JavaScript there is no search (Material hides its button): nothing is lost. Same elements, classes,
 *   attributes and order as Material's template.
 * - Our language memory, which needs nothing of Material's: one more script tag on every page before.
 */
/* residence-hub: Material's toggles are empty <label for> (the drawer, the search) that a tap works without
 * JavaScript. A label may carry no role (ARIA in HTML; axe's aria-allowed-role), so the button that Tab
 * reaches and screen readers name is a <span role="button"> filling the label (residence-hub.css): a tap
 * on it is the label's; Enter and Space are the caller's (the drawer puts the focus in the menu).
 */
function rhLabelButton(label, name, reached) {
  "use strict";
  var button = document.createElement("span");
  button.className = "rh-label-button";
  button.setAttribute("role", "button");
  button.setAttribute("aria-label", name);
  if (reached) { button.setAttribute("tabindex", "0"); }
  label.appendChild(button);
  return button;
}

/* residence-hub: a text as the landlord index's filter and the staff dashboard's compare it with what is typed
 * (residence-filter.js, dashboard.js): lower case, accents dropped, and the letters phones type as plain ones,
 * « coeur » for « Cœur », « ariza » for Turkish « arıza » (search_terms.PLAIN_LETTERS, the search's own);
 * Arabic without its vowel marks and hamza, with « ة », « ى », « ٱ » as « ه », « ي », « ا » and no tatweel
 * (search_terms._ARABIC_LETTERS): « اقامه » finds « إقامة ».
 */
var RH_PLAIN_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h",
  "ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": ""};
function rhFold(text) {
  "use strict";
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "")
    .replace(/[œæßıłøđħةىٱـ]/g, function (c) { return RH_PLAIN_LETTERS[c]; });
}
/* The same for Arabic letters only, other letters as typed but Turkish capital « İ », written « i » as the index
 * writes it (search_terms.DOTTED_I: in lower case it is « i » and a combining dot): the site's search query. */
function rhPlainArabic(text) {
  "use strict";
  return text.normalize("NFD").replace(/[\u064b-\u065f\u0670]/g, "").replace(/I\u0307/g, "i").normalize("NFC")
    .replace(/[ةىٱـ]/g, function (c) { return RH_PLAIN_LETTERS[c]; });
}

/* The query without its elisions (« l'ascenseur », « d’eau », « qu'il » → « ascenseur », « eau », « il »): the
 * index splits words at apostrophes (search_index.APOSTROPHES), and « l » alone would start every « loge ». */
function rhWithoutElisions(text) {
  "use strict";
  return text.replace(/(^|[^A-Za-z\u00c0-\u024f])(?:qu|[cdjlmnst])['\u2019\u02bc](?=[A-Za-z\u00c0-\u024f])/gi, "$1");
}

(function () {
  "use strict";
  var FEATURES = ["navigation.footer", "search.highlight"];
  var WORKER = "search-worker.js";
  var WORDS = {
    "ar": {"search.placeholder": "بحث", "search.reset": "مسح كلي", "search.result.initializer": "بدء البحث", "search.result.placeholder": "اكتب لبدء البحث", "search.result.none": "لا توجد نتائج", "search.result.one": "نتائج البحث مستند واحد", "search.result.other": "نتائج البحث # مستندات", "search.result.more.one": "أكثر من 1 في هذه الصفحة", "search.result.more.other": "أكثر من # في هذه الصفحة", "search.result.term.missing": "مفقود"},
    "en": {"search.placeholder": "Search", "search.reset": "Clear", "search.result.initializer": "Initializing search", "search.result.placeholder": "Type to start searching", "search.result.none": "No matching documents", "search.result.one": "1 matching document", "search.result.other": "# matching documents", "search.result.more.one": "1 more on this page", "search.result.more.other": "# more on this page", "search.result.term.missing": "Missing"},
    "es": {"search.placeholder": "Búsqueda", "search.reset": "Limpiar", "search.result.initializer": "Inicializando búsqueda", "search.result.placeholder": "Teclee para comenzar búsqueda", "search.result.none": "No se encontraron documentos", "search.result.one": "1 documento encontrado", "search.result.other": "# documentos encontrados", "search.result.more.one": "1 más en esta página", "search.result.more.other": "# más en esta página", "search.result.term.missing": "Falta"},
    "fr": {"search.placeholder": "Rechercher", "search.reset": "Effacer", "search.result.initializer": "Initialisation de la recherche", "search.result.placeholder": "Taper pour démarrer la recherche", "search.result.none": "Aucun document trouvé", "search.result.one": "1 document trouvé", "search.result.other": "# documents trouvés", "search.result.more.one": "1 de plus sur cette page", "search.result.more.other": "# de plus sur cette page", "search.result.term.missing": "Non trouvé"},
    "pt": {"search.placeholder": "Buscar", "search.reset": "Limpar", "search.result.initializer": "Inicializando a pesquisa", "search.result.placeholder": "Digite para iniciar a busca", "search.result.none": "Nenhum resultado encontrado", "search.result.one": "1 resultado encontrado", "search.result.other": "# resultados encontrados", "search.result.more.one": "Mais 1 nesta página", "search.result.more.other": "Mais # nesta página", "search.result.term.missing": "Ausente"},
    "tr": {"search.placeholder": "Ara", "search.reset": "Temizle", "search.result.initializer": "Arama başlatılıyor", "search.result.placeholder": "Aramaya başlamak için yazın", "search.result.none": "Eşleşen doküman bulunamadı", "search.result.one": "1 doküman bulundu", "search.result.other": "# doküman bulundu", "search.result.more.one": "Bu sayfada 1 tane daha", "search.result.more.other": "Bu sayfada # tane daha", "search.result.term.missing": "Eksik"}
  };
  var script = document.currentScript;
  var words = WORDS[document.documentElement.lang] || WORDS.en;
  var base = script.getAttribute("data-base") || ".";

  var config = document.createElement("script");
  config.id = "__config";
  config.type = "application/json";
  var translations = {};
  for (var key in words) {
    if (key.indexOf("search.result.") === 0 && key !== "search.result.initializer") {
      translations[key] = words[key];
    }
  }
  config.textContent = JSON.stringify({
    base: base, features: FEATURES, search: new URL(base.replace(/\/?$/, "/") + WORKER, location.href).href,
    translations: translations
  });
  document.body.appendChild(config);

  /* An Arabic query is searched with its letters written as the index's other forms write them
   * (search_terms.arabic_forms), which the index holds beside the page's own spelling: « ألحارسة » (a hamza
   * the page lacks) or « الحارِسة » (a vowel mark) find « الحارسة ». The box keeps what was typed. Material
   * posts its query ({type: 2, data}) to its search worker, the only worker our pages start. */
  if (window.Worker) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === 2 && typeof message.data === "string") {
        args[0] = { type: 2, data: rhWithoutElisions(rhPlainArabic(message.data)) };
      }
      return post.apply(this, args);
    };
  }

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

  var dialog = document.querySelector(".md-search");
  if (!dialog || dialog.firstChild) { return; }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    for (var name in attributes) { node.setAttribute(name, attributes[name]); }
    for (var i = 0; i < (children || []).length; i++) {
      node.appendChild(typeof children[i] === "string" ? document.createTextNode(children[i]) : children[i]);
    }
    return node;
  }
  var input = el("input", {
    type: "text", "class": "md-search__input", name: "query", "aria-label": words["search.placeholder"],
    placeholder: words["search.placeholder"], autocapitalize: "off", autocorrect: "off", autocomplete: "off",
    spellcheck: "false", "data-md-component": "search-query", required: ""
  });
  var reset = el("button", {
    type: "reset", "class": "md-search__icon md-icon", title: words["search.reset"],
    "aria-label": words["search.reset"], tabindex: "-1"
  });
  /* The shade closes the search on a tap (hidden from screen readers: Escape, the arrow); the arrow is a button
     named as the search, open (aria-expanded: below). */
  dialog.appendChild(el("label", { "class": "md-search__overlay", "for": "__search", "aria-hidden": "true" }));
  var back = el("label", { "class": "md-search__icon md-icon", "for": "__search" });
  var arrow = rhLabelButton(back, dialog.getAttribute("aria-label"), false);
  dialog.appendChild(el("div", { "class": "md-search__inner", role: "search" }, [
    el("form", { "class": "md-search__form", name: "search" }, [
      input,
      back,
      el("nav", { "class": "md-search__options", "aria-label": dialog.getAttribute("aria-label") }, [reset])
    ]),
    el("div", { "class": "md-search__output" }, [
      el("div", { "class": "md-search__scrollwrap", tabindex: "0", "data-md-scrollfix": "" }, [
        el("div", { "class": "md-search-result", "data-md-component": "search-result" }, [
          /* The count of results, said by screen readers as it changes (WCAG 4.1.3): Material's has no role. */
          el("div", { "class": "md-search-result__meta", role: "status" }, [words["search.result.initializer"]]),
          el("ol", { "class": "md-search-result__list", role: "presentation" })
        ])
      ])
    ])
  ]));
  /* Each result is a link around an <article> (Material's): Chromium names no link from an article's text, so a
     screen reader said « lien » and nothing more for every result (WCAG 2.4.4, 4.1.2). Plain containers, the
     links are named by their page's title and the text found. */
  var list = dialog.querySelector(".md-search-result__list");
  new MutationObserver(function () {
    var found = list.querySelectorAll("article:not([role])");
    for (var i = 0; i < found.length; i++) { found[i].setAttribute("role", "none"); }
  }).observe(list, { childList: true, subtree: true });
  /* Below 60 em the search opens from the header's magnifier, an empty <label>: a named button, which Tab reaches
     and Escape refocuses; the closed search's field, out of sight there, takes no Tab. */
  var toggle = document.getElementById("__search");
  var magnifier = document.querySelector('.md-header__button[for="__search"]');
  var phone = window.matchMedia("(max-width: 59.984375em)");
  if (toggle && magnifier) {
    var opener = rhLabelButton(magnifier, dialog.getAttribute("aria-label"), true);
    var sync = function () {
      opener.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      arrow.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      input.tabIndex = phone.matches && !toggle.checked ? -1 : 0;
    };
    sync();
    toggle.addEventListener("change", sync);
    if (phone.addEventListener) { phone.addEventListener("change", sync); }
    opener.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") { return; }
      event.preventDefault();
      opener.click();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && phone.matches) {
        setTimeout(function () { sync(); opener.focus(); }, 0);
      }
    });
  }
  /* The open search is a dialog: with results on screen, Tab goes from the field through them and back round
     (Shift+Tab the other way), as in any dialog, until Escape closes it. Material closed it on Tab and threw the
     results away, the focus on the page behind: the keyboard reached the results by arrow keys only, which
     nothing tells. Taken before Material's listener (capture); an empty field's Tab still closes the search. */
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey || !toggle || !toggle.checked
        || !input.value || !dialog.contains(document.activeElement)) { return; }
    var stops = [input].concat(Array.prototype.slice.call(dialog.querySelectorAll(
      ".md-search-result [href], .md-search-result summary"))).filter(function (e) {
      /* on screen, not in a closed « N de plus sur cette page » */
      return e.getClientRects().length > 0 && !e.closest("details:not([open]) > :not(summary)");
    });
    var at = stops.indexOf(document.activeElement), step = event.shiftKey ? -1 : 1;
    event.preventDefault();
    event.stopImmediatePropagation();
    stops[at < 0 ? (step > 0 ? 0 : stops.length - 1) : (at + step + stops.length) % stops.length].focus();
  }, true);
  // Material's bundle reads the query on « keyup » only. Text that comes without a key going up (a whole
  // Arabic word from an input method or a phone keyboard's suggestion, a paste, dictation) fires only
  // « input », and the query stayed empty: « type to start searching ». Told as a key going up, on the
  // field only (not bubbling); the bundle drops a value it already has.
  input.addEventListener("input", function () {
    input.dispatchEvent(new KeyboardEvent("keyup"));
  });
}());

/* residence-hub: remember the language a tenant picks, and take them to it next time.
 *
 * Tapping a language in the switcher stores its code in this browser's localStorage (no cookie, nothing
 * sent anywhere). On a page of the site's default language (where the QR code of the hall lands), a
 * stored other language sends the tenant to the same page in it, unless the page is not to be left
 * (data-rh-alone): it exists in one language only (the law pages, which every footer links to), or it is
 * the 404 page, which says it in every language. Without JavaScript or storage the switcher still works:
 * it is a list of links.
 */
(function () {
  "use strict";
  var KEY = "residence-hub-language";
  var nav = document.querySelector("[data-rh-languages]");
  if (!nav) { return; }
  var store;
  try { store = window.localStorage; } catch (e) { return; }
  if (!store) { return; }
  var links = nav.querySelectorAll("a[hreflang]");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (event) {
      try { store.setItem(KEY, event.currentTarget.getAttribute("hreflang")); } catch (e) { /* full */ }
    });
  }
  var current = nav.querySelector("[aria-current]");
  var here = current ? current.getAttribute("lang") : "";
  var wanted;
  try { wanted = store.getItem(KEY); } catch (e) { wanted = null; }
  if (!wanted || wanted === here) { return; }
  if (here !== nav.getAttribute("data-default")) { return; } /* only from the default language's pages */
  if (nav.hasAttribute("data-rh-alone")) { return; } /* the law pages (French only), the 404 page */
  var target = nav.querySelector('a[hreflang="' + wanted.replace(/[^a-z-]/g, "") + '"]');
  if (!target) { return; }
  /* This page (the hall's QR address) is left before offline.js registers its worker, at the page's load:
   * registered here, the address opens offline too, and sends the tenant on to their stored pages. */
  var manifest = document.querySelector('link[rel="manifest"]');
  if (manifest && "serviceWorker" in navigator && window.URL) {
    var base = new URL(".", manifest.href).href;
    navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base })["catch"](function () {});
  }
  /* The same place on the page: a notice's anchor (« #avis-… ») is the same in every language. */
  window.location.replace(target.href + window.location.hash);
}());

/* residence-hub: the header's menu button (Material's <label for="__drawer">, which the keyboard cannot
 * reach) made a button. Tab reaches it; Enter or Space opens the navigation drawer and puts the focus on its
 * first link; Escape closes it and brings the focus back; aria-expanded says whether it is open. The closed
 * drawer's links, out of sight on a phone or at 200 % zoom, are out of the tab order (residence-hub.css,
 * under .js): they were Tab stops nobody could see (WCAG 2.4.7, 2.4.11). Named as Material names the drawer.
 */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header__button[for="__drawer"]');
  var nav = document.querySelector(".md-nav--primary");
  if (!toggle || !label || !nav) { return; }
  var button = rhLabelButton(label, nav.getAttribute("aria-label"), true);
  function said() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  function set(open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }
  var shade = document.querySelector(".md-overlay"); /* closes the drawer on a tap; Escape and the button do */
  if (shade) { shade.setAttribute("aria-hidden", "true"); }
  said();
  toggle.addEventListener("change", said);
  /* The closed drawer hides once it has slid out (residence-hub.css), from its first opening on. */
  toggle.addEventListener("change", function () { document.documentElement.classList.add("rh-drawer-used"); });
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    event.preventDefault();
    set(!toggle.checked);
    var first = nav.querySelector("a[href]");
    if (toggle.checked && first) { first.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked) { return; }
    set(false);
    button.focus();
  });
  /* Tab past the open drawer's last link (or Shift+Tab before its first) left the focus on the page behind
     it, under the drawer or its shade: the drawer closes as the focus leaves it (WCAG 2.4.11). */
  document.addEventListener("focusin", function (event) {
    if (toggle.checked && !nav.contains(event.target) && event.target !== button) { set(false); }
  });
  /* Tab from the search field: Material closes the search, whose scroll lock still holds the page while the
     browser moves the focus on, then puts the page back where it was: the focused link stayed below the
     window. A focus outside the search that is out of the window a moment later is brought into view. */
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!target.getBoundingClientRect || !target.closest || target.closest(".md-search")) { return; }
    setTimeout(function () {
      var r = target.getBoundingClientRect();
      if (document.activeElement === target && (r.bottom > window.innerHeight || r.top < 0)) {
        target.scrollIntoView({ block: "nearest" });
      }
    }, 100);
  });
}());

/* residence-hub: Material's one-key shortcuts (« n » or « . » next page, « p » or « , » previous, « s », « f » or
 * « / » search), which nobody can turn off, changed the page at a key pressed by mistake or a letter typed by a
 * speech-input program (WCAG 2.1.4, RGAA 12.10). Stopped before Material's bundle sees them, outside a field and
 * with the search closed; Tab reaches the search, the footer's links the other pages.
 */
window.addEventListener("keydown", function (event) {
  "use strict";
  var target = event.target, search = document.getElementById("__search");
  if (event.ctrlKey || event.metaKey || event.altKey || !event.key || event.key.length !== 1
      || "npsf.,/".indexOf(event.key) < 0 || (search && search.checked) || target.isContentEditable
      || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
    return;
  }
  event.stopPropagation();
}, true);
