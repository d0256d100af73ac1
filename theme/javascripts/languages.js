/* residence-hub: remember the language a tenant picks, and take them to it next time.
 *
 * Tapping a language in the switcher stores its code in this browser's localStorage (no cookie, nothing
 * sent anywhere). On a page of the site's default language (where the QR code of the hall lands), a
 * stored other language sends the tenant to the same page in it. Without JavaScript or storage the
 * switcher still works: it is a list of links.
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
  var target = nav.querySelector('a[hreflang="' + wanted.replace(/[^a-z-]/g, "") + '"]');
  if (target) { window.location.replace(target.href); }
}());
