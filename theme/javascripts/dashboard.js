/* Staff dashboard (/equipe/): sort by any column and filter the rows, in the browser, with no server.
   Progressive enhancement: without this script the whole table shows, in the order of the index.
   No dependency, no request. */
(function () {
  "use strict";
  var table = document.querySelector(".rh-dashboard-table");
  var tools = document.querySelector(".rh-dash-tools");
  var input = document.getElementById("rh-dash-filter");
  var only = document.getElementById("rh-dash-only");
  var status = document.getElementById("rh-dash-status");
  if (!table || !tools || !input || !only || !status) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator("fr", { numeric: true, sensitivity: "base" });

  function key(row, index) {
    var cell = row.cells[index];
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }
  function sortBy(index) {
    var header = headers[index];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var order = collator.compare(key(a, index), key(b, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    status.textContent = "Tableau trié par «\u00a0" + header.textContent.trim() + "\u00a0», ordre " +
      (ascending ? "croissant." : "décroissant.");
  }
  function filter() {
    var words = rhFold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = rhFold(row.getAttribute("data-search"));
      var match = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        (!only.checked || row.getAttribute("data-warnings") !== "0");
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = shown === rows.length ? "" :
      shown === 0 ? "Aucune résidence." : shown === 1 ? "1 résidence affichée." : shown + " résidences affichées.";
  }
  headers.forEach(function (header, index) {
    if (header.hasAttribute("data-unsorted")) return;  // three links in every row: no order to give
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rh-dash-sort";
    button.textContent = header.textContent;
    button.addEventListener("click", function () { sortBy(index); });
    header.textContent = "";
    header.appendChild(button);
  });
  input.addEventListener("input", filter);
  only.addEventListener("change", filter);
  table.classList.add("rh-dash-sortable");
  tools.hidden = false;
})();
