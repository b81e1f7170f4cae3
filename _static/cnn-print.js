// The printed book (a browser's Print and tools/make_pdf.py, which prints the page as it is
// after the "load" event): a form is no use on paper. Each exercise gets a block that states
// the answer of the problem on screen with its worked explanation, made from the data the form
// carries (cnn_utils/static.py); each filter designer gets its filter as a matrix and its two
// pictures as images (a canvas does not survive tools/make_pdf.py's copy of the page).
// _static/cnn-print.css shows these blocks only in print and hides the controls there.
// The blocks are remade just before printing, so they follow what the reader did on the page.
(function () {
  "use strict";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function escapeHtml(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  // A value as the exercise's own messages write it: shapes as tuples, choices by their label,
  // integers from 1,000 on with thousands separators.
  function answerText(field, value) {
    if (field.kind === "shape") {
      return "(" + value.join(", ") + (value.length === 1 ? "," : "") + ")";
    }
    if (field.kind === "choice") {
      var option = field.options.filter(function (o) { return o[0] === String(value); })[0];
      return option ? option[1] : String(value);
    }
    if (typeof value === "number" && Number.isInteger(value)) { return value.toLocaleString("en-US"); }
    return String(value);
  }

  // The explanation of a right answer without its opening praise ("정답입니다! ...").
  function work(message) {
    return message.replace(/^\S+!\s*/u, "");
  }

  // The problem the form shows: the one whose statement is in the statement slot.
  function shownProblem(root, data) {
    var slot = root.querySelector('[data-cnn-slot="statement"]');
    var probe = document.createElement("div");
    for (var k = 0; k < data.problems.length; k += 1) {
      probe.innerHTML = data.problems[k].statement;
      if (slot && probe.innerHTML === slot.innerHTML) { return k; }
    }
    return 0;
  }

  function exerciseBlock(root, data) {
    var problem = data.problems[shownProblem(root, data)];
    var selects = all(root, "select[data-cnn-param]");
    var variant = selects.map(function (s) { return "|" + s.value; }).join("");
    var lines = [];
    if (selects.length) {
      lines.push("<p>" + selects.map(function (s) {
        var label = s.closest("label");
        var name = label ? label.firstChild.textContent.trim() : "";
        return escapeHtml(name + " " + s.options[s.selectedIndex].text);
      }).join(", ") + "</p>");
    }
    data.groups.forEach(function (group) {
      var check = problem.checks[group.key + variant];
      if (!check) { return; }
      var answers = group.fields.map(function (field) {
        var text = answerText(field, check.answer[field.key]);
        return group.fields.length > 1 ? field.name + " " + text : text;
      }).join(", ");
      var label = group.prompt ? group.prompt : group.fields[0].name + ":";
      lines.push('<p class="cnn-ex-print-answer">' + escapeHtml(label) + " <b>" +
        escapeHtml(answers) + "</b></p>");
      var why = work(check.right);
      if (why) {
        lines.push('<p class="cnn-ex-print-work">' + escapeHtml(why).replace(/\n/g, "<br>") + "</p>");
      }
    });
    return lines.join("");
  }

  function filterBlock(root) {
    var cells = all(root, "[data-cnn-cell]").map(function (box) { return box.value; });
    var rows = "";
    for (var r = 0; r < 3; r += 1) {
      rows += "<tr>" + cells.slice(3 * r, 3 * r + 3).map(function (v) {
        return "<td>" + escapeHtml(v) + "</td>";
      }).join("") + "</tr>";
    }
    var preset = root.querySelector('[data-cnn-param="preset"]');
    var caption = "필터" + (preset ? " (" + preset.value + ")" : "");
    var html = '<table class="cnn-matrix"><caption>' + escapeHtml(caption) + "</caption>" + rows + "</table>";
    var maps = root.querySelector('[data-cnn-slot="maps"]');
    if (maps && !maps.hidden) {
      html += '<div class="cnn-ex-row">' + all(maps, "figure").map(function (figure) {
        var canvas = figure.querySelector("canvas");
        return '<figure><img class="cnn-ex-print-map" src="' + canvas.toDataURL("image/png") +
          '" alt="' + escapeHtml(canvas.getAttribute("aria-label") || "") + '"><figcaption>' +
          escapeHtml(figure.querySelector("figcaption").textContent) + "</figcaption></figure>";
      }).join("") + "</div>";
    }
    return html;
  }

  function refresh() {
    all(document, "[data-cnn-exercise]").forEach(function (root) {
      var script = root.querySelector("script[data-cnn-data]");
      if (!script) { return; }
      var data = JSON.parse(script.textContent);
      var html = data.kind === "filter" ? filterBlock(root)
        : data.kind ? "" : exerciseBlock(root, data);
      var block = root.querySelector(".cnn-ex-print");
      if (!html) {
        if (block) { block.remove(); }
        return;
      }
      if (!block) {
        block = document.createElement("div");
        block.className = "cnn-ex-print";
        root.insertBefore(block, script);
      }
      block.innerHTML = (data.kind ? "" : "<p><b>답과 풀이</b></p>") + html;
    });
  }

  // Folded answers and hidden code print open: cnn-print.css does it where the browser can
  // style ::details-content (Chromium); here for the others, closed again after printing.
  var opened = [];
  function openFolds() {
    refresh();
    all(document, "details.sd-dropdown:not([open]), details.hide:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  }
  function closeFolds() {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  }
  window.addEventListener("beforeprint", openFolds);
  window.addEventListener("afterprint", closeFolds);
  if (window.matchMedia) {  // also where print is emulated (tools/make_pdf.py)
    window.matchMedia("print").addEventListener("change", function (event) {
      if (event.matches) { refresh(); }
    });
  }
  if (document.readyState === "complete") {
    refresh();
  } else {
    window.addEventListener("load", refresh);
  }
})();
