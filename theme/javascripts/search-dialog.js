/* residence-hub: the inside of Material's search dialog (partials/search.html), built in the page before
 * Material's bundle runs (both deferred, this one first), instead of ~0.9 KB of the same markup in every
 * page. Without JavaScript there is no search (Material hides its button): nothing is lost. The dialog's
 * element and its words (in the page's language) are in the page: data-placeholder, data-reset,
 * data-loading. Same elements, classes, attributes and order as Material's template. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[data-placeholder]");
  if (!dialog || dialog.firstChild) { return; }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    for (var name in attributes) { node.setAttribute(name, attributes[name]); }
    for (var i = 0; i < (children || []).length; i++) {
      node.appendChild(typeof children[i] === "string" ? document.createTextNode(children[i]) : children[i]);
    }
    return node;
  }
  var words = dialog.dataset;
  var input = el("input", {
    type: "text", "class": "md-search__input", name: "query", "aria-label": words.placeholder,
    placeholder: words.placeholder, autocapitalize: "off", autocorrect: "off", autocomplete: "off",
    spellcheck: "false", "data-md-component": "search-query", required: ""
  });
  var reset = el("button", {
    type: "reset", "class": "md-search__icon md-icon", title: words.reset, "aria-label": words.reset,
    tabindex: "-1"
  });
  dialog.appendChild(el("label", { "class": "md-search__overlay", "for": "__search" }));
  dialog.appendChild(el("div", { "class": "md-search__inner", role: "search" }, [
    el("form", { "class": "md-search__form", name: "search" }, [
      input,
      el("label", { "class": "md-search__icon md-icon", "for": "__search" }),
      el("nav", { "class": "md-search__options", "aria-label": dialog.getAttribute("aria-label") }, [reset])
    ]),
    el("div", { "class": "md-search__output" }, [
      el("div", { "class": "md-search__scrollwrap", tabindex: "0", "data-md-scrollfix": "" }, [
        el("div", { "class": "md-search-result", "data-md-component": "search-result" }, [
          el("div", { "class": "md-search-result__meta" }, [words.loading]),
          el("ol", { "class": "md-search-result__list", role: "presentation" })
        ])
      ])
    ])
  ]));
  // Material's bundle reads the query on « keyup » only. Text that comes without a key going up (a whole
  // Arabic word from an input method or a phone keyboard's suggestion, a paste, dictation) fires only
  // « input », and the query stayed empty: « type to start searching ». Told as a key going up, on the
  // field only (not bubbling); the bundle drops a value it already has.
  input.addEventListener("input", function () {
    input.dispatchEvent(new KeyboardEvent("keyup"));
  });
}());
