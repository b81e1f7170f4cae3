// Text outputs that are tables keep their columns. Outputs wrap by default (korean.css: a
// result must be seen whole), but wrapping a table on a phone breaks every row in two. A text
// output is a table when most of its lines (at least three) line up in columns: a gap of two
// or more spaces between values, or 「 | 」 between columns (numpy matrices, the chapters'
// aligned listings). cnn-phone.css keeps such an output on one line per row, scrolling
// sideways inside its own box; tests/test_readability.py checks both kinds at 360 px.
(function () {
  "use strict";

  var COLUMNS = /\S {2,}\S| \| /;

  function isTable(text) {
    var lines = text.split("\n").filter(function (line) { return line.trim(); });
    if (lines.length < 3) { return false; }
    var aligned = lines.filter(function (line) { return COLUMNS.test(line); }).length;
    return aligned * 3 >= lines.length * 2;
  }

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(".cell_output pre"), function (pre) {
      if (isTable(pre.textContent)) { pre.classList.add("cnn-table-output"); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
