// The exercises of the web book, without a kernel.
//
// Every exercise's output carries a static form made by cnn_utils/static.py when
// the chapter ran: its problems, right answers and the feedback of
// cnn_utils.exercises (hints, right, wrong as a template for the typed number).
// This script only reads the typed number the way exercises.parse_number does,
// compares it and shows the stored feedback. tests/test_browser_exercises.py
// checks it against Python on tests/number_inputs.json and on every exercise.
(function () {
  "use strict";

  var RAW = "\u27earaw\u27eb";
  var VALUE = "\u27eavalue\u27eb";
  var VALUE_COMMAS = "\u27eavalue,\u27eb";
  // Python's str.strip() removes exactly these (str.isspace).
  var SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029" +
    "\\u202f\\u205f\\u3000";
  var STRIP = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var NUMBER = /^[+-]?(\p{Nd}+(\.\p{Nd}*)?|\.\p{Nd}+)$/u;
  // A comma separates thousands only: before each group of three digits.
  var THOUSANDS = /^[+-]?\p{Nd}{1,3}(,\p{Nd}{3})+(\.\p{Nd}*)?$/u;
  var MAX_DIGITS = 15;   // exercises._MAX_DIGITS: a longer whole part is "too large"
  var ECHO_LIMIT = 20;   // exercises.ECHO_LIMIT: how much of the typed text a hint repeats
  var DIGIT = /^\p{Nd}$/u;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  // A Unicode decimal digit's value: digits come in runs of ten from 0 (Unicode's rule).
  function asciiDigits(text) {
    return Array.from(text).map(function (ch) {
      if (ch >= "0" && ch <= "9" || !DIGIT.test(ch)) {
        return ch;
      }
      var code = ch.codePointAt(0);
      var start = code;
      while (DIGIT.test(String.fromCodePoint(start - 1))) {
        start -= 1;
      }
      return String((code - start) % 10);
    }).join("");
  }

  // exercises.echo: the typed text cut to ECHO_LIMIT characters (code points, as Python counts).
  function echo(text) {
    var chars = Array.from(text);
    return chars.length <= ECHO_LIMIT ? text : chars.slice(0, ECHO_LIMIT).join("") + "\u2026";
  }

  function hint(rule, kind, raw, asHtml) {
    var text = rule.hints[kind];
    var shown = echo(raw);
    return (kind === "nan" || kind === "comma")
      ? text.split(RAW).join(asHtml ? escapeHtml(shown) : shown) : text;
  }

  // exercises.parse_number: {value} or {hint, kind}.
  function parseNumber(text, rule, asHtml) {
    var raw = (text === null || text === undefined) ? "" : String(text);
    var stripped = raw.replace(STRIP, "");
    var cleaned = stripped.replace(/\u2212/g, "-").replace(/ /g, "");
    if (!cleaned) {
      return { kind: "empty", hint: hint(rule, "empty", stripped, asHtml) };
    }
    if (cleaned.indexOf(",") >= 0) {
      if (!THOUSANDS.test(cleaned)) {
        return { kind: "comma", hint: hint(rule, "comma", stripped, asHtml) };
      }
      cleaned = cleaned.replace(/,/g, "");
    }
    if (!NUMBER.test(cleaned)) {
      return { kind: "nan", hint: hint(rule, "nan", stripped, asHtml) };
    }
    var whole = Array.from(cleaned.split(".")[0]).filter(function (ch) { return DIGIT.test(ch); });
    if (whole.length > MAX_DIGITS) {
      var kind = rule.maximum !== null ? "max" : "long";
      return { kind: kind, hint: hint(rule, kind, stripped, asHtml) };
    }
    var value = Number(asciiDigits(cleaned));
    if (rule.integer && !Number.isInteger(value)) {
      return { kind: "int", hint: hint(rule, "int", stripped, asHtml) };
    }
    if (rule.minimum !== null && value < rule.minimum) {
      return { kind: "min", hint: hint(rule, "min", stripped, asHtml) };
    }
    if (rule.maximum !== null && value > rule.maximum) {
      return { kind: "max", hint: hint(rule, "max", stripped, asHtml) };
    }
    return { kind: "ok", value: value === 0 ? 0 : value };
  }

  function close(a, b) {
    return Math.abs(a - b) <= Math.max(1e-9 * Math.max(Math.abs(a), Math.abs(b)), 1e-6);
  }

  function valueText(value, commas) {
    if (!Number.isInteger(value)) {
      return String(value);
    }
    var text = String(Math.abs(value));
    if (commas) {
      text = text.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    }
    return (value < 0 ? "-" : "") + text;
  }

  function renderValue(template, value) {
    return template.split(VALUE_COMMAS).join(valueText(value, true))
      .split(VALUE).join(valueText(value, false));
  }

  // The feedback for a typed answer: {html, correct (true/false/null)}.
  function answer(check, text) {
    if (check.type === "fixed") {
      return { html: check.html, correct: null };
    }
    var parsed = parseNumber(text, check.rule, true);
    if (parsed.kind !== "ok") {
      return { html: parsed.hint, correct: null };
    }
    if (close(parsed.value, check.answer)) {
      return { html: check.right, correct: true };
    }
    for (var i = 0; i < check.special.length; i += 1) {
      if (close(parsed.value, check.special[i][0])) {
        return { html: check.special[i][1], correct: false };
      }
    }
    var template = check.wrong[parsed.value < 0 ? "-" : "+"];
    return { html: renderValue(template, parsed.value), correct: false };
  }

  function setup(root) {
    var script = root.querySelector("script[data-cnn-bank]");
    if (!script) {
      return;
    }
    var bank = JSON.parse(script.textContent);
    var problems = bank.problems;
    var state = { index: 0, right: 0, tried: 0 };
    function slot(name) {
      return root.querySelector('[data-cnn-slot="' + name + '"]');
    }
    function say(html) {
      slot("feedback").innerHTML = html;
    }
    function show(index) {
      state.index = index;
      var problem = problems[index];
      slot("statement").innerHTML = problem.statement || "";
      var figure = slot("figure");
      if (figure && problem.figure) {
        figure.src = problem.figure.src;
        figure.alt = problem.figure.alt;
      }
      var step = slot("step");
      if (step) {
        step.textContent = "단계 " + (index + 1) + "/" + problems.length;
      }
      root.querySelectorAll("[data-cnn-nav='-1']").forEach(function (b) { b.disabled = index === 0; });
      root.querySelectorAll("[data-cnn-nav='1']").forEach(function (b) {
        b.disabled = index === problems.length - 1;
      });
      root.querySelectorAll("[data-cnn-answer]").forEach(function (box) { box.value = ""; });
      root.querySelectorAll("[data-cnn-result]").forEach(function (r) { r.innerHTML = ""; });
      say("");
    }
    function record(correct) {
      var score = slot("score");
      if (!score || correct === null) {
        return;
      }
      state.tried += 1;
      state.right += correct ? 1 : 0;
      score.innerHTML = bank.score.split(RAW).join(String(state.right))
        .split(VALUE).join(String(state.tried));
    }
    function checkKey(key) {
      var params = root.querySelectorAll("[data-cnn-param]");
      if (!params.length) {
        return key;
      }
      return Array.prototype.map.call(params, function (p) { return p.value; }).join("|");
    }
    function onCheck(button) {
      var key = button.getAttribute("data-cnn-check");
      var check = problems[state.index].checks[checkKey(key)];
      var result;
      if (check.type === "choice") {
        var choice = button.getAttribute("data-cnn-choice");
        result = { html: check.responses[choice], correct: null };
        var figure = slot("figure");
        if (figure && check.figure && check.figure.src) {
          figure.src = check.figure.src;
          figure.alt = check.figure.alt;
        }
      } else {
        var box = root.querySelector('[data-cnn-answer="' + key + '"]');
        result = answer(check, box.value);
        record(result.correct);
      }
      if (result.correct && problems[state.index].advance && state.index + 1 < problems.length) {
        show(state.index + 1);
      }
      var row = root.querySelector('[data-cnn-result="' + key + '"]');
      if (row) {
        row.innerHTML = result.html;
      }
      say(result.html);
    }
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) {
        return;
      }
      var nav = button.getAttribute("data-cnn-nav");
      if (nav === "new") {
        show((state.index + 1) % problems.length);
      } else if (nav) {
        show(Math.min(Math.max(state.index + Number(nav), 0), problems.length - 1));
      } else if (button.hasAttribute("data-cnn-check")) {
        onCheck(button);
      }
    });
    root.addEventListener("keydown", function (event) {
      var box = event.target.closest("[data-cnn-answer]");
      if (box && event.key === "Enter") {
        var key = box.getAttribute("data-cnn-answer");
        onCheck(root.querySelector('[data-cnn-check="' + key + '"]'));
      }
    });
    show(0);
    root.setAttribute("data-cnn-ready", "");
  }

  window.cnnExercises = { parseNumber: parseNumber, answer: answer, renderValue: renderValue };
  function start() {
    document.querySelectorAll("[data-cnn-exercise]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
