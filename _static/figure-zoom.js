/* Figures shown much smaller than they were drawn (on a phone, most of them) can be
   opened at full size: tap or click the figure, or focus it and press Enter. The full-size
   figure opens in a dialog that scrolls both ways; "닫기", Escape or a tap beside it closes
   it. Figures shown at nearly full size are left alone. */
(function () {
  "use strict";
  // zoomable when shown at less than 4/5 of its drawn width
  var SHRUNK = 1.25;
  var SKIP = ".animation, .cnn-zoom";

  function dialog() {
    var found = document.getElementById("cnn-zoom");
    if (found) return found;
    var d = document.createElement("dialog");
    d.id = "cnn-zoom";
    d.className = "cnn-zoom";
    d.setAttribute("aria-label", "그림 크게 보기");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "cnn-zoom-close";
    close.textContent = "닫기";
    close.addEventListener("click", function () { d.close(); });
    var box = document.createElement("div");
    box.className = "cnn-zoom-box";
    d.appendChild(close);
    d.appendChild(box);
    d.addEventListener("click", function (event) { if (event.target === d) d.close(); });
    document.body.appendChild(d);
    return d;
  }

  // the width a figure is drawn for: figures are PNGs at twice that (cnn_utils.viz.display),
  // with the width in their style or width attribute; older ones have only their pixels
  function drawnWidth(img) {
    return parseFloat(img.style.width) || parseFloat(img.getAttribute("width")) || img.naturalWidth;
  }

  function open(img) {
    var d = dialog();
    var box = d.querySelector(".cnn-zoom-box");
    var big = document.createElement("img");
    big.src = img.currentSrc || img.src;
    big.alt = img.alt;
    big.width = drawnWidth(img);
    box.replaceChildren(big);
    d.showModal();
    box.scrollLeft = 0;
  }

  function mark() {
    document.querySelectorAll(".bd-article img").forEach(function (img) {
      if (img.closest(SKIP) || !img.naturalWidth || !img.clientWidth) return;
      var shrunk = drawnWidth(img) > img.clientWidth * SHRUNK;
      if (shrunk && !img.classList.contains("cnn-zoomable")) {
        img.classList.add("cnn-zoomable");
        img.tabIndex = 0;
        img.setAttribute("role", "button");
        img.title = "눌러서 크게 보기";
      } else if (!shrunk && img.classList.contains("cnn-zoomable")) {
        img.classList.remove("cnn-zoomable");
        img.removeAttribute("tabindex");
        img.removeAttribute("role");
        img.removeAttribute("title");
      }
    });
  }

  document.addEventListener("click", function (event) {
    var img = event.target.closest && event.target.closest("img.cnn-zoomable");
    if (img) open(img);
  });
  document.addEventListener("keydown", function (event) {
    var img = event.target;
    if ((event.key === "Enter" || event.key === " ") && img.matches && img.matches("img.cnn-zoomable")) {
      event.preventDefault();
      open(img);
    }
  });
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
  // exercises swap their figures (a solved problem shows its answer figure)
  var pending = 0;
  new MutationObserver(function () {
    if (pending) return;
    pending = window.setTimeout(function () { pending = 0; mark(); }, 50);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("load", function (event) {
    if (event.target && event.target.tagName === "IMG") mark();
  }, true);
})();
