/* 신경망 따라가기: one test image through the trained slide model, value by value.
   cnn_utils/walkthrough.py writes the data (pixels, weights, the Dense layer's values,
   Keras's probabilities) into the page; this script recomputes the convolutions, the
   pooling, the output layer and softmax from them and explains any value the reader picks.
   The same file runs in the web book, Colab, JupyterLab and the printed page. */
(function () {
  "use strict";

  var CSS =
    ".cnn-walk{--w-fg:#1f2328;--w-bg:#fff;--w-line:#8c959f;--w-mute:#57606a;--w-pick:#d4570b;" +
    "--w-hi:#fff3d6;--w-button:#eef1f4;--w-on:#0b57d0;color:var(--w-fg);background:var(--w-bg);" +
    "border:1px solid var(--w-line);border-radius:6px;padding:.6rem .8rem;margin:.5rem 0;" +
    "word-break:keep-all;overflow-wrap:anywhere;max-width:100%;box-sizing:border-box}" +
    "html[data-theme=dark] .cnn-walk{--w-fg:#e6edf3;--w-bg:#161b22;--w-line:#6e7681;" +
    "--w-mute:#aeb8c2;--w-pick:#ffa657;--w-hi:#3d2e00;--w-button:#30363d;--w-on:#79b8ff}" +
    ".cnn-walk h4{margin:.2rem 0 .4rem;font-size:1rem}" +
    ".cnn-walk .w-row{display:flex;flex-wrap:wrap;gap:.3rem;margin:.3rem 0}" +
    ".cnn-walk button{font:inherit;color:var(--w-fg);background:var(--w-button);" +
    "border:1px solid var(--w-line);border-radius:4px;padding:.2rem .5rem;cursor:pointer}" +
    ".cnn-walk button[aria-pressed=true]{border:2px solid var(--w-on);font-weight:700}" +
    ".cnn-walk .w-stage{font-size:.85rem;line-height:1.2;text-align:center}" +
    ".cnn-walk .w-mute{color:var(--w-mute);font-size:.9rem}" +
    ".cnn-walk .w-gridbox{overflow-x:auto;max-width:100%;padding:2px}" +
    ".cnn-walk [role=grid]{display:inline-block;border:1px solid var(--w-line);line-height:0}" +
    ".cnn-walk [role=row]{display:flex}" +
    ".cnn-walk [role=gridcell]{box-sizing:border-box;outline-offset:-2px}" +
    ".cnn-walk [role=gridcell][aria-selected=true]{outline:3px solid var(--w-pick)}" +
    ".cnn-walk [role=gridcell]:focus-visible{outline:3px solid var(--w-on)}" +
    ".cnn-walk .w-legend{display:inline-block;width:8rem;height:.8rem;vertical-align:middle;" +
    "border:1px solid var(--w-line);margin:0 .3rem}" +
    ".cnn-walk table.w-nums{border-collapse:collapse;display:inline-table;margin:.2rem .6rem .2rem 0;" +
    "vertical-align:top;font-variant-numeric:tabular-nums}" +
    ".cnn-walk table.w-nums td,.cnn-walk table.w-nums th{border:1px solid var(--w-line);" +
    "padding:2px 5px;text-align:right;font-size:.85rem}" +
    ".cnn-walk table.w-nums caption{caption-side:top;text-align:left;font-size:.85rem;" +
    "color:var(--w-mute)}" +
    ".cnn-walk .w-strong{background:var(--w-hi);font-weight:700}" +
    ".cnn-walk .w-explain{margin-top:.5rem;min-height:3rem}" +
    ".cnn-walk output{font-weight:700}" +
    ".cnn-walk label select,.cnn-walk label input{font:inherit;color:var(--w-fg);" +
    "background:var(--w-bg);border:1px solid var(--w-line);border-radius:4px;margin-left:.3rem}" +
    // printed, the walk is a worked example: the map with its colours, then one value's sum
    "@media print{.cnn-walk [role=gridcell],.cnn-walk .w-legend,.cnn-walk .w-strong" +
    "{-webkit-print-color-adjust:exact;print-color-adjust:exact}" +
    ".cnn-walk .w-gridbox{overflow:visible;break-inside:avoid}" +
    ".cnn-walk [role=grid]{display:block;width:max-content}}";

  // ------------------------------------------------------------------ numbers

  function floats(packed) {
    var bin = atob(packed.b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var view = new DataView(bytes.buffer), out = new Float64Array(bin.length / 4);
    for (var k = 0; k < out.length; k++) out[k] = view.getFloat32(4 * k, true);
    return { data: out, shape: packed.shape };
  }

  function map(h, w, c, data) { return { h: h, w: w, c: c, data: data }; }
  function at(m, r, c, k) { return m.data[(r * m.w + c) * m.c + k]; }

  // 'same' padding, stride 1, ReLU: keras.layers.Conv2D(..., activation='relu', padding='same')
  function conv(m, kernel, bias) {
    var fh = kernel.shape[0], fw = kernel.shape[1], C = kernel.shape[2], K = kernel.shape[3];
    var ph = (fh - 1) >> 1, pw = (fw - 1) >> 1, out = new Float64Array(m.h * m.w * K);
    var acc = new Float64Array(K), w = kernel.data;
    for (var r = 0; r < m.h; r++) for (var c = 0; c < m.w; c++) {
      for (var k = 0; k < K; k++) acc[k] = bias.data[k];
      for (var u = 0; u < fh; u++) for (var v = 0; v < fw; v++) {
        var rr = r + u - ph, cc = c + v - pw;
        if (rr < 0 || cc < 0 || rr >= m.h || cc >= m.w) continue;
        for (var ch = 0; ch < C; ch++) {
          var x = m.data[(rr * m.w + cc) * C + ch];
          if (x === 0) continue;
          var base = ((u * fw + v) * C + ch) * K;
          for (k = 0; k < K; k++) acc[k] += x * w[base + k];
        }
      }
      for (k = 0; k < K; k++) out[(r * m.w + c) * K + k] = Math.max(0, acc[k]);
    }
    return map(m.h, m.w, K, out);
  }

  function pool(m, size) {
    var h = Math.floor(m.h / size), w = Math.floor(m.w / size), out = new Float64Array(h * w * m.c);
    for (var r = 0; r < h; r++) for (var c = 0; c < w; c++) for (var k = 0; k < m.c; k++) {
      var best = -Infinity;
      for (var u = 0; u < size; u++) for (var v = 0; v < size; v++)
        best = Math.max(best, at(m, r * size + u, c * size + v, k));
      out[(r * w + c) * m.c + k] = best;
    }
    return map(h, w, m.c, out);
  }

  function forward(walk, image) {
    var input = new Float64Array(image.pixels.length);
    for (var i = 0; i < input.length; i++) input[i] = image.pixels[i] / walk.pixel_scale;
    var x = map(28, 28, 1, input), W = walk.weights;
    var c1 = conv(x, W.k1, W.b1), p1 = pool(c1, walk.pool);
    var c2 = conv(p1, W.k2, W.b2), p2 = pool(c2, walk.pool);
    var hidden = floats(image.hidden).data, K = W.ko.shape[1], logits = new Float64Array(K);
    for (var j = 0; j < K; j++) {
      var s = W.bo.data[j];
      for (i = 0; i < hidden.length; i++) s += hidden[i] * W.ko.data[i * K + j];
      logits[j] = s;
    }
    var top = Math.max.apply(null, logits), exps = new Float64Array(K), total = 0;
    for (j = 0; j < K; j++) { exps[j] = Math.exp(logits[j] - top); total += exps[j]; }
    var probs = new Float64Array(K);
    for (j = 0; j < K; j++) probs[j] = exps[j] / total;
    return { input: x, conv1: c1, pool1: p1, conv2: c2, pool2: p2, hidden: hidden,
             logits: logits, exps: exps, total: total, probs: probs, top: top };
  }

  // ------------------------------------------------------------------ words

  function fmt(x, digits) {
    var d = digits === undefined ? 4 : digits, s = x.toFixed(d);
    return s === "-" + (0).toFixed(d) ? (0).toFixed(d) : s;
  }
  function signed(x) { return (x < 0 ? "- " + fmt(-x) : "+ " + fmt(x)); }
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[ch];
    });
  }
  function result(value, words) {
    return '<output data-value="' + value + '">' + esc(words || fmt(value)) + "</output>";
  }
  function table(caption, rows) {
    return '<table class="w-nums"><caption>' + esc(caption) + "</caption>" +
      rows.map(function (row) {
        return "<tr>" + row.map(function (cell) {
          return typeof cell === "string" ? cell : "<td>" + fmt(cell, 3) + "</td>";
        }).join("") + "</tr>";
      }).join("") + "</table>";
  }

  var STAGES = [
    { key: "input", label: "입력", map: "input" },
    { key: "conv1", label: "합성곱 1", map: "conv1" },
    { key: "pool1", label: "최대 풀링 1", map: "pool1" },
    { key: "conv2", label: "합성곱 2", map: "conv2" },
    { key: "pool2", label: "최대 풀링 2", map: "pool2" },
    { key: "flatten", label: "Flatten" },
    { key: "hidden", label: "밀집 100" },
    { key: "dropout", label: "드롭아웃" },
    { key: "logits", label: "밀집 10 (로짓)" },
    { key: "softmax", label: "소프트맥스" }
  ];

  function shapeOf(walk, f, key) {
    var m = f[key];
    if (m && m.h) return m.h + "×" + m.w + "×" + m.c;
    if (key === "flatten") return (f.pool2.h * f.pool2.w * f.pool2.c).toLocaleString("en-US");
    if (key === "hidden" || key === "dropout") return String(f.hidden.length);
    return String(f.logits.length);
  }

  // ------------------------------------------------------------------ one walk

  function Walk(root, walk) {
    this.root = root;
    this.walk = walk;
    walk.weights = {
      k1: floats(walk.conv[0].kernel), b1: floats(walk.conv[0].bias),
      k2: floats(walk.conv[1].kernel), b2: floats(walk.conv[1].bias),
      ko: floats(walk.out.kernel), bo: floats(walk.out.bias)
    };
    this.image = 0;
    this.stage = "conv1";
    this.channel = 0;
    this.cell = null;
    this.build();
    this.pickImage(0);
  }

  Walk.prototype.build = function () {
    var self = this, walk = this.walk;
    this.root.innerHTML =
      "<h4>신경망 따라가기: 테스트 이미지 한 장이 모델을 지나가는 길</h4>" +
      '<div class="w-row" role="group" aria-label="이미지 고르기" data-w-images></div>' +
      '<div class="w-row" role="group" aria-label="층 고르기" data-w-stages></div>' +
      '<div class="w-row" data-w-controls></div>' +
      '<div class="w-gridbox" data-w-grid></div>' +
      '<div class="w-explain" aria-live="polite" data-w-explain></div>';
    this.imagesBox = this.root.querySelector("[data-w-images]");
    this.stagesBox = this.root.querySelector("[data-w-stages]");
    this.controls = this.root.querySelector("[data-w-controls]");
    this.gridBox = this.root.querySelector("[data-w-grid]");
    this.explain = this.root.querySelector("[data-w-explain]");
    walk.images.forEach(function (im, n) {
      var b = document.createElement("button");
      b.type = "button";
      var name = walk.classes[im.label];
      b.textContent = "테스트 " + im.index + "번: " + name +
        (im.predicted === im.label ? " (맞힘)" : " → 예측 " + walk.classes[im.predicted] + " (틀림)");
      b.addEventListener("click", function () { self.pickImage(n); });
      self.imagesBox.appendChild(b);
    });
  };

  Walk.prototype.pickImage = function (n) {
    this.image = n;
    this.f = forward(this.walk, this.walk.images[n]);
    var buttons = this.imagesBox.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", String(i === n));
    this.drawStages();
    this.pickStage(this.stage, true);
  };

  Walk.prototype.drawStages = function () {
    var self = this;
    this.stagesBox.innerHTML = "";
    STAGES.forEach(function (stage, n) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "w-stage";
      b.setAttribute("data-w-stage", stage.key);
      b.innerHTML = esc(stage.label) + "<br>" + esc(shapeOf(self.walk, self.f, stage.map || stage.key));
      b.addEventListener("click", function () { self.pickStage(stage.key); });
      self.stagesBox.appendChild(b);
      if (n < STAGES.length - 1) {
        var arrow = document.createElement("span");
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = "→";
        self.stagesBox.appendChild(arrow);
      }
    });
  };

  Walk.prototype.pickStage = function (key, keepCell) {
    if (key !== this.stage || !keepCell) this.cell = null;
    if (this.stage !== key) this.channel = 0;
    this.stage = key;
    var buttons = this.stagesBox.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-w-stage") === key));
    this.controls.innerHTML = "";
    this.gridBox.innerHTML = "";
    var m = this.current();
    if (m) {
      if (m.c > 1) this.channelPicker(m.c);
      this.drawGrid(m);
    } else if (key === "flatten") {
      this.flattenPicker();
    } else {
      this.explainOther();
    }
  };

  // the map the selected stage shows as a grid (the Dense layers as a 10-wide grid)
  Walk.prototype.current = function () {
    var f = this.f;
    if (this.stage === "hidden") return map(f.hidden.length / 10, 10, 1, f.hidden);
    if (this.stage === "logits") return map(1, f.logits.length, 1, f.logits);
    var stage = STAGES.filter(function (s) { return s.key === this.stage; }, this)[0];
    return stage && stage.map ? f[stage.map] : null;
  };

  Walk.prototype.channelPicker = function (count) {
    var self = this, label = document.createElement("label"), select = document.createElement("select");
    label.textContent = "특성 맵(채널)";
    for (var k = 0; k < count; k++) {
      var option = document.createElement("option");
      option.value = String(k);
      option.textContent = k + "번";
      select.appendChild(option);
    }
    select.value = String(this.channel);
    select.addEventListener("change", function () {
      self.channel = Number(select.value);
      self.cell = null;
      self.drawGrid(self.current());
    });
    label.appendChild(select);
    this.controls.appendChild(label);
  };

  function colour(value, top, grey) {
    var t = top > 0 ? Math.max(0, Math.min(1, value / top)) : 0;
    if (grey) { var g = Math.round(255 * (1 - t)); return "rgb(" + g + "," + g + "," + g + ")"; }
    // white (0) to dark blue (largest), as the book's "Blues" figures
    var r = Math.round(255 + (8 - 255) * t), gg = Math.round(255 + (48 - 255) * t),
      b = Math.round(255 + (107 - 255) * t);
    return "rgb(" + r + "," + gg + "," + b + ")";
  }

  Walk.prototype.drawGrid = function (m) {
    var self = this, k = this.channel, lo = 0, hi = 0, bestCell = [0, 0], best = -Infinity;
    for (var r = 0; r < m.h; r++) for (var c = 0; c < m.w; c++) {
      var v = at(m, r, c, k);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      if (v > best) { best = v; bestCell = [r, c]; }
    }
    if (grey) { lo = 0; hi = 1; }  // pixels: 0 (white) to 255 (black), as the book draws them
    if (!this.cell) this.cell = bestCell;
    var size = Math.max(10, Math.min(34, Math.floor(300 / m.w)));
    var grey = this.stage === "input";
    var grid = document.createElement("div");
    grid.setAttribute("role", "grid");
    grid.setAttribute("aria-label", this.gridName(m));
    for (r = 0; r < m.h; r++) {
      var row = document.createElement("div");
      row.setAttribute("role", "row");
      for (c = 0; c < m.w; c++) {
        var cell = document.createElement("div"), value = at(m, r, c, k);
        cell.setAttribute("role", "gridcell");
        cell.setAttribute("data-r", r);
        cell.setAttribute("data-c", c);
        cell.style.width = cell.style.height = size + "px";
        cell.style.background = colour(value - lo, hi - lo, grey);
        cell.setAttribute("aria-label", this.cellName(r, c, value));
        var chosen = r === this.cell[0] && c === this.cell[1];
        cell.setAttribute("aria-selected", String(chosen));
        cell.tabIndex = chosen ? 0 : -1;
        row.appendChild(cell);
      }
      grid.appendChild(row);
    }
    grid.addEventListener("click", function (event) {
      var target = event.target.closest("[role=gridcell]");
      if (target) self.pickCell(Number(target.getAttribute("data-r")), Number(target.getAttribute("data-c")), true);
    });
    grid.addEventListener("keydown", function (event) {
      var move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
      if (event.key === "Home") move = [0, -self.cell[1]];
      if (event.key === "End") move = [0, m.w - 1 - self.cell[1]];
      if (!move) return;
      event.preventDefault();
      var r2 = Math.max(0, Math.min(m.h - 1, self.cell[0] + move[0]));
      var c2 = Math.max(0, Math.min(m.w - 1, self.cell[1] + move[1]));
      self.pickCell(r2, c2, true);
    });
    this.gridBox.innerHTML = "";
    this.gridBox.appendChild(grid);
    var legend = document.createElement("p");
    legend.className = "w-mute";
    legend.innerHTML = "색: " + (grey ? "흰색 0" : lo < 0 ? "흰색 " + fmt(lo, 2) : "흰색 0") +
      '<span class="w-legend" aria-hidden="true" style="background:linear-gradient(to right,' +
      colour(0, 1, grey) + "," + colour(1, 1, grey) + ')"></span>' +
      (grey ? "검은색 255" : "진한 파랑 " + fmt(hi, 2)) +
      ". 칸을 누르거나 화살표 키로 옮기면 아래에 그 값의 계산이 나옵니다.";
    this.gridBox.appendChild(legend);
    this.grid = grid;
    this.pickCell(this.cell[0], this.cell[1], false);
  };

  Walk.prototype.gridName = function (m) {
    var stage = STAGES.filter(function (s) { return s.key === this.stage; }, this)[0];
    return stage.label + (m.c > 1 ? " 특성 맵 " + this.channel + "번" : "") + ", " + m.h + "×" + m.w;
  };

  Walk.prototype.cellName = function (r, c, value) {
    if (this.stage === "input") return "행 " + r + ", 열 " + c + ": 픽셀 " + Math.round(value * this.walk.pixel_scale);
    if (this.stage === "hidden") return "유닛 " + (r * 10 + c) + ": " + fmt(value);
    if (this.stage === "logits") return this.walk.classes[c] + ": " + fmt(value);
    return "행 " + r + ", 열 " + c + ": " + fmt(value);
  };

  Walk.prototype.pickCell = function (r, c, focus) {
    this.cell = [r, c];
    var cells = this.grid.querySelectorAll("[role=gridcell]");
    for (var i = 0; i < cells.length; i++) {
      var on = Number(cells[i].getAttribute("data-r")) === r && Number(cells[i].getAttribute("data-c")) === c;
      cells[i].setAttribute("aria-selected", String(on));
      cells[i].tabIndex = on ? 0 : -1;
      if (on && focus) cells[i].focus();
    }
    this.explain.innerHTML = this.explainCell(r, c);
  };

  // ------------------------------------------------------------------ explanations

  Walk.prototype.explainCell = function (r, c) {
    var f = this.f, k = this.channel, walk = this.walk, W = walk.weights;
    switch (this.stage) {
      case "input": {
        var p = walk.images[this.image].pixels[r * 28 + c];
        return "<p>입력 (" + r + ", " + c + "): 픽셀 값 " + p + " → 모델이 읽는 값 " + p + " / " +
          walk.pixel_scale + " = " + result(p / walk.pixel_scale) + "</p>";
      }
      case "conv1": return this.explainConv(f.input, W.k1, W.b1, r, c, k, "합성곱 1", f.conv1);
      case "conv2": return this.explainConv(f.pool1, W.k2, W.b2, r, c, k, "합성곱 2", f.conv2);
      case "pool1": return this.explainPool(f.conv1, r, c, k, "최대 풀링 1", "합성곱 1");
      case "pool2": return this.explainPool(f.conv2, r, c, k, "최대 풀링 2", "합성곱 2");
      case "hidden": {
        var n = r * 10 + c;
        return "<p>밀집 100의 유닛 " + n + ": " + result(f.hidden[n]) + "</p>" +
          '<p class="w-mute">이 값은 Flatten의 3,136개 값에 가중치 ' +
          walk.hidden_weights.toLocaleString("en-US") + "개(유닛마다 3,136개)를 곱해 더하고 절편을 더한 뒤 " +
          "ReLU를 지난 값입니다. 가중치가 너무 많아 이 페이지에는 싣지 않고, 케라스가 계산한 값을 그대로 " +
          "보여 줍니다. 그래서 0보다 작은 값이 없습니다.</p>";
      }
      case "logits": return this.explainLogit(c);
    }
    return "";
  };

  Walk.prototype.explainConv = function (m, kernel, bias, r, c, k, name, out) {
    var fh = kernel.shape[0], fw = kernel.shape[1], C = kernel.shape[2], K = kernel.shape[3];
    var ph = (fh - 1) >> 1, pw = (fw - 1) >> 1, parts = [], total = 0;
    for (var ch = 0; ch < C; ch++) {
      var s = 0;
      for (var u = 0; u < fh; u++) for (var v = 0; v < fw; v++) {
        var rr = r + u - ph, cc = c + v - pw;
        if (rr < 0 || cc < 0 || rr >= m.h || cc >= m.w) continue;
        s += at(m, rr, cc, ch) * kernel.data[((u * fw + v) * C + ch) * K + k];
      }
      parts.push(s);
      total += s;
    }
    var b = bias.data[k], z = total + b, value = Math.max(0, z);
    var head = "<p>" + esc(name) + " 특성 맵 " + k + "번의 (" + r + ", " + c + ")</p>";
    var tail = "<p>곱과 합 " + fmt(total) + " " + signed(b) + "(절편) = " + fmt(z) +
      " → ReLU → " + result(value) + (z < 0 ? " (음수라 0이 됩니다)" : "") + "</p>";
    if (C === 1) {
      var windowRows = [], filterRows = [];
      for (u = 0; u < fh; u++) {
        var wr = [], fr = [];
        for (v = 0; v < fw; v++) {
          rr = r + u - ph; cc = c + v - pw;
          var inside = rr >= 0 && cc >= 0 && rr < m.h && cc < m.w;
          wr.push(inside ? at(m, rr, cc, 0) : "<td>0 (패딩)</td>");
          fr.push(kernel.data[((u * fw + v) * C) * K + k]);
        }
        windowRows.push(wr);
        filterRows.push(fr);
      }
      return head + table("입력의 3×3 윈도 (픽셀 / 255)", windowRows) +
        table("필터 " + k + "번의 가중치", filterRows) +
        "<p>같은 자리끼리 곱해 9개를 모두 더하면 " + fmt(total) + "입니다.</p>" + tail;
    }
    var order = parts.map(function (s, n) { return n; }).sort(function (a, b2) { return parts[b2] - parts[a]; });
    var strongest = order.slice(0, 3), rows = [], line = [];
    for (ch = 0; ch < C; ch++) {
      var cls = strongest.indexOf(ch) >= 0 ? ' class="w-strong"' : "";
      line.push("<th" + cls + ">" + ch + "</th>", '<td' + cls + ' data-channel="' + ch + '" data-value="' +
        parts[ch] + '">' + fmt(parts[ch], 3) + "</td>");
      if (line.length === 8) { rows.push(line); line = []; }
    }
    if (line.length) rows.push(line);
    return head + "<p>3×3×" + C + " 윈도: 입력 채널마다 3×3 윈도와 필터 " + k + "번의 그 채널 가중치의 곱과 합(부분합)을 " +
      "구하고, " + C + "개 부분합을 모두 더합니다. 가장 크게 더한 채널은 " + result(order[0], order[0] + "번") +
      " (" + fmt(parts[order[0]]) + ")입니다. 표시한 칸이 가장 큰 세 개입니다.</p>" +
      table("채널: 부분합", rows) + tail;
  };

  Walk.prototype.explainPool = function (m, r, c, k, name, from) {
    var size = this.walk.pool, rows = [], best = -Infinity;
    for (var u = 0; u < size; u++) {
      var row = [];
      for (var v = 0; v < size; v++) {
        var value = at(m, r * size + u, c * size + v, k);
        row.push(value);
        best = Math.max(best, value);
      }
      rows.push(row);
    }
    return "<p>" + esc(name) + " 특성 맵 " + k + "번의 (" + r + ", " + c + "): " + esc(from) + "의 같은 맵에서 " +
      "행 " + r * size + "-" + (r * size + size - 1) + ", 열 " + c * size + "-" + (c * size + size - 1) +
      "의 " + size + "×" + size + " 윈도</p>" + table(size + "×" + size + " 윈도", rows) +
      "<p>가장 큰 값: " + result(best) + "</p>";
  };

  Walk.prototype.explainLogit = function (j) {
    var f = this.f, W = this.walk.weights, K = W.ko.shape[1], parts = [];
    for (var i = 0; i < f.hidden.length; i++) parts.push([i, f.hidden[i] * W.ko.data[i * K + j]]);
    parts.sort(function (a, b) { return Math.abs(b[1]) - Math.abs(a[1]); });
    var shown = parts.slice(0, 5), rest = 0;
    parts.slice(5).forEach(function (p) { rest += p[1]; });
    var rows = shown.map(function (p) {
      return ["<td>" + p[0] + "</td>", f.hidden[p[0]], W.ko.data[p[0] * K + j], p[1]];
    });
    var bias = W.bo.data[j];
    return "<p>" + esc(this.walk.classes[j]) + "의 로짓 = 밀집 100의 값 100개 × 가중치 + 절편</p>" +
      table("가장 크게 작용한 다섯 유닛 (유닛, 값, 가중치, 곱)", rows) +
      "<p>다섯 곱의 합 " + fmt(shown.reduce(function (s, p) { return s + p[1]; }, 0)) + " " +
      signed(rest) + "(나머지 95개) " + signed(bias) + "(절편) = " + result(f.logits[j]) + "</p>";
  };

  Walk.prototype.flattenPicker = function () {
    var self = this, f = this.f, p2 = f.pool2, count = p2.h * p2.w * p2.c;
    var label = document.createElement("label"), input = document.createElement("input");
    label.textContent = "Flatten 값의 번호 (0-" + (count - 1) + ")";
    input.type = "number";
    input.min = "0";
    input.max = String(count - 1);
    input.value = "0";
    label.appendChild(input);
    this.controls.appendChild(label);
    function say() {
      var n = Math.round(Number(input.value));
      if (!isFinite(n) || n < 0 || n >= count || input.value === "") {
        self.explain.innerHTML = "<p>번호는 0부터 " + (count - 1) + "까지의 정수로 입력하세요.</p>";
        return;
      }
      var k = n % p2.c, rc = (n - k) / p2.c, r = Math.floor(rc / p2.w), c = rc % p2.w;
      self.explain.innerHTML = "<p>Flatten은 최대 풀링 2의 " + p2.h + "×" + p2.w + "×" + p2.c +
        " 값을 채널이 가장 빨리 바뀌는 순서로 한 줄에 놓습니다: 번호 = (행 × " + p2.w + " + 열) × " + p2.c +
        " + 채널. 번호 " + n + " = (" + r + " × " + p2.w + " + " + c + ") × " + p2.c + " + " + k +
        ": 최대 풀링 2의 (" + r + ", " + c + ") 특성 맵 " + k + "번, 값 " + result(at(p2, r, c, k)) + "</p>";
    }
    input.addEventListener("input", say);
    say();
  };

  Walk.prototype.explainOther = function () {
    var f = this.f, walk = this.walk, image = walk.images[this.image];
    if (this.stage === "dropout") {
      this.explain.innerHTML = "<p>드롭아웃(비율 " + walk.dropout + ")은 훈련할 때만 밀집 100의 값 가운데 " +
        Math.round(walk.dropout * 100) + "%를 무작위로 0으로 만듭니다. 예측할 때는 꺼져 있어서 " +
        "값 100개가 그대로 다음 층으로 갑니다.</p>";
      return;
    }
    var rows = [], order = [];
    for (var j = 0; j < f.probs.length; j++) order.push(j);
    order.sort(function (a, b) { return f.probs[b] - f.probs[a]; });
    order.forEach(function (j) {
      var mark = j === order[0] ? ' class="w-strong"' : "";
      rows.push(["<th" + mark + ">" + esc(walk.classes[j]) + "</th>", f.logits[j], f.exps[j],
        '<td' + mark + ' data-class="' + j + '" data-value="' + f.probs[j] + '">' + fmt(f.probs[j]) + "</td>"]);
    });
    var sum = 0;
    for (j = 0; j < f.probs.length; j++) sum += f.probs[j];
    var predicted = order[0];
    this.explain.innerHTML = "<p>소프트맥스: 로짓마다 exp(로짓 - 가장 큰 로짓)을 구해 그 합(" + fmt(f.total) +
      ")으로 나눕니다. 확률의 합은 " + result(sum, fmt(sum, 6)) + "입니다.</p>" +
      table("클래스, 로짓, exp(로짓 - " + fmt(f.top, 3) + "), 확률 (큰 순서)", rows) +
      "<p>가장 큰 확률: " + result(predicted, walk.classes[predicted]) + " (" + fmt(f.probs[predicted] * 100, 1) +
      "%). 정답은 " + esc(walk.classes[image.label]) + "이므로 " +
      (predicted === image.label ? "맞혔습니다." : "틀렸습니다.") + "</p>";
  };

  // ------------------------------------------------------------------ start

  function start() {
    var roots = document.querySelectorAll("[data-cnn-walk]:not([data-cnn-walk-ready])");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i], data = root.querySelector("script[data-cnn-walk-data]");
      if (!data) continue;
      root.setAttribute("data-cnn-walk-ready", "");
      var walk = JSON.parse(data.textContent);
      // the style goes inside the walk, so a copy of the page's article (the printed book)
      // keeps it
      var style = document.createElement("style");
      style.textContent = CSS;
      root.appendChild(style);
      var box = document.createElement("div");
      root.appendChild(box);
      root.walk = new Walk(box, walk);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
