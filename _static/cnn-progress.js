// 내 진도: what a student did with the web book's exercises, kept in this browser only.
//
// _static/cnn-exercises.js sends a "cnn-judged" event each time a form judges an answer
// ({key, problem, group, variant, answers, correct, message, case: the index of the check's
// wrong-answer case that told it}). This script keeps, per exercise and
// edition (localStorage key "cnn-progress:<edition>:<exercise key>"), the counts of a results
// file: judged answers, each question's first verdict, questions answered right, and the named
// mistakes (the wrong-answer case that told the student; named as
// cnn_utils.results.mistake_id names it). On load it shows on every form what was done, a
// summary at the top of each chapter page, and on the 「내 진도」 page every exercise by chapter
// and slide point (the list Python writes into that page) with 「결과 파일 내보내기」 (the format
// of cnn_utils/results.schema.json) and 「모두 지우기」. Without storage (disabled, full,
// private mode) the exercises still answer and the pages say progress is not kept.
(function () {
  "use strict";
  var PREFIX = "cnn-progress:";
  var TEXT = {
    off: "이 브라우저에서는 진도를 저장할 수 없습니다(저장소가 꺼져 있거나 가득 찼거나 사생활 보호 모드). 연습은 그대로 풀 수 있지만 새로 고치면 기록이 사라집니다.",
    full: "진도를 저장하지 못했습니다(저장소가 가득 찼거나 꺼져 있음). 연습은 그대로 풀 수 있습니다.",
    form: "내 진도: 문항 {questions}개에 답함, 첫 시도에 {first}개 맞힘, 맞힌 문항 {correct}개",
    chapter: "이 장의 내 진도: 연습 {total}개 중 {done}개를 풀었고, 답한 문항 {questions}개 중 {first}개를 첫 시도에 맞혔습니다.",
    link: "내 진도 보기",
    none: "안 풀었음",
    doing: "푸는 중",
    done: "모두 맞힘",
  };

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function edition() {
    var meta = document.querySelector('meta[name="cnn-edition"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // localStorage, or null when it cannot be used (a getter that throws, a failing write)
  function openStore() {
    try {
      var store = window.localStorage;
      var probe = PREFIX + "probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null;
    }
  }
  var store = openStore();
  var memory = {}; // this page's progress when there is no storage

  function storageKey(exercise) { return PREFIX + edition() + ":" + exercise; }

  function load(exercise) {
    if (!store) { return memory[exercise] || null; }
    try {
      var entry = JSON.parse(store.getItem(storageKey(exercise)));
      return entry && typeof entry === "object" && entry.first ? entry : null;
    } catch (error) {
      return null;
    }
  }

  function keep(exercise, entry) {
    memory[exercise] = entry;
    if (!store) { return false; }
    try {
      store.setItem(storageKey(exercise), JSON.stringify(entry));
      return true;
    } catch (error) {
      return false;
    }
  }

  // an exercise's entry in a results file
  function counts(entry) {
    var questions = Object.keys(entry.first);
    return {
      attempts: entry.attempts,
      questions: questions.length,
      first_try: questions.filter(function (q) { return entry.first[q]; }).length,
      correct: Object.keys(entry.solved).length,
      mistakes: Object.keys(entry.mistakes).sort().map(function (id) {
        return { id: id, message: entry.mistakes[id][0], count: entry.mistakes[id][1] };
      }),
    };
  }

  // the form's own data (cnn_utils.static), read once per form
  function formData(root) {
    if (!root.cnnProgressData) {
      root.cnnProgressData = JSON.parse(root.querySelector("script[data-cnn-data]").textContent);
    }
    return root.cnnProgressData;
  }

  // cnn_utils.results.mistake_id: the name a results file gives a wrong-answer case
  function mistakeId(group, kase, index) {
    if (kase.mistake) { return String(kase.mistake); }
    if (kase.equal.length) {
      var texts = kase.equal.every(function (e) { return typeof e[1] === "string"; });
      return texts ? group + ":" + kase.equal.map(function (e) { return e[0] + "=" + e[1]; }).join("&")
        : group + "#" + index;
    }
    if (kase.wrong.length) { return group + ":wrong=" + kase.wrong.join(","); }
    return null;
  }

  function judged(event) {
    var d = event.detail;
    if (!d || d.correct === null || d.correct === undefined) { return; }
    var root = event.target;
    var entry = load(d.key) || { attempts: 0, first: {}, solved: {}, mistakes: {} };
    var question = d.problem + "|" + d.group + d.variant;
    entry.attempts += 1;
    if (!(question in entry.first)) { entry.first[question] = !!d.correct; }
    if (d.correct) { entry.solved[question] = true; }
    if (!d.correct) {
      var check = formData(root).problems[d.problem].checks[d.group + d.variant];
      var id = check && typeof d.case === "number" ? mistakeId(d.group, check.cases[d.case], d.case) : null;
      if (id) {
        var line = d.message.split("\n")[0].slice(0, 300);
        entry.mistakes[id] = [entry.mistakes[id] ? entry.mistakes[id][0] : line,
          (entry.mistakes[id] ? entry.mistakes[id][1] : 0) + 1];
      }
    }
    var kept = keep(d.key, entry);
    showForm(root, entry);
    showChapter();
    if (!kept) { warn(TEXT.full); }
  }

  function note(root, className) {
    var found = root.querySelector("." + className);
    if (!found) {
      found = document.createElement("p");
      found.className = className;
      root.insertBefore(found, root.firstChild);
    }
    return found;
  }

  function showForm(root, entry) {
    if (!entry) { return; }
    var c = counts(entry);
    var line = note(root, "cnn-progress-form");
    line.textContent = format(TEXT.form, { questions: c.questions, first: c.first_try, correct: c.correct });
    root.setAttribute("data-cnn-progress", c.correct === c.questions ? "done" : "doing");
  }

  // the page's title (the theme also prints one, hidden on screen: .onlyprint)
  function title() {
    return Array.prototype.filter.call(document.querySelectorAll("h1"), function (h) {
      return !h.closest(".onlyprint");
    })[0] || null;
  }

  function checkedForms() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-cnn-exercise]"), function (root) {
      return !formData(root).kind;
    });
  }

  function progressLink() {
    var link = document.querySelector('a[href$="progress.html"]');
    return link ? link.getAttribute("href") : null;
  }

  function showChapter() {
    var forms = checkedForms();
    var heading = title();
    if (!forms.length || !heading) { return; }
    var keys = [];
    forms.forEach(function (root) {
      var key = root.getAttribute("data-cnn-exercise");
      if (keys.indexOf(key) < 0) { keys.push(key); }
    });
    var done = 0, questions = 0, first = 0;
    keys.forEach(function (key) {
      var entry = load(key);
      if (!entry) { return; }
      var c = counts(entry);
      if (c.questions) { done += 1; }
      questions += c.questions;
      first += c.first_try;
    });
    var box = statusBox("cnn-progress-summary");
    box.textContent = store ? format(TEXT.chapter, { total: keys.length, done: done, questions: questions, first: first })
      : TEXT.off;
    var href = progressLink();
    if (href && store) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = TEXT.link;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(a);
    }
  }

  // A status line under the page's title, made once; null on a page without a title.
  function statusBox(id) {
    var box = document.getElementById(id);
    var heading = title();
    if (box || !heading) { return box; }
    box = element("p", { id: id, "class": "cnn-progress-summary", role: "status" });
    heading.parentNode.insertBefore(box, heading.nextSibling);
    return box;
  }

  function warn(message) {
    var box = statusBox("cnn-progress-warning");
    if (box) { box.textContent = message; }
  }

  // ---- the 「내 진도」 page

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function resultsFile(page, name) {
    var file = { format: page.format, version: page.version, edition: page.edition };
    if (name) { file.name = name; }
    file.reader = "web";
    file.saved = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    file.exercises = {};
    page.exercises.forEach(function (e) {
      var entry = load(e.key);
      if (entry) { file.exercises[e.key] = counts(entry); }
    });
    return file;
  }

  function renderPage(root, page) {
    root.textContent = "";
    if (!store) { root.appendChild(element("p", { "class": "cnn-progress-status", role: "status" }, TEXT.off)); }
    var chapters = [];
    page.exercises.forEach(function (e) {
      var last = chapters[chapters.length - 1];
      if (!last || last.chapter !== e.chapter) { chapters.push({ chapter: e.chapter, title: e.chapter_title, page: e.page, rows: [] }); }
      chapters[chapters.length - 1].rows.push(e);
    });
    chapters.forEach(function (c) {
      var h = element("h2", {}, Number(c.chapter) + "장 " + c.title);
      root.appendChild(h);
      var table = element("table", { "class": "cnn-progress-table" });
      var head = element("tr");
      ["슬라이드 지점", "연습", "상태", "첫 시도에 맞힌 문항", "이름 붙은 실수"].forEach(function (t) {
        head.appendChild(element("th", { scope: "col" }, t));
      });
      table.appendChild(element("thead")).appendChild(head);
      var body = table.appendChild(element("tbody"));
      c.rows.forEach(function (e) {
        var entry = load(e.key);
        var n = entry ? counts(entry) : null;
        var state = !n || !n.questions ? "none" : n.correct === n.questions ? "done" : "doing";
        var row = element("tr", { "data-cnn-progress-key": e.key, "data-cnn-progress-state": state });
        row.appendChild(element("td", {}, e.point));
        var cell = element("td");
        cell.appendChild(element("a", { href: e.page + ".html" }, e.title));
        row.appendChild(cell);
        row.appendChild(element("td", {}, TEXT[state]));
        row.appendChild(element("td", {}, n && n.questions ? n.first_try + " / " + n.questions : "—"));
        row.appendChild(element("td", {}, n ? String(n.mistakes.reduce(function (s, m) { return s + m.count; }, 0)) : "—"));
        body.appendChild(row);
      });
      var wrap = element("div", { "class": "cnn-progress-wrap" });
      wrap.appendChild(table);
      root.appendChild(wrap);
    });
    var tools = element("div", { "class": "cnn-progress-tools cnn-example" }); // the forms' colours
    var label = element("label", {}, "이름 또는 학번(선택) ");
    var name = element("input", { type: "text", maxlength: String(page.name_limit), autocomplete: "off", "data-cnn-progress-name": "" });
    label.appendChild(name);
    tools.appendChild(label);
    var exportButton = element("button", { type: "button", "class": "cnn-ex-button cnn-ex-primary", "data-cnn-progress-export": "" }, "결과 파일 내보내기");
    var clearButton = element("button", { type: "button", "class": "cnn-ex-button", "data-cnn-progress-clear": "" }, "모두 지우기");
    tools.appendChild(exportButton);
    tools.appendChild(clearButton);
    var said = element("p", { role: "status", "class": "cnn-progress-status" });
    root.insertBefore(said, root.firstChild);
    root.insertBefore(tools, said.nextSibling);
    exportButton.addEventListener("click", function () {
      var who = name.value.trim().slice(0, page.name_limit);
      var text = JSON.stringify(resultsFile(page, who), null, 1) + "\n";
      var safe = who.replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 40);
      var link = element("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })),
        download: page.file_stem + (safe ? "-" + safe : "") + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      said.textContent = "결과 파일을 내보냈습니다: " + link.getAttribute("download");
    });
    clearButton.addEventListener("click", function () {
      page.exercises.forEach(function (e) {
        delete memory[e.key];
        if (store) { try { store.removeItem(storageKey(e.key)); } catch (error) { /* nothing kept */ } }
      });
      renderPage(root, page);
      root.querySelector(".cnn-progress-status[role=status]").textContent = "이 판의 진도를 모두 지웠습니다.";
    });
  }

  // under Node (tests/test_results.py): the naming rules only, no page
  if (typeof document === "undefined" && typeof module !== "undefined") {
    module.exports = { mistakeId: mistakeId };
    return;
  }

  function start() {
    var pageData = document.getElementById("cnn-progress-data");
    var root = document.getElementById("cnn-progress");
    if (pageData && root) { renderPage(root, JSON.parse(pageData.textContent)); }
    checkedForms().forEach(function (form) { showForm(form, load(form.getAttribute("data-cnn-exercise"))); });
    showChapter();
    document.addEventListener("cnn-judged", judged);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
