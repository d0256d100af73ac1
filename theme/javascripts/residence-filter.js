/* Landlord index: filter the residences as the tenant types. Progressive enhancement: without this
   script the full list shows and the filter stays hidden. No dependency, no request. */
(function () {
  "use strict";
  var box = document.querySelector(".rh-filter-box");
  var input = document.getElementById("rh-filter");
  var status = document.getElementById("rh-filter-status");
  if (!box || !input || !status) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var cities = Array.prototype.slice.call(document.querySelectorAll(".rh-city"));
  function update() {
    var words = rhFold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = rhFold(item.getAttribute("data-search"));
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    cities.forEach(function (city) { city.hidden = !city.querySelector("[data-search]:not([hidden])"); });
    /* The sentences come translated with the page (data-none, data-one, data-many). */
    status.textContent = words.length === 0 ? "" :
      shown === 0 ? status.getAttribute("data-none") :
      shown === 1 ? status.getAttribute("data-one") :
      status.getAttribute("data-many").replace("{n}", String(shown));
  }
  input.addEventListener("input", update);
  box.hidden = false;
  update();
})();
