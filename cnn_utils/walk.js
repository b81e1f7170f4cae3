/* 신경망 따라가기: one test image through the trained slide model, value by value.
   cnn_utils/walkthrough.py writes the data: the model's stages (keys, Korean labels,
   shapes, activations, as cnn_utils.models.SLIDE_LAYERS describes them), the pixels, the
   weights small enough to carry, the outputs of the layers too large to carry, Keras's
   probabilities and the colour ramp of the book's figures. This script recomputes every
   other layer from those numbers, draws the layers side by side with several feature maps
   each, and follows the value the reader picks on the first convolution's map through the
   layers to the probabilities. It knows no layer, size or count of its own.
   The same file runs in the web book, Colab, JupyterLab and the printed page. */
(function () {
  "use strict";

  var CSS =
    ".cnn-walk{--w-fg:#1f2328;--w-bg:#fff;--w-line:#8c959f;--w-mute:#57606a;--w-pick:#e8590c;" +
    "--w-from:#0b57d0;--w-hi:#fff3d6;--w-button:#eef1f4;--w-on:#0b57d0;--w-bar:#0b57d0;" +
    "color:var(--w-fg);background:var(--w-bg);border:1px solid var(--w-line);border-radius:6px;" +
    "padding:.6rem .8rem;margin:.5rem 0;word-break:keep-all;overflow-wrap:anywhere;max-width:100%;" +
    "box-sizing:border-box}" +
    "html[data-theme=dark] .cnn-walk{--w-fg:#e6edf3;--w-bg:#161b22;--w-line:#6e7681;" +
    "--w-mute:#aeb8c2;--w-pick:#ff9a3c;--w-from:#58a6ff;--w-hi:#3d2e00;--w-button:#30363d;" +
    "--w-on:#79b8ff;--w-bar:#58a6ff}" +
    ".cnn-walk h4{margin:.2rem 0 .4rem;font-size:1rem}" +
    ".cnn-walk h5{margin:0 0 .3rem;font-size:.95rem;white-space:nowrap}" +
    ".cnn-walk h5 small{font-weight:400;color:var(--w-mute)}" +
    ".cnn-walk .w-row{display:flex;flex-wrap:wrap;gap:.3rem;margin:.3rem 0}" +
    ".cnn-walk button{font:inherit;color:var(--w-fg);background:var(--w-button);" +
    "border:1px solid var(--w-line);border-radius:4px;padding:.2rem .5rem;cursor:pointer}" +
    ".cnn-walk button[aria-pressed=true]{border:2px solid var(--w-on);font-weight:700}" +
    ".cnn-walk .w-pickimage{display:flex;align-items:center;gap:.4rem;text-align:left}" +
    ".cnn-walk .w-mute{color:var(--w-mute);font-size:.9rem}" +
    // the input and where the value went stay in sight while the reader scrolls the layers
    ".cnn-walk .w-follow{position:sticky;top:var(--pst-header-height,0);z-index:2;display:flex;" +
    "gap:.5rem;align-items:center;background:var(--w-bg);padding:.3rem 0;" +
    "border-bottom:1px solid var(--w-line)}" +
    ".cnn-walk .w-summary{margin:0;font-size:.9rem}" +
    ".cnn-walk .w-step{display:inline-block;min-width:1.3em;border-radius:50%;text-align:center;" +
    "background:var(--w-button);border:1px solid var(--w-line);margin-right:.2rem;font-size:.8rem}" +
    // the layers side by side: wrapped into rows on a wide page, one scrolling row on a phone
    ".cnn-walk .w-strip{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.4rem;" +
    "padding:2px 2px .4rem}" +
    ".cnn-walk .w-narrow{display:none}" +
    "@media (max-width:700px){.cnn-walk .w-strip{flex-wrap:nowrap;overflow-x:auto}" +
    ".cnn-walk .w-narrow{display:block}}" +
    ".cnn-walk .w-card{flex:0 0 auto;border:1px solid var(--w-line);border-radius:6px;" +
    "padding:.4rem .5rem;max-width:19rem;font-size:.9rem;line-height:1.4}" +
    ".cnn-walk .w-card p{margin:.3rem 0}" +
    ".cnn-walk .w-fig{position:relative;display:inline-block;line-height:0;" +
    "border:1px solid var(--w-line)}" +
    ".cnn-walk canvas{display:block;image-rendering:pixelated}" +
    ".cnn-walk .w-box{position:absolute;box-sizing:border-box;pointer-events:none;" +
    "border:3px solid var(--w-pick);box-shadow:0 0 0 1px #000,inset 0 0 0 1px #fff}" +
    ".cnn-walk .w-box.w-from{border-color:var(--w-from);border-style:dashed}" +
    ".cnn-walk .w-thumbs{display:grid;grid-template-columns:repeat(8,auto);gap:3px;" +
    "justify-content:start;margin:.3rem 0}" +
    ".cnn-walk .w-thumb{padding:1px;border-radius:3px;line-height:1;font-size:.7rem;" +
    "text-align:center;white-space:nowrap;border:1px solid transparent;background:none}" +
    ".cnn-walk button.w-thumb{border:1px solid var(--w-line)}" +
    ".cnn-walk .w-thumb[aria-pressed=true],.cnn-walk .w-thumb.w-on{border:2px solid var(--w-pick);" +
    "font-weight:700}" +
    ".cnn-walk [role=grid]{display:inline-block;line-height:0;position:relative}" +
    ".cnn-walk [role=row]{display:flex}" +
    ".cnn-walk [role=gridcell]{box-sizing:border-box}" +
    ".cnn-walk [role=gridcell][aria-selected=true]{outline:3px solid var(--w-pick);" +
    "outline-offset:-1px;position:relative;z-index:1;box-shadow:0 0 0 4px #000}" +
    ".cnn-walk [role=gridcell]:focus-visible{outline:3px solid var(--w-on)}" +
    ".cnn-walk table.w-nums{border-collapse:collapse;display:inline-table;margin:.2rem .4rem .2rem 0;" +
    "vertical-align:top;font-variant-numeric:tabular-nums}" +
    ".cnn-walk table.w-nums td,.cnn-walk table.w-nums th{border:1px solid var(--w-line);" +
    "padding:1px 4px;text-align:right;font-size:.8rem}" +
    ".cnn-walk table.w-nums caption{caption-side:top;text-align:left;font-size:.8rem;" +
    "color:var(--w-mute)}" +
    ".cnn-walk .w-strong{background:var(--w-hi);font-weight:700}" +
    ".cnn-walk output{font-weight:700}" +
    ".cnn-walk .w-parts{display:flex;gap:1px;height:3rem;margin:.3rem 0;" +
    "background:linear-gradient(var(--w-line),var(--w-line)) 0 50%/100% 1px no-repeat}" +
    ".cnn-walk .w-parts>span{position:relative;width:6px}" +
    ".cnn-walk .w-parts i{position:absolute;left:0;right:0;background:var(--w-mute)}" +
    ".cnn-walk .w-parts .w-on i{background:var(--w-pick)}" +
    ".cnn-walk .w-probs{display:grid;grid-template-columns:auto 8rem auto;gap:2px .4rem;" +
    "align-items:center;margin:.3rem 0}" +
    ".cnn-walk .w-probs .w-bar{display:block;height:100%;background:var(--w-bar);min-width:1px}" +
    ".cnn-walk .w-probs .w-track{border:1px solid var(--w-line);height:.8rem}" +
    ".cnn-walk .w-probs output{font-weight:400;font-variant-numeric:tabular-nums;text-align:right}" +
    ".cnn-walk .w-probs .w-top{font-weight:700}" +
    ".cnn-walk details{margin:.3rem 0}" +
    // printed, every layer is shown with its colours, wrapped into rows
    "@media print{.cnn-walk .w-follow{position:static}.cnn-walk canvas,.cnn-walk [role=gridcell],.cnn-walk .w-bar,.cnn-walk .w-strong," +
    ".cnn-walk .w-parts span{-webkit-print-color-adjust:exact;print-color-adjust:exact}" +
    ".cnn-walk .w-strip{flex-wrap:wrap;overflow:visible}.cnn-walk .w-card{break-inside:avoid}}";

  // ------------------------------------------------------------------ numbers

  function floats(packed) {
    var bin = atob(packed.b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var view = new DataView(bytes.buffer), out = new Float64Array(bin.length / 4);
    for (var k = 0; k < out.length; k++) out[k] = view.getFloat32(4 * k, true);
    return { data: out, shape: packed.shape };
  }

  function map(h, w, c, data) { return { h: h, w: w, c: c, data: data }; }
  function vector(data) { return { n: data.length, data: data }; }
  function at(m, r, c, k) { return m.data[(r * m.w + c) * m.c + k]; }
  function activate(name, z) { return name === "relu" ? Math.max(0, z) : z; }

  // 'same' padding, stride 1, then the activation: keras.layers.Conv2D(..., padding='same')
  function conv(m, kernel, bias, activation) {
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
      for (k = 0; k < K; k++) out[(r * m.w + c) * K + k] = activate(activation, acc[k]);
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

  // a Dense layer's values before its activation: inputs × kernel + bias
  function dense(x, kernel, bias) {
    var K = kernel.shape[1], z = new Float64Array(K);
    for (var j = 0; j < K; j++) {
      var s = bias.data[j];
      for (var i = 0; i < x.n; i++) s += x.data[i] * kernel.data[i * K + j];
      z[j] = s;
    }
    return z;
  }

  function softmax(z) {
    var top = -Infinity, total = 0, p = new Float64Array(z.length);
    for (var j = 0; j < z.length; j++) top = Math.max(top, z[j]);
    for (j = 0; j < z.length; j++) { p[j] = Math.exp(z[j] - top); total += p[j]; }
    for (j = 0; j < z.length; j++) p[j] /= total;
    return { p: p, top: top, total: total };
  }

  // every stage's output for one image, by its key, as walkthrough.recompute computes it
  function forward(walk, image) {
    var shape = walk.input.shape, input = new Float64Array(image.pixels.length);
    for (var i = 0; i < input.length; i++) input[i] = image.pixels[i] / walk.pixel_scale;
    var x = map(shape[0], shape[1], shape[2], input), f = { input: x };
    walk.layers.forEach(function (L) {
      var W = walk.weights[L.key];
      if (L.kind === "Conv2D") x = conv(x, W.kernel, W.bias, L.activation);
      else if (L.kind === "MaxPooling2D") x = pool(x, L.size);
      else if (L.kind === "Flatten") x = vector(x.data);  // row by row, channels fastest
      else if (L.kind === "Dense" && W) {
        var z = dense(x, W.kernel, W.bias);
        if (L.activation === "softmax") {
          var s = softmax(z);
          f.logits = z;
          f.softmax = s;
          x = vector(s.p);
        } else {
          x = vector(z.map(function (v) { return activate(L.activation, v); }));
        }
      } else if (L.kind === "Dense") x = vector(floats(image.outputs[L.key]).data);
      f[L.key] = x;
    });
    return f;
  }

  // ------------------------------------------------------------------ words

  function fmt(x, digits) {
    var d = digits === undefined ? 4 : digits, s = x.toFixed(d);
    return s === "-" + (0).toFixed(d) ? (0).toFixed(d) : s;
  }
  function signed(x) { return (x < 0 ? "- " + fmt(-x) : "+ " + fmt(x)); }
  function count(n) { return n.toLocaleString("en-US"); }
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[ch];
    });
  }
  function result(key, value, words) {
    return '<output data-w-value="' + key + '" data-value="' + value + '">' +
      esc(words === undefined ? fmt(value) : words) + "</output>";
  }
  function table(caption, rows) {
    return '<table class="w-nums"><caption>' + esc(caption) + "</caption>" +
      rows.map(function (row) {
        return "<tr>" + row.map(function (cell) {
          return typeof cell === "string" ? cell : "<td>" + fmt(cell, 3) + "</td>";
        }).join("") + "</tr>";
      }).join("") + "</table>";
  }
  function shapeText(shape) { return shape.length > 1 ? shape.join("×") : count(shape[0]); }
  function where(s) { return "(" + s.r + ", " + s.c + ")"; }

  // ------------------------------------------------------------------ pictures

  function hex(colour) {
    return [1, 3, 5].map(function (i) { return parseInt(colour.slice(i, i + 2), 16); });
  }

  // the colour of t in [0, 1] on the book's colour map (walk.ramp: evenly spaced stops)
  function shade(ramp, t) {
    t = Math.max(0, Math.min(1, t));
    var x = t * (ramp.length - 1), i = Math.min(ramp.length - 2, Math.floor(x)), u = x - i;
    return ramp[i].map(function (a, n) { return Math.round(a + (ramp[i + 1][n] - a) * u); });
  }

  function range(m, k) {
    var lo = Infinity, hi = -Infinity;
    for (var i = k; i < m.data.length; i += m.c) { lo = Math.min(lo, m.data[i]); hi = Math.max(hi, m.data[i]); }
    return [Math.min(lo, 0), hi];
  }

  // channel k of a map as a canvas of its own pixel size, shown `px` CSS pixels per value
  function canvas(ramp, m, k, px, fixed) {
    var lohi = fixed || range(m, k), span = lohi[1] - lohi[0] || 1;
    var el = document.createElement("canvas"), ctx = el.getContext("2d");
    el.width = m.w;
    el.height = m.h;
    el.style.width = m.w * px + "px";
    el.style.height = m.h * px + "px";
    var img = ctx.createImageData(m.w, m.h);
    for (var r = 0; r < m.h; r++) for (var c = 0; c < m.w; c++) {
      var rgb = shade(ramp, (at(m, r, c, k) - lohi[0]) / span), o = 4 * (r * m.w + c);
      img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2]; img.data[o + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return el;
  }

  // a canvas with outlined boxes: [{r, c, h, w, from}] in values, clipped to the map
  function figure(pic, m, px, boxes, label) {
    var box = document.createElement("div");
    box.className = "w-fig";
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", label);
    box.appendChild(pic);
    (boxes || []).forEach(function (b) {
      var r0 = Math.max(0, b.r), c0 = Math.max(0, b.c);
      var r1 = Math.min(m.h, b.r + b.h), c1 = Math.min(m.w, b.c + b.w);
      var d = document.createElement("div");
      d.className = "w-box" + (b.from ? " w-from" : "");
      d.style.top = r0 * px - 2 + "px";
      d.style.left = c0 * px - 2 + "px";
      d.style.height = (r1 - r0) * px + 4 + "px";
      d.style.width = (c1 - c0) * px + 4 + "px";
      box.appendChild(d);
    });
    return box;
  }

  // ------------------------------------------------------------------ one walk

  function Walk(root, walk) {
    this.root = root;
    this.walk = walk;
    walk.ramp = walk.ramp.map(hex);
    walk.weights = {};
    walk.layers.forEach(function (L) {
      if (L.kernel) walk.weights[L.key] = { kernel: floats(L.kernel), bias: floats(L.bias) };
    });
    this.stages = [walk.input].concat(walk.layers);
    // the reader picks a value on the first convolution's map and follows it from there
    this.first = walk.layers.filter(function (L) { return L.kind === "Conv2D"; })[0];
    this.build();
    this.pickImage(0);
  }

  Walk.prototype.build = function () {
    var self = this, walk = this.walk;
    this.root.innerHTML =
      "<h4>신경망 따라가기: 테스트 이미지 한 장이 모델을 지나가는 길</h4>" +
      '<div class="w-row" role="group" aria-label="이미지 고르기" data-w-images></div>' +
      '<div class="w-follow"><div data-w-mini></div>' +
      '<p class="w-summary" aria-live="polite" data-w-summary></p></div>' +
      '<p class="w-mute w-narrow">층이 옆으로 이어집니다. 밀어서 다음 층을 보세요.</p>' +
      '<div class="w-strip" data-w-strip></div>';
    this.imagesBox = this.root.querySelector("[data-w-images]");
    this.summary = this.root.querySelector("[data-w-summary]");
    this.mini = this.root.querySelector("[data-w-mini]");
    this.strip = this.root.querySelector("[data-w-strip]");
    walk.images.forEach(function (im, n) {
      var b = document.createElement("button"), x = walk.input.shape;
      b.type = "button";
      b.className = "w-pickimage";
      var pixels = map(x[0], x[1], x[2], im.pixels.map(function (p) { return p / walk.pixel_scale; }));
      var thumb = canvas(walk.ramp, pixels, 0, 1, [0, 1]);
      thumb.setAttribute("aria-hidden", "true");
      b.appendChild(thumb);
      var words = document.createElement("span");
      words.textContent = "테스트 " + im.index + "번: " + walk.classes[im.label] +
        (im.predicted === im.label ? " (맞힘)" : " → 예측 " + walk.classes[im.predicted] + " (틀림)");
      b.appendChild(words);
      b.addEventListener("click", function () { self.pickImage(n); });
      self.imagesBox.appendChild(b);
    });
  };

  Walk.prototype.pickImage = function (n) {
    this.image = n;
    this.f = forward(this.walk, this.walk.images[n]);
    this.pics = new Map();
    this.choice = {};
    var buttons = this.imagesBox.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", String(i === n));
    // start on the map with the largest total and its brightest value: something to follow
    var m = this.f[this.first.key], best = -1, k = 0;
    for (var ch = 0; ch < m.c; ch++) {
      var sum = 0;
      for (var j = ch; j < m.data.length; j += m.c) sum += m.data[j];
      if (sum > best) { best = sum; k = ch; }
    }
    this.pick = this.brightest(m, k);
    this.render();
  };

  // channel k of map m as a canvas, drawn once per image: a pick only moves the outlines
  Walk.prototype.pic = function (m, k, px, fixed) {
    var drawn = this.pics.get(m), key = k + "/" + px;
    if (!drawn) this.pics.set(m, drawn = {});
    return drawn[key] || (drawn[key] = canvas(this.walk.ramp, m, k, px, fixed));
  };

  Walk.prototype.brightest = function (m, k) {
    var best = -Infinity, spot = { r: 0, c: 0, k: k };
    for (var r = 0; r < m.h; r++) for (var c = 0; c < m.w; c++)
      if (at(m, r, c, k) > best) { best = at(m, r, c, k); spot = { r: r, c: c, k: k }; }
    return spot;
  };

  // how much input channel `from` adds to channel `k` of a convolution at (r, c)
  function part(m, kernel, r, c, from, k) {
    var fh = kernel.shape[0], fw = kernel.shape[1], C = kernel.shape[2], K = kernel.shape[3];
    var s = 0;
    for (var u = 0; u < fh; u++) for (var v = 0; v < fw; v++) {
      var rr = r + u - ((fh - 1) >> 1), cc = c + v - ((fw - 1) >> 1);
      if (rr < 0 || cc < 0 || rr >= m.h || cc >= m.w) continue;
      s += at(m, rr, cc, from) * kernel.data[((u * fw + v) * C + from) * K + k];
    }
    return s;
  }

  // the filter that the followed value (spot, on the map before) adds most to, among those
  // whose output at that place is above 0 (ReLU keeps it) when there are any
  function feedsMost(before, kernel, out, spot) {
    var best = [-1, -1], most = [-Infinity, -Infinity];
    for (var j = 0; j < kernel.shape[3]; j++) {
      var s = part(before, kernel, spot.r, spot.c, spot.k, j), kept = at(out, spot.r, spot.c, j) > 0 ? 0 : 1;
      if (s > most[kept]) { most[kept] = s; best[kept] = j; }
    }
    return best[0] >= 0 ? best[0] : best[1];
  }

  // where the picked value goes in every stage: {key: spot}
  Walk.prototype.follow = function () {
    var f = this.f, walk = this.walk, self = this, spots = {}, prev = null, before = f.input;
    walk.layers.forEach(function (L) {
      var spot;
      if (L === self.first) spot = self.pick;
      else if (!prev || prev.all) spot = { all: true };
      else if (L.kind === "Conv2D") {
        var kernel = walk.weights[L.key].kernel, k = self.choice[L.key];
        if (k === undefined) k = feedsMost(before, kernel, f[L.key], prev);
        spot = { r: prev.r, c: prev.c, k: k };
      } else if (L.kind === "MaxPooling2D") {
        spot = { r: Math.floor(prev.r / L.size), c: Math.floor(prev.c / L.size), k: prev.k };
      } else if (L.kind === "Flatten") {
        spot = { index: (prev.r * before.w + prev.c) * before.c + prev.k, all: true };
      } else spot = prev;
      spots[L.key] = spot;
      prev = spot;
      before = f[L.key];
    });
    return spots;
  };

  Walk.prototype.render = function (focus) {
    var self = this, f = this.f, scroll = this.strip.scrollLeft, spots = this.follow();
    this.spots = spots;
    this.strip.innerHTML = "";
    this.stages.forEach(function (S, n) {
      var card = document.createElement("section");
      card.className = "w-card";
      card.setAttribute("data-w-stage", S.key);
      card.setAttribute("aria-label", S.label);
      card.innerHTML = '<h5><span class="w-step">' + (n + 1) + "</span>" + esc(S.label) + " <small>" + esc(shapeText(S.shape)) +
        (S.kind === "Input" ? "" : " · " + esc(S.kind)) + "</small></h5>";
      var before = n > 0 ? f[self.stages[n - 1].key] : null;
      self["card" + S.kind](card, S, f[S.key], before, spots[S.key], n);
      self.strip.appendChild(card);
    });
    this.strip.scrollLeft = scroll;
    this.summary.innerHTML = this.summaryText();
    var W = this.walk.weights[this.first.key].kernel, fh = W.shape[0], fw = W.shape[1], pick = this.pick;
    this.mini.innerHTML = "";
    this.mini.appendChild(figure(this.pic(f.input, 0, 2, [0, 1]), f.input, 2,
      [{ r: pick.r - ((fh - 1) >> 1), c: pick.c - ((fw - 1) >> 1), h: fh, w: fw, from: true }],
      "입력 이미지와 고른 값의 " + fh + "×" + fw + " 윈도"));
    if (focus) {
      var target = this.strip.querySelector(focus);
      if (target) target.focus();
    }
  };

  Walk.prototype.summaryText = function () {
    var walk = this.walk, f = this.f, spots = this.spots, parts = [];
    walk.layers.forEach(function (L) {
      var s = spots[L.key], m = f[L.key];
      if (s.index !== undefined) parts.push(L.label + " 인덱스 " + count(s.index));
      else if (!s.all) parts.push(L.label + " 맵 " + s.k + "번 " + where(s) + " = " + fmt(at(m, s.r, s.c, s.k), 3));
    });
    var image = walk.images[this.image], p = f.softmax.p, top = 0;
    for (var j = 0; j < p.length; j++) if (p[j] > p[top]) top = j;
    return "따라가는 값: " + esc(parts.join(" → ")) + " → 예측 " + esc(walk.classes[top]) +
      " (" + fmt(p[top] * 100, 1) + "%, 정답 " + esc(walk.classes[image.label]) + ")";
  };

  // ------------------------------------------------------------------ the cards

  Walk.prototype.cardInput = function (card, S, m) {
    var pick = this.pick, W = this.walk.weights[this.first.key].kernel, fh = W.shape[0], fw = W.shape[1];
    var px = Math.max(4, Math.floor(196 / m.w));
    var box = { r: pick.r - ((fh - 1) >> 1), c: pick.c - ((fw - 1) >> 1), h: fh, w: fw, from: true };
    card.appendChild(figure(this.pic(m, 0, px, [0, 1]), m, px, [box],
      S.label + ": 테스트 " + this.walk.images[this.image].index + "번 이미지, 고른 값의 " + fh + "×" + fw +
      " 윈도 " + where(pick) + " 둘레 표시"));
    card.insertAdjacentHTML("beforeend", '<p class="w-mute">검은색 0 ~ 흰색 ' + this.walk.pixel_scale +
      ". 파란 점선: " + esc(this.first.label) + "에서 고른 값이 읽는 " + fh + "×" + fw + " 윈도.</p>");
  };

  // several maps of a layer at once; the followed one outlined (buttons where the reader picks)
  Walk.prototype.thumbs = function (card, S, m, spot, choose) {
    var self = this, px = Math.max(1, Math.round(28 / m.w)), box = document.createElement("div");
    box.className = "w-thumbs";
    if (choose) {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", S.label + " 특성 맵 " + m.c + "개 (화살표 키로 옮기기)");
    } else {
      box.setAttribute("role", "img");
      box.setAttribute("aria-label", S.label + " 특성 맵 " + m.c + "개의 작은 그림, 따라가는 맵 " + spot.k + "번 표시");
    }
    for (var k = 0; k < m.c; k++) {
      var item = document.createElement(choose ? "button" : "span"), on = k === spot.k;
      item.className = "w-thumb" + (on ? " w-on" : "");
      var pic = this.pic(m, k, px);
      item.appendChild(pic);
      item.appendChild(document.createTextNode(String(k)));
      if (choose) {
        item.type = "button";
        item.setAttribute("aria-label", "맵 " + k);
        item.setAttribute("aria-pressed", String(on));
        item.tabIndex = on ? 0 : -1;
        item.setAttribute("data-k", k);
      } else item.setAttribute("aria-hidden", "true");
      box.appendChild(item);
    }
    if (choose) {
      box.addEventListener("click", function (event) {
        var b = event.target.closest("button[data-k]");
        if (b) choose(Number(b.getAttribute("data-k")));
      });
      box.addEventListener("keydown", function (event) {
        var step = { ArrowLeft: -1, ArrowUp: -8, ArrowRight: 1, ArrowDown: 8 }[event.key];
        if (!step) return;
        event.preventDefault();
        choose(Math.max(0, Math.min(m.c - 1, spot.k + step)));
      });
    }
    card.appendChild(box);
  };

  Walk.prototype.cardConv2D = function (card, S, m, before, spot) {
    var self = this;
    if (S === this.first) return this.cardPick(card, S, m, before, spot);
    this.thumbs(card, S, m, spot, function (k) {
      self.choice[S.key] = k;
      self.render('[data-w-stage="' + S.key + '"] button[aria-pressed=true]');
    });
    var px = Math.max(4, Math.floor(168 / m.w)), kernel = this.walk.weights[S.key].kernel;
    var fh = kernel.shape[0], fw = kernel.shape[1], C = kernel.shape[2], prev = this.previousSpot(S);
    card.appendChild(figure(this.pic(m, spot.k, px), m, px, [{ r: spot.r, c: spot.c, h: 1, w: 1 }],
      S.label + " 맵 " + spot.k + "번, 따라가는 값 " + where(spot) + " 표시"));
    var parts = [], total = 0;
    for (var ch = 0; ch < C; ch++) { parts.push(part(before, kernel, spot.r, spot.c, ch, spot.k)); total += parts[ch]; }
    var order = parts.map(function (s, n) { return n; }).sort(function (a, b) { return parts[b] - parts[a]; });
    var big = Math.max.apply(null, parts.map(Math.abs)) || 1, bars = "";
    parts.forEach(function (s, ch) {
      bars += '<span data-channel="' + ch + '" data-value="' + s + '"' + (ch === prev.k ? ' class="w-on"' : "") +
        '><i style="' + (s >= 0 ? "bottom" : "top") + ":50%;height:" + (50 * Math.abs(s) / big).toFixed(1) +
        '%"></i></span>';
    });
    var b = this.walk.weights[S.key].bias.data[spot.k], z = total + b;
    var prevStage = this.stages[this.stages.indexOf(S) - 1];
    card.insertAdjacentHTML("beforeend",
      "<p>" + esc(prevStage.label) + "의 맵 " + C + "개가 모두 이 값에 들어옵니다. 맵마다 " + fh + "×" + fw +
      " 윈도와 필터 " + spot.k + "번의 그 맵 가중치를 곱해 더한 값(부분합):</p>" +
      '<div class="w-parts" role="img" aria-label="부분합 ' + C + "개, 주황색이 따라온 맵 " + prev.k + '번">' + bars + "</div>" +
      '<p class="w-mute">주황색: 따라온 맵 ' + prev.k + "번의 부분합 " + fmt(parts[prev.k], 3) +
      ". 가장 크게 더한 맵: " + order.slice(0, 3).map(function (n) { return n + "번"; }).join(", ") + ".</p>");
    var top = document.createElement("div");
    top.className = "w-row";
    order.slice(0, 3).forEach(function (ch) {
      var small = Math.max(3, Math.floor(84 / before.w)), item = document.createElement("div");
      item.appendChild(figure(self.pic(before, ch, small), before, small,
        [{ r: spot.r - ((fh - 1) >> 1), c: spot.c - ((fw - 1) >> 1), h: fh, w: fw, from: true }],
        prevStage.label + " 맵 " + ch + "번, 부분합 " + fmt(parts[ch], 3)));
      item.insertAdjacentHTML("beforeend", '<div class="w-mute">맵 ' + ch + "번 " + fmt(parts[ch], 2) + "</div>");
      top.appendChild(item);
    });
    card.appendChild(top);
    var rows = [], line = [];
    for (ch = 0; ch < C; ch++) {
      var cls = order.slice(0, 3).indexOf(ch) >= 0 || ch === prev.k ? ' class="w-strong"' : "";
      line.push("<th" + cls + ">" + ch + "</th>", "<td" + cls + ">" + fmt(parts[ch], 3) + "</td>");
      if (line.length === 8) { rows.push(line); line = []; }
    }
    if (line.length) rows.push(line);
    card.insertAdjacentHTML("beforeend",
      "<details><summary>부분합 " + C + "개의 표</summary>" + table("맵: 부분합", rows) + "</details>" +
      "<p>부분합의 합 " + fmt(total) + " " + signed(b) + "(절편) = " + fmt(z) + " → " + esc(S.activation) + " → " +
      result(S.key, at(m, spot.r, spot.c, spot.k)) + "</p>" +
      '<p class="w-mute">다른 맵을 누르면 같은 자리의 그 맵 값을 따라갑니다. 처음에는 따라온 값이 가장 크게 더해지는 맵을 ' +
      "고릅니다.</p>");
  };

  Walk.prototype.previousSpot = function (S) {
    var n = this.walk.layers.indexOf(S);
    return n > 0 ? this.spots[this.walk.layers[n - 1].key] : this.pick;
  };

  // the map the reader picks a value on: all maps, the picked one as a grid, its sum
  Walk.prototype.cardPick = function (card, S, m, before, spot) {
    var self = this;
    this.thumbs(card, S, m, spot, function (k) {
      self.pick = self.brightest(m, k);
      self.render('[data-w-stage="' + S.key + '"] button[aria-pressed=true]');
    });
    var next = this.walk.layers[this.walk.layers.indexOf(S) + 1], px = Math.max(6, Math.floor(224 / m.w));
    var lohi = range(m, spot.k), span = lohi[1] - lohi[0] || 1, grid = document.createElement("div");
    grid.setAttribute("role", "grid");
    grid.setAttribute("aria-label", S.label + " 맵 " + spot.k + "번, " + m.h + "×" + m.w + " (칸을 누르거나 화살표 키로 옮기기)");
    for (var r = 0; r < m.h; r++) {
      var row = document.createElement("div");
      row.setAttribute("role", "row");
      for (var c = 0; c < m.w; c++) {
        var cell = document.createElement("div"), value = at(m, r, c, spot.k), rgb = shade(this.walk.ramp, (value - lohi[0]) / span);
        cell.setAttribute("role", "gridcell");
        cell.setAttribute("data-r", r);
        cell.setAttribute("data-c", c);
        cell.style.width = cell.style.height = px + "px";
        cell.style.background = "rgb(" + rgb.join(",") + ")";
        cell.setAttribute("aria-label", "행 " + r + ", 열 " + c + ": " + fmt(value));
        var chosen = r === spot.r && c === spot.c;
        cell.setAttribute("aria-selected", String(chosen));
        cell.tabIndex = chosen ? 0 : -1;
        row.appendChild(cell);
      }
      grid.appendChild(row);
    }
    var holder = document.createElement("div");
    holder.className = "w-fig";
    holder.appendChild(grid);
    if (next && next.kind === "MaxPooling2D") {  // the pooling window the value falls in
      var s = next.size, win = document.createElement("div");
      win.className = "w-box w-from";
      win.setAttribute("aria-hidden", "true");
      win.style.top = Math.floor(spot.r / s) * s * px - 2 + "px";
      win.style.left = Math.floor(spot.c / s) * s * px - 2 + "px";
      win.style.width = win.style.height = s * px + 4 + "px";
      holder.appendChild(win);
    }
    grid.addEventListener("click", function (event) {
      var target = event.target.closest("[role=gridcell]");
      if (target) self.pickCell(Number(target.getAttribute("data-r")), Number(target.getAttribute("data-c")));
    });
    grid.addEventListener("keydown", function (event) {
      var move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
      if (event.key === "Home") move = [0, -spot.c];
      if (event.key === "End") move = [0, m.w - 1 - spot.c];
      if (!move) return;
      event.preventDefault();
      self.pickCell(Math.max(0, Math.min(m.h - 1, spot.r + move[0])), Math.max(0, Math.min(m.w - 1, spot.c + move[1])));
    });
    card.appendChild(holder);
    card.insertAdjacentHTML("beforeend", '<p class="w-mute">맵마다 검은색 0 ~ 흰색 가장 큰 값. 칸을 누르거나 ' +
      "화살표 키로 옮기면 그 값을 따라갑니다." + (next && next.kind === "MaxPooling2D" ? " 파란 점선: 다음 " +
      esc(next.label) + "의 윈도." : "") + "</p>" + this.explainConv(before, S, spot, m));
  };

  Walk.prototype.pickCell = function (r, c) {
    this.pick = { r: r, c: c, k: this.pick.k };
    this.render('[data-w-stage="' + this.first.key + '"] [role=gridcell][aria-selected=true]');
  };

  // one value of a one-channel convolution: the window, the filter, the sum
  Walk.prototype.explainConv = function (m, S, spot, out) {
    var W = this.walk.weights[S.key], kernel = W.kernel, fh = kernel.shape[0], fw = kernel.shape[1];
    var C = kernel.shape[2], K = kernel.shape[3], ph = (fh - 1) >> 1, pw = (fw - 1) >> 1, total = 0;
    var windowRows = [], filterRows = [];
    for (var u = 0; u < fh; u++) {
      var wr = [], fr = [];
      for (var v = 0; v < fw; v++) {
        var rr = spot.r + u - ph, cc = spot.c + v - pw, inside = rr >= 0 && cc >= 0 && rr < m.h && cc < m.w;
        var weight = kernel.data[((u * fw + v) * C) * K + spot.k];
        wr.push(inside ? at(m, rr, cc, 0) : "<td>0 (패딩)</td>");
        fr.push(weight);
        if (inside) total += at(m, rr, cc, 0) * weight;
      }
      windowRows.push(wr);
      filterRows.push(fr);
    }
    var b = W.bias.data[spot.k], z = total + b;
    return "<p>" + esc(S.label) + " 맵 " + spot.k + "번의 " + where(spot) + "</p>" +
      table("입력의 " + fh + "×" + fw + " 윈도 (픽셀 / " + this.walk.pixel_scale + ")", windowRows) +
      table("필터 " + spot.k + "번의 가중치", filterRows) +
      "<p>같은 자리끼리 곱해 " + fh * fw + "개를 모두 더하면 " + fmt(total) + ", " + signed(b) + "(절편) = " + fmt(z) +
      " → " + esc(S.activation) + " → " + result(S.key, at(out, spot.r, spot.c, spot.k)) +
      (z < 0 && S.activation === "relu" ? " (음수라 0이 됩니다)" : "") + "</p>";
  };

  Walk.prototype.cardMaxPooling2D = function (card, S, m, before, spot) {
    var size = S.size, px = Math.max(4, Math.floor(168 / m.w)), rows = [], best = -Infinity;
    var prev = this.previousSpot(S), prevStage = this.stages[this.stages.indexOf(S) - 1];
    this.thumbs(card, S, m, spot);
    card.appendChild(figure(this.pic(m, spot.k, px), m, px, [{ r: spot.r, c: spot.c, h: 1, w: 1 }],
      S.label + " 맵 " + spot.k + "번, 따라가는 값 " + where(spot) + " 표시"));
    for (var u = 0; u < size; u++) {
      var row = [];
      for (var v = 0; v < size; v++) {
        var value = at(before, spot.r * size + u, spot.c * size + v, spot.k), mine = spot.r * size + u === prev.r &&
          spot.c * size + v === prev.c;
        row.push(mine ? '<td class="w-strong">' + fmt(value, 3) + "</td>" : value);
        best = Math.max(best, value);
      }
      rows.push(row);
    }
    var kept = at(before, prev.r, prev.c, prev.k) === best;
    card.insertAdjacentHTML("beforeend", "<p>" + esc(prevStage.label) + " 맵 " + spot.k + "번의 행 " + spot.r * size + "-" +
      (spot.r * size + size - 1) + ", 열 " + spot.c * size + "-" + (spot.c * size + size - 1) + "의 " + size + "×" + size +
      " 윈도(앞 그림의 파란 점선)에서 가장 큰 값</p>" + table(size + "×" + size + " 윈도", rows) +
      "<p>" + esc(S.label) + " " + where(spot) + " = " + result(S.key, at(m, spot.r, spot.c, spot.k)) +
      (kept ? ": 따라온 값이 가장 커서 그대로 올라갑니다." : ": 윈도의 더 큰 값이 올라갑니다.") + "</p>");
  };

  Walk.prototype.cardFlatten = function (card, S, m, before, spot) {
    var prev = this.previousSpot(S), cols = before.c, rows = before.h * before.w, px = 3;
    var grid = map(rows, cols, 1, m.data), n = spot.index;
    card.appendChild(figure(canvas(this.walk.ramp, grid, 0, px), grid, px,
      [{ r: Math.floor(n / cols) - 1, c: n % cols - 1, h: 3, w: 3 }],
      S.label + ": 값 " + count(m.n) + "개를 " + cols + "개씩 " + rows + "줄로, 인덱스 " + count(n) + " 표시"));
    card.insertAdjacentHTML("beforeend", '<p class="w-mute">' + count(m.n) + "개를 " + cols + "개씩 끊어 그렸습니다: " +
      "줄 하나가 자리 하나(행, 열), 칸 하나가 맵 하나입니다.</p>" +
      "<p>인덱스 = (행 × " + before.w + " + 열) × " + before.c + " + 맵 = (" + prev.r + " × " + before.w + " + " + prev.c +
      ") × " + before.c + " + " + prev.k + " = " + result(S.key + "-index", n, count(n)) + ", 값 " +
      result(S.key, m.data[n]) + "</p>");
  };

  Walk.prototype.cardDense = function (card, S, m, before) {
    var W = this.walk.weights[S.key];
    if (S.activation === "softmax" && W) return this.cardOutput(card, S, m, before);
    var cols = Math.ceil(Math.sqrt(m.n)), grid = map(Math.ceil(m.n / cols), cols, 1, m.data), px = 10, top = 0;
    for (var i = 0; i < m.n; i++) if (m.data[i] > m.data[top]) top = i;
    card.appendChild(figure(canvas(this.walk.ramp, grid, 0, px), grid, px, [],
      S.label + ": 뉴런 " + m.n + "개의 값, 가장 큰 값은 뉴런 " + top + "번"));
    var spot = this.spots[this.stages[this.stages.indexOf(S) - 1].key];
    card.insertAdjacentHTML("beforeend", "<p>뉴런 " + m.n + "개가 저마다 앞 층의 값 " + count(before.n) + "개를 모두 읽습니다" +
      (spot.index !== undefined ? " (따라온 값, 인덱스 " + count(spot.index) + "도)" : "") + ". 뉴런마다 가중치를 곱해 더하고 " +
      "절편을 더한 뒤 " + esc(S.activation) + "를 지납니다. 가장 큰 값: 뉴런 " + top + "번 " + result(S.key, m.data[top]) + "</p>" +
      (W ? "" : '<p class="w-mute">파라미터(가중치와 절편)가 ' + count(S.weights) + "개라 이 페이지에는 싣지 않고, 케라스가 계산한 값을 " +
        "그대로 보여 줍니다.</p>"));
  };

  Walk.prototype.cardDropout = function (card, S, m) {
    card.insertAdjacentHTML("beforeend", "<p>비율 " + S.rate + ": 훈련할 때만 값 " + m.n + "개 가운데 " +
      Math.round(S.rate * 100) + "%를 무작위로 0으로 만듭니다.</p><p>예측할 때는 꺼져 있어서 값이 그대로 다음 층으로 " +
      "갑니다.</p>");
  };

  // the output layer: logits, softmax, and the probabilities as bars with the class names
  Walk.prototype.cardOutput = function (card, S, m, before) {
    var walk = this.walk, f = this.f, image = walk.images[this.image], p = f.softmax.p, top = 0, rows = "";
    for (var j = 0; j < p.length; j++) if (p[j] > p[top]) top = j;
    for (j = 0; j < p.length; j++) {
      var mark = j === top ? ' class="w-top"' : "";
      rows += "<span" + mark + ">" + esc(walk.classes[j]) + (j === image.label ? " (정답)" : "") + "</span>" +
        '<span class="w-track" aria-hidden="true"><span class="w-bar" style="width:' + (100 * p[j]).toFixed(2) +
        '%"></span></span><output data-class="' + j + '" data-value="' + p[j] + '"' + mark + ">" +
        fmt(100 * p[j], 1) + "%</output>";
    }
    card.insertAdjacentHTML("beforeend", "<p>" + count(before.n) + "개 값에서 클래스마다 로짓을 구하고(파라미터 " +
      count(S.weights) + "개), 소프트맥스로 확률을 만듭니다.</p>" +
      '<div class="w-probs">' + rows + "</div>" +
      "<p>가장 큰 확률: " + result(S.key, top, walk.classes[top]) + ". 정답은 " + esc(walk.classes[image.label]) +
      "이므로 " + (top === image.label ? "맞혔습니다." : "틀렸습니다.") + "</p>" +
      "<details><summary>" + esc(walk.classes[top]) + "의 로짓과 소프트맥스 계산</summary>" +
      this.explainLogit(S, before, top) + "<p>소프트맥스: 로짓마다 exp(로짓 - 가장 큰 로짓)을 구해 그 합(" +
      fmt(f.softmax.total) + ")으로 나눕니다.</p></details>");
  };

  Walk.prototype.explainLogit = function (S, x, j) {
    var f = this.f, W = this.walk.weights[S.key], K = W.kernel.shape[1], parts = [];
    for (var i = 0; i < x.n; i++) parts.push([i, x.data[i] * W.kernel.data[i * K + j]]);
    parts.sort(function (a, b) { return Math.abs(b[1]) - Math.abs(a[1]); });
    var shown = parts.slice(0, 5), rest = 0;
    parts.slice(5).forEach(function (q) { rest += q[1]; });
    var rows = shown.map(function (q) {
      return ["<td>" + q[0] + "</td>", x.data[q[0]], W.kernel.data[q[0] * K + j], q[1]];
    });
    return table("가장 크게 작용한 다섯 뉴런 (뉴런, 값, 가중치, 곱)", rows) +
      "<p>다섯 곱의 합 " + fmt(shown.reduce(function (s, q) { return s + q[1]; }, 0)) + " " + signed(rest) +
      "(나머지 " + (x.n - 5) + "개) " + signed(W.bias.data[j]) + "(절편) = 로짓 " + fmt(f.logits[j]) + "</p>";
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
