#!/bin/sh
# Re-fetch the vendored JavaScript of _offline/vendor/ from the npm registry.
# Maintainers only; the book build never runs this. Needs npm.
set -eu
HTML_MANAGER=1.0.15
REQUIREJS=2.3.8
MATHJAX=3.2.2
# axe-core: the accessibility checker of tests/test_a11y.py (tests only; no page loads it).
AXE=4.14.1
AXE_SHA256=29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "@jupyter-widgets/html-manager@$HTML_MANAGER" "requirejs@$REQUIREJS" "mathjax@$MATHJAX" \
  "axe-core@$AXE" >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
out="$root/_offline/vendor"
fonts="$root/_offline/chapters/@jupyter-widgets/html-manager/dist"
mkdir -p "$out/html-manager-$HTML_MANAGER" "$out/mathjax-$MATHJAX" "$fonts"
hm="jupyter-widgets-html-manager-$HTML_MANAGER/package/dist"
cp "$hm/embed-amd.js" "$out/html-manager-$HTML_MANAGER/"
cp "$hm"/*.woff2 "$fonts/"
cp "$hm"/*.woff2 "$fonts/../../"   # widgets/controls look one level up
cp "$hm/embed.js.LICENSE.txt" "$out/html-manager-$HTML_MANAGER/THIRD-PARTY-LICENSES.txt"
cp "requirejs-$REQUIREJS/package/require.js" "$out/require-$REQUIREJS.js"
cp "mathjax-$MATHJAX/package/es5/tex-svg.js" "mathjax-$MATHJAX/package/LICENSE" "$out/mathjax-$MATHJAX/"
# MathJax's Node components for _ext/mathjax_svg.js (formulas typeset at build time)
node_out="$root/_ext/vendor/mathjax-$MATHJAX"
rm -rf "$node_out"
for f in node-main.js input/tex-full.js output/svg.js output/svg/fonts/tex.js adaptors/liteDOM.js \
    a11y/assistive-mml.js; do
  mkdir -p "$node_out/es5/$(dirname "$f")"
  cp "mathjax-$MATHJAX/package/es5/$f" "$node_out/es5/$f"
done
cp "mathjax-$MATHJAX/package/LICENSE" "$node_out/"
echo "$AXE_SHA256  axe-core-$AXE/package/axe.min.js" | sha256sum -c --quiet -
mkdir -p "$out/axe-core-$AXE"
cp "axe-core-$AXE/package/axe.min.js" "axe-core-$AXE/package/LICENSE" \
  "axe-core-$AXE/package/LICENSE-3RD-PARTY.txt" "$out/axe-core-$AXE/"
echo "Updated $out (html-manager's LICENSE is the BSD-3-Clause text of ipywidgets; keep it)."
