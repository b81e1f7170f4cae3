// Typeset TeX as SVG for the book's build (_ext/mathjax_svg.py), with MathJax 3 in Node.js.
// Reads one JSON request per line from stdin and answers one JSON line on stdout:
//   {"tex": "...", "display": true|false}  ->  {"html": "<mjx-container ...>...</mjx-container>"}
//   {"css": true}                          ->  {"css": "..."} (MathJax's SVG stylesheet)
// A TeX error answers {"error": "..."}. The components are the vendored MathJax
// (vendor/mathjax-3.2.2/es5, see vendor/README.md): the TeX input with every package,
// the SVG output with each formula's glyphs inside it, and the assistive MathML that
// screen readers read.
"use strict";
const path = require("path");
const readline = require("readline");
const mathjax = require(path.join(__dirname, "vendor", "mathjax-3.2.2", "es5", "node-main.js"));

mathjax
  .init({
    loader: { load: ["input/tex-full", "output/svg", "a11y/assistive-mml"] },
    // a TeX error is an error of the build, not a formula shown in red or as its source
    tex: { packages: { "[-]": ["noerrors", "noundefined"] } },
    svg: { fontCache: "local" },
    // Text MathJax has no glyphs for (the Hangul of \text{...}) is drawn at 88.4% of the
    // formula's size; a browser measures each character, Node cannot, and advances a CJK
    // character by cjkCharWidth em: that size, as a full-width Korean font draws it.
    liteAdaptor: { cjkCharWidth: 0.884 },
    startup: { typeset: false },
  })
  .then((MathJax) => {
    const adaptor = MathJax.startup.adaptor;
    const lines = readline.createInterface({ input: process.stdin });
    lines.on("line", (line) => {
      const request = JSON.parse(line);
      let answer;
      try {
        if (request.css) {
          answer = { css: adaptor.textContent(MathJax.svgStylesheet()) };
        } else {
          const node = MathJax.tex2svg(request.tex, { display: request.display });
          const html = adaptor.outerHTML(node);
          const error = html.match(/data-mml-node="merror"[^>]*?data-mjx-error="([^"]*)"/);
          answer = error ? { error: error[1] } : { html };
        }
      } catch (err) {
        answer = { error: String((err && err.message) || err) };
      }
      process.stdout.write(JSON.stringify(answer) + "\n");
    });
  })
  .catch((err) => {
    process.stderr.write(`MathJax did not start: ${err}\n`);
    process.exit(1);
  });
