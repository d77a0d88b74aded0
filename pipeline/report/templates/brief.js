// A highlight leads to its row and back: clicking an item in the text scrolls to the table row
// that lists it (when one does), and following a row's link flashes the highlight it reaches.
(function () {
  "use strict";
  function flash(element) {
    element.classList.add("flash");
    window.setTimeout(function () { element.classList.remove("flash"); }, 1600);
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var mark = target.closest("mark.hl");
    if (mark) {
      var row = document.getElementById("row-" + mark.getAttribute("data-key"));
      if (row) { row.scrollIntoView({ block: "center" }); flash(row); }
      return;
    }
    var link = target.closest("a.to-span");
    if (link) {
      var spot = document.getElementById(link.getAttribute("href").slice(1));
      if (spot) { event.preventDefault(); spot.scrollIntoView({ block: "center" }); flash(spot); }
    }
  });
})();
