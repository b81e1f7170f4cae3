// The exercises of the web book, without a kernel.
//
// Every exercise's output carries a form made by cnn_utils/static.py when the chapter ran,
// with the exercise's description (cnn_utils.exercises) and the reading rules of
// cnn_utils.answers (reading()): how typed text is read, the hints, the particles. This
// script judges answers with the same steps as cnn_utils.answers.judge on that data; no
// rule or constant of the Python side is written here. The exercise's moves (navigation, the
// bank, the score, the hints) are machine(), cnn_utils.exercises.state.ExerciseState's twin;
// tests/test_exercise_states.py runs both on one table of moves (tests/exercise_states.json). tests/test_answers.py runs it
// under Node on the shared table tests/answer_cases.json; tests/test_browser_exercises.py
// tries every form in Chromium.
(function () {
  "use strict";

  // ---------------------------------------------------------------- reading answers

  function pattern(source, flags) {
    return new RegExp(source, "u" + (flags || ""));
  }

  function strip(text, R) {
    var chars = Array.from(text);
    var start = 0;
    var end = chars.length;
    while (start < end && R.spaces.indexOf(chars[start]) >= 0) { start += 1; }
    while (end > start && R.spaces.indexOf(chars[end - 1]) >= 0) { end -= 1; }
    return chars.slice(start, end).join("");
  }

  function text(value) {
    return value === null || value === undefined ? "" : String(value);
  }

  // answers._ASCII: the runs of ten digits from each zero of R.digit_zeros, and R.equivalents
  function asciiTable(R) {
    if (!R.ascii) {
      var table = Object.assign({}, R.equivalents);
      Array.from(R.digit_zeros).forEach(function (zero) {
        for (var k = 0; k < 10; k += 1) { table[String.fromCodePoint(zero.codePointAt(0) + k)] = String(k); }
      });
      Object.defineProperty(R, "ascii", { value: table });
    }
    return R.ascii;
  }

  // answers.plain_text
  function plainText(value, R) {
    var table = asciiTable(R);
    return Array.from(text(value).replace(pattern(R.invisible, "g"), "")).map(function (ch) {
      return Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    }).join("");
  }

  // answers.echo
  function echo(value, R) {
    var kept = strip(text(value).replace(pattern(R.invisible, "g"), ""), R);
    var chars = Array.from(kept.replace(pattern(R.control, "g"), R.replacement));
    return chars.length <= R.echo_limit ? chars.join("") : chars.slice(0, R.echo_limit).join("") + R.ellipsis;
  }

  // answers._number_text: no "+", no leading or trailing zeros.
  function numberText(ascii) {
    var negative = ascii[0] === "-";
    var parts = ascii.replace(/^[+-]/, "").split(".");
    var fraction = (parts[1] || "").replace(/0+$/, "");
    var body = (parts[0].replace(/^0+/, "") || "0") + (fraction ? "." + fraction : "");
    return negative && body !== "0" ? "-" + body : body;
  }

  function hint(message) {
    return { hint: message };
  }

  // answers.parse_number
  function parseNumber(typed, field, R) {
    var raw = echo(typed, R);
    var cleaned = strip(plainText(typed, R), R).replace(pattern(R.counter), "").replace(pattern(R.sign_spaces), "$1");
    if (!cleaned) { return hint(R.hints.empty); }
    if (pattern(R.split_digits).test(cleaned)) { return hint(R.hints.space.split("{raw}").join(raw)); }
    if (cleaned.indexOf(",") >= 0) {
      if (!pattern(R.thousands).test(cleaned)) { return hint(R.hints.comma.split("{raw}").join(raw)); }
      cleaned = cleaned.replace(/,/g, "");
    }
    if (!pattern(R.number).test(cleaned)) { return hint(R.hints.nan.split("{raw}").join(raw)); }
    var negative = cleaned[0] === "-";
    if (cleaned.replace(/^[+-]/, "").split(".")[0].length > R.max_digits) {
      if (negative && field.minimum !== null) { return hint(field.hints.min); }
      if (!negative && field.maximum !== null) { return hint(field.hints.max); }
      return hint(field.hints.long);
    }
    var value = Number(cleaned);
    if (field.integer && !Number.isInteger(value)) { return hint(R.hints.int); }
    if (field.minimum !== null && value < field.minimum) { return hint(field.hints.min); }
    if (field.maximum !== null && value > field.maximum) { return hint(field.hints.max); }
    return { value: value === 0 ? 0 : value, text: numberText(cleaned) };
  }

  // answers.parse_shape
  function parseShape(typed, field, R) {
    var body = strip(strip(plainText(typed, R), R).replace(/^[()[\]]+|[()[\]]+$/g, ""), R);
    var parts = pattern(R.thousands).test(body) && !/^[+-]/.test(body) ? [body]
      : body.split(new RegExp(R.shape_separators, "u")).filter(Boolean);
    if (parts.length && parts[0].toLowerCase() === "none") { parts = parts.slice(1); }
    if (!parts.length) { return hint(R.hints.shape_empty); }
    if (parts.length > field.max_length) {
      return hint(R.hints.shape_long.split("{count}").join(String(field.max_length)));
    }
    var number = field.number;
    var values = [];
    for (var i = 0; i < parts.length; i += 1) {
      var read = parseNumber(parts[i], number, R);
      if (read.hint !== undefined) { return read; }
      values.push(read.value);
    }
    return { value: values, text: "(" + values.join(", ") + (values.length === 1 ? "," : "") + ")" };
  }

  function readField(field, typed, R) {
    if (field.kind === "number") { return parseNumber(typed, field, R); }
    if (field.kind === "shape") { return parseShape(typed, field, R); }
    var option = field.options.filter(function (o) { return o[0] === text(typed); })[0];
    return option ? { value: option[0], text: option[1] } : hint(R.hints.choice);
  }

  // answers.particle
  function particle(word, kind, R) {
    var p = R.particles[kind];
    var H = R.hangul;
    var chars = Array.from(word);
    for (var i = chars.length - 1; i >= 0; i -= 1) {
      var ch = chars[i];
      var final = null;
      var rieul = false;
      var digit = asciiTable(R)[ch];
      if (digit !== undefined && /^[0-9]$/.test(digit)) {
        final = R.digits_with_final.indexOf(digit) >= 0;
        rieul = R.digits_with_rieul.indexOf(digit) >= 0;
      } else if (ch >= H.first && ch <= H.last) {
        var tail = (ch.codePointAt(0) - H.first.codePointAt(0)) % H.finals;
        final = tail !== 0;
        rieul = tail === H.rieul;
      } else if (/^\p{L}$/u.test(ch)) {
        return p[3];
      }
      if (final !== null) { return rieul ? p[2] : final ? p[0] : p[1]; }
    }
    return p[3];
  }

  // answers.fill
  function fill(template, typed, R) {
    return template.replace(new RegExp(R.slot, "g"), function (whole, key, commas, kind) {
      if (!Object.prototype.hasOwnProperty.call(typed, key)) { return whole; }
      var value = typed[key];
      if (commas) {
        var parts = value.split(".");
        if (/^-?[0-9]+$/.test(parts[0])) {
          parts[0] = parts[0].replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ",");
          value = parts.join(".");
        }
      }
      return value + (kind ? particle(value, kind, R) : "");
    });
  }

  function same(typed, answer, R, within) {
    if (typeof answer === "number" && typeof typed === "number" && typeof within === "number") {
      return Math.abs(typed - answer) <= within + R.tolerance[1];
    }
    if (typeof answer === "number" && typeof typed === "number") {
      var scale = Math.max(Math.abs(typed), Math.abs(answer));
      return Math.abs(typed - answer) <= Math.max(R.tolerance[0] * scale, R.tolerance[1]);
    }
    if (Array.isArray(answer)) {
      return Array.isArray(typed) && typed.length === answer.length &&
        answer.every(function (v, k) { return typed[k] === v; });
    }
    return typed === answer;
  }

  // answers.right_message: the verdict, then the worked answer when there is one
  function rightMessage(worked, R) {
    return worked ? R.correct + " " + worked : R.correct;
  }

  // answers.retry_message: what the first wrong answer on a problem is told, never the answer
  function retryMessage(group, check, kase, typed, wrong, R) {
    var head;
    if (kase.hint) {
      head = fill(kase.hint, typed, R);
    } else {
      if (group.fields.length === 1) {
        head = fill(R.retry.one, { answer: typed[group.fields[0].key] }, R);
      } else {
        var names = group.fields.filter(function (f) { return wrong.indexOf(f.key) >= 0; })
          .map(function (f) { return f.name; });
        head = R.retry.some.split("{names}").join(names.join(", "));
      }
      if (kase.mistake) { head += " " + R.retry.mistake.split("{mistake}").join(kase.mistake); }
    }
    var lines = check.hint ? [head, fill(check.hint, typed, R)] : [head];
    return lines.concat([R.retry.again]).join("\n");
  }

  // answers.judge: {correct: true/false/null, message, told (Feedback.told), case (its index)}
  function judge(group, check, answers, R, wrongBefore) {
    var values = {};
    var typed = {};
    for (var i = 0; i < group.fields.length; i += 1) {
      var field = group.fields[i];
      var read = readField(field, answers[field.key], R);
      if (read.hint !== undefined) {
        var message = group.fields.length > 1
          ? R.hints.field.split("{name}").join(field.name).split("{hint}").join(read.hint) : read.hint;
        return { correct: null, message: message, told: "hint", case: null };
      }
      values[field.key] = read.value;
      typed[field.key] = read.text;
    }
    var wrong = Object.keys(values).filter(function (k) { return !same(values[k], check.answer[k], R, check.within); });
    if (!wrong.length) {
      return { correct: true, message: rightMessage(fill(check.right, typed, R), R), told: "right", case: null };
    }
    var index = check.cases.findIndex(function (c) {
      if (c.equal.length) { return c.equal.every(function (e) { return same(values[e[0]], e[1], R); }); }
      return !c.wrong.length || c.wrong.some(function (k) { return wrong.indexOf(k) >= 0; });
    });
    var kase = check.cases[index];
    if (wrongBefore) { return { correct: false, message: fill(kase.say, typed, R), told: "worked", case: index }; }
    return { correct: false, message: retryMessage(group, check, kase, typed, wrong, R), told: "retry", case: index };
  }

  // cnn_utils.exercises.state.ExerciseState: the same moves on the exercise's data (its
  // docstring has the rules); the form below only shows this state
  function machine(data) {
    var R = data.reading;
    var last = data.problems.length - 1;
    var s = { index: 0, params: {}, counted: {}, shown: {}, wrong: {}, picked: {}, solved: false };
    data.params.forEach(function (p) { s.params[p.name] = p.options[0][0]; });
    function variant() { return data.params.map(function (p) { return "|" + s.params[p.name]; }).join(""); }
    function group(key) { return data.groups.filter(function (g) { return g.key === key; })[0]; }
    function checkOf(key) { return data.problems[s.index].checks[key + variant()]; }
    function clear() {
      s.shown = {};
      s.wrong = {};
      s.picked = {};
      s.solved = false;
    }
    function can(move) {
      return {
        new: data.nav === "new" && last > 0,
        prev: data.nav === "steps" && s.index > 0,
        next: data.nav === "steps" && s.index < last,
        restart: data.nav === "steps"
      }[move];
    }
    function go(move) {
      if (!can(move)) { return false; }
      s.index = { new: (s.index + 1) % (last + 1), prev: s.index - 1, next: s.index + 1, restart: 0 }[move];
      clear();
      return true;
    }
    function check(key, typed) {
      var rule = checkOf(key);
      if (!rule) { return null; }
      var g = group(key);
      var question = s.index + "|" + key + variant();
      var result = judge(g, rule, typed, R, s.wrong[key] || 0);
      if (result.correct !== null && !(question in s.counted)) { s.counted[question] = result.correct; }
      if (result.correct === false) { s.wrong[key] = (s.wrong[key] || 0) + 1; }
      var picker = g.fields[0];
      if (picker.kind === "choice" && !picker.menu && result.correct !== null) {
        s.picked[key] = [typed[picker.key], result.correct];
      }
      if (result.correct && rule.advance && s.index < last) {
        go("next");
      } else {
        s.solved = s.solved || result.told === "right" || result.told === "worked";
      }
      s.shown[key] = result;
      return result;
    }
    function label(template) {
      return template.split("{number}").join(String(s.index + 1)).split("{total}").join(String(last + 1));
    }
    return {
      state: s,
      can: can,
      go: go,
      check: check,
      variant: variant,
      asked: function (key) { return checkOf(key) !== undefined; },
      setParam: function (name, value) { s.params[name] = value; clear(); },
      counter: function () {
        return data.nav === "new" ? label(data.numbered) : data.nav === "steps" ? label(data.step) : "";
      },
      score: function () {
        var tried = Object.keys(s.counted);
        var right = tried.filter(function (q) { return s.counted[q]; }).length;
        return R.score.split("{right}").join(String(right)).split("{tried}").join(String(tried.length));
      },
      figure: function () {
        var problem = data.problems[s.index];
        return (s.solved && problem.solved_figure) || problem.figure;
      }
    };
  }

  // ops.format_number. toFixed rounds the exact value as Python does, except on an exact
  // tie, where Python rounds half to even: a tie at d decimals is an odd multiple of
  // 1/2^(d+1) (a product by a power of two is exact in binary).
  function formatNumber(value, decimals) {
    if (Number.isInteger(value)) { return String(value); }
    var fixed = value.toFixed(decimals);
    var halves = value * Math.pow(2, decimals + 1);
    if (Number.isInteger(halves) && Math.abs(halves) % 2 === 1) {
      var scale = Math.pow(10, decimals);
      var low = Math.floor(value * scale);
      fixed = ((low % 2 === 0 ? low : low + 1) / scale).toFixed(decimals);
    }
    fixed = fixed.replace(/0+$/, "").replace(/\.$/, "");
    return fixed === "-0" || fixed === "" ? "0" : fixed;
  }

  // exercises.filter_response of a 3x3 filter: 'same' padding, summed over the filter's
  // positions in the order cnn_utils.ops.conv2d sums them
  function conv3(image, kernel) {
    var rows = image.shape[0];
    var cols = image.shape[1];
    var out = new Array(rows * cols).fill(0);
    for (var u = 0; u < 3; u += 1) {
      for (var v = 0; v < 3; v += 1) {
        for (var i = 0; i < rows; i += 1) {
          for (var j = 0; j < cols; j += 1) {
            var r = i + u - 1;
            var c = j + v - 1;
            var x = r >= 0 && r < rows && c >= 0 && c < cols ? image.values[r * cols + c] : 0;
            out[i * cols + j] += x * kernel[u * 3 + v];
          }
        }
      }
    }
    return out;
  }

  // exercises.describe_filter_response
  function describe(map, cols, template, decimals) {
    var high = 0;
    var low = 0;
    map.forEach(function (v, k) {
      if (v > map[high]) { high = k; }
      if (v < map[low]) { low = k; }
    });
    return template.split("{high}").join(formatNumber(map[high], decimals))
      .split("{row}").join(String(Math.floor(high / cols))).split("{col}").join(String(high % cols))
      .split("{low}").join(formatNumber(map[low], decimals));
  }

  // exercises.size_grid_html
  function sizeGrid(n, top, bottom, f, stride, out, dot) {
    var size = n + top + bottom;
    var reach = out ? (out - 1) * stride + f : size;
    var starts = [];
    for (var k = 0; k < out; k += 1) { starts.push(k * stride + Math.floor((f - 1) / 2)); }
    var rows = "";
    for (var i = 0; i < size; i += 1) {
      rows += "<tr>";
      for (var j = 0; j < size; j += 1) {
        var inside = top <= i && i < top + n && top <= j && j < top + n;
        var kind = "cnn-grid-" + (inside ? "in" : "pad") + (i >= reach || j >= reach ? " cnn-grid-out" : "");
        var centre = starts.indexOf(i) >= 0 && starts.indexOf(j) >= 0;
        rows += '<td class="' + kind + '">' + (centre ? dot : "") + "</td>";
      }
      rows += "</tr>";
    }
    return '<table class="cnn-grid">' + rows + "</table>";
  }

  var core = {
    parseNumber: parseNumber, parseShape: parseShape, readField: readField, particle: particle, fill: fill,
    judge: judge, machine: machine, formatNumber: formatNumber, conv3: conv3, describe: describe, sizeGrid: sizeGrid
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = core;
    return;
  }
  window.cnnExercises = core;

  // ---------------------------------------------------------------- the forms

  function escapeHtml(value) {
    return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  // answers.Feedback.html: only the verdict's line is coloured (cnn-exercises.css)
  function verdict(result, R, kind) {
    kind = kind || (result.correct === true ? "right" : result.correct === false ? "wrong" : "hint");
    var lines = escapeHtml(result.message).split("\n");
    return '<div class="cnn-ex-verdict cnn-ex-' + kind + '" data-cnn-told="' + (result.told || kind) +
      '"><span class="cnn-ex-verdict-line"><b aria-hidden="true">' + R.verdicts[kind] + "</b> " + lines[0] +
      "</span>" + (lines.length > 1 ? "<br>" + lines.slice(1).join("<br>") : "") + "</div>";
  }

  function note(message, kind, R) {
    return verdict({ message: message, correct: kind === "hint" ? null : undefined }, R, kind);
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function setupExercise(root, data) {
    var R = data.reading;
    var m = machine(data);
    var s = m.state;
    function slot(name) { return root.querySelector('[data-cnn-slot="' + name + '"]'); }
    function inGroup(key, selector) {
      return all(root, selector.split(",").map(function (one) {
        return '[data-cnn-group="' + key + '"] ' + one.trim();
      }).join(", "));
    }
    function render() {
      var problem = data.problems[s.index];
      var figure = m.figure();
      var img = slot("figure");
      slot("statement").innerHTML = problem.statement;
      if (img && figure) {
        img.src = figure.src;
        img.alt = figure.alt;
        if (figure.width) { img.width = figure.width; } else { img.removeAttribute("width"); }
      }
      if (slot("step")) { slot("step").textContent = m.counter(); }
      all(root, "[data-cnn-nav]").forEach(function (b) { b.disabled = !m.can(b.getAttribute("data-cnn-nav")); });
      data.groups.forEach(function (group) {
        var shown = s.shown[group.key];
        root.querySelector('[data-cnn-feedback="' + group.key + '"]').innerHTML = shown ? verdict(shown, R) : "";
        inGroup(group.key, "input, select, button").forEach(function (c) { c.disabled = !m.asked(group.key); });
        group.fields.forEach(function (field) {
          if (field.kind !== "choice" || field.menu) { return; }
          var picked = s.picked[group.key];
          inGroup(group.key, "button[data-cnn-choice]").forEach(function (b) {
            var value = b.getAttribute("data-cnn-choice");
            var text = field.options.filter(function (o) { return o[0] === value; })[0][1];
            if (picked && picked[0] === value) {
              var told = picked[1] ? "right" : "wrong";
              b.innerHTML = '<span aria-hidden="true">' + R.verdicts[told] + "</span> " + escapeHtml(text);
              b.setAttribute("aria-label", text + ", " + R.picked[told]);
              b.setAttribute("data-cnn-picked", told);
            } else {
              b.textContent = text;
              b.removeAttribute("aria-label");
              b.removeAttribute("data-cnn-picked");
            }
          });
        });
      });
      if (slot("score")) { slot("score").textContent = m.score(); }
    }
    function show() {
      var focused = document.activeElement;
      all(root, "input[data-cnn-field], select[data-cnn-field]").forEach(function (box) { box.value = ""; });
      render();
      if (focused && root.contains(focused) && focused.disabled) {  // keep the keyboard in the form
        var next = root.querySelector('[data-cnn-nav="' + (m.can("next") ? "next" : "restart") + '"]:not([disabled])') ||
          all(root, "button:not([disabled]), input:not([disabled])")[0];
        if (next) { next.focus(); }
      }
    }
    function check(key, choice) {
      var group = data.groups.filter(function (g) { return g.key === key; })[0];
      var answers = {};
      group.fields.forEach(function (field) {
        var box = root.querySelector('[data-cnn-group="' + key + '"] [data-cnn-field="' + field.key + '"]:not(button)');
        answers[field.key] = choice !== undefined ? choice : box.value;
      });
      var index = s.index;
      var variant = m.variant();
      var result = m.check(key, answers);
      if (!result) { return; }
      root.dispatchEvent(new CustomEvent("cnn-judged", { bubbles: true, detail: { key: data.key, problem: index, group: key, variant: variant, answers: answers, correct: result.correct, message: result.message, case: result.case } }));
      if (s.index !== index) { show(); } else { render(); }
    }
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) { return; }
      var nav = button.getAttribute("data-cnn-nav");
      if (nav && m.go(nav)) { show(); }
      if (button.hasAttribute("data-cnn-choice")) {
        check(button.closest("[data-cnn-group]").getAttribute("data-cnn-group"), button.getAttribute("data-cnn-choice"));
      }
      var key = button.getAttribute("data-cnn-check");
      if (key === "*") { data.groups.forEach(function (g) { check(g.key); }); } else if (key) { check(key); }
    });
    root.addEventListener("keydown", function (event) {
      var box = event.target.closest("input[data-cnn-field]");
      if (box && event.key === "Enter") {
        // a right answer may move the focus to a button (처음부터 at the last step): the key
        // must not then press that button too
        event.preventDefault();
        var groups = data.submit_all ? data.groups.map(function (g) { return g.key; })
          : [box.closest("[data-cnn-group]").getAttribute("data-cnn-group")];
        groups.forEach(function (key) { check(key); });
      }
    });
    root.addEventListener("change", function (event) {
      var name = event.target.getAttribute("data-cnn-param");
      if (name) {
        m.setParam(name, event.target.value);
        render();
      }
    });
    show();
  }

  function setupSizes(root, data) {
    function slot(name) { return root.querySelector('[data-cnn-slot="' + name + '"]'); }
    function update() {
      var s = {};
      all(root, "[data-cnn-param]").forEach(function (p) { s[p.getAttribute("data-cnn-param")] = p.value; });
      var row = data.table[[s.n, s.f, s.padding, s.stride].join("|")];
      var out = row[0];
      var top = row[1];
      var bottom = row[2];
      var p = top === bottom ? String(top) : data.uneven.split("{top}").join(top).split("{bottom}").join(bottom);
      var lines = [data.setting.split("{n}").join(s.n).split("{f}").join(s.f).split("{p}").join(p)
        .split("{s}").join(s.stride), row[4]];
      var warning = data.unreached.split("{count}").join(row[3]);
      slot("grid").firstElementChild.outerHTML =
        sizeGrid(Number(s.n), top, bottom, Number(s.f), Number(s.stride), out, data.dot);
      slot("caption").textContent = out ? data.caption.split("{out}").join(out) : "";
      slot("report").innerHTML = lines.map(escapeHtml).join("<br>");
      slot("note").innerHTML = out ? note(row[3] ? warning : data.exact, "info", data.reading)
        : note(row[4], "hint", data.reading);
    }
    root.addEventListener("change", update);
    update();
  }

  function setupFilter(root, data) {
    var R = data.reading;
    function slot(name) { return root.querySelector('[data-cnn-slot="' + name + '"]'); }
    function draw(canvas, values, shape) {
      var low = Math.min.apply(null, values);
      var high = Math.max.apply(null, values);
      canvas.width = shape[1];
      canvas.height = shape[0];
      var context = canvas.getContext("2d");
      var pixels = context.createImageData(shape[1], shape[0]);
      values.forEach(function (v, k) {
        var level = high > low ? Math.round(255 * (v - low) / (high - low)) : 0;
        pixels.data.set([level, level, level, 255], 4 * k);
      });
      context.putImageData(pixels, 0, 0);
    }
    function update() {
      var kernel = [];
      var cells = all(root, "[data-cnn-cell]");
      for (var k = 0; k < cells.length; k += 1) {
        var read = parseNumber(cells[k].value, data.cell, R);
        if (read.hint !== undefined) {
          slot("note").innerHTML = note(data.cell_hint.split("{row}").join(Math.floor(k / 3) + 1)
            .split("{col}").join(k % 3 + 1).split("{hint}").join(read.hint), "hint", R);
          return;
        }
        kernel.push(read.value);
      }
      var image = data.images[root.querySelector('[data-cnn-param="image"]').value];
      var map = conv3(image, kernel);
      draw(slot("image"), image.values, image.shape);
      draw(slot("map"), map, image.shape);
      slot("picture").hidden = true;
      slot("maps").hidden = false;
      var reading = describe(map, image.shape[1], data.describe, data.decimals);
      slot("map").setAttribute("aria-label", data.map_label.split("{reading}").join(reading));
      slot("note").innerHTML = note(reading, "info", R);
    }
    root.addEventListener("change", function (event) {
      if (event.target.getAttribute("data-cnn-param") === "preset") {
        data.presets[event.target.value].forEach(function (value, k) {
          root.querySelector('[data-cnn-cell="' + k + '"]').value = value;
        });
      }
      update();
    });
    root.addEventListener("input", function (event) {
      if (event.target.hasAttribute("data-cnn-cell")) { update(); }
    });
    update();
  }

  function start() {
    all(document, "[data-cnn-exercise]").forEach(function (root) {
      var data = JSON.parse(root.querySelector("script[data-cnn-data]").textContent);
      ({ sizes: setupSizes, filter: setupFilter }[data.kind] || setupExercise)(root, data);
      root.setAttribute("data-cnn-ready", "");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
