// The widget manager (html-manager 1.x) typesets widget labels with the MathJax 2
// API, MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); the book loads
// MathJax 3, which has no Hub, so every labelled widget threw a TypeError.
// This gives MathJax 3 that one call, built on typesetPromise, from the moment
// the page starts (labels typeset before MathJax is ready wait for it).
(function () {
  var config = window.MathJax;
  if (!config || config.version) {
    return; // no MathJax on this page, or not the configuration stage
  }
  var pending = [];
  function queue(job) {
    var element = job && job[2];
    var mathjax = window.MathJax;
    if (!element) {
      return;
    }
    if (mathjax && typeof mathjax.typesetPromise === "function") {
      mathjax.typesetPromise([element]).catch(function () {});
    } else {
      pending.push(element);
    }
  }
  config.Hub = { Queue: queue };
  config.startup = config.startup || {};
  config.startup.ready = function () {
    window.MathJax.startup.defaultReady();
    window.MathJax.Hub = { Queue: queue };
    if (pending.length) {
      window.MathJax.typesetPromise(pending.splice(0)).catch(function () {});
    }
  };
})();
