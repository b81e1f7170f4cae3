#!/bin/sh
# Make sure the system packages the book needs are present.
#   data      Fashion-MNIST (Debian package dataset-fashion-mnist)
#   chromium  headless Chromium for the browser tests (Debian package chromium),
#             a font with Hangul for it (fonts-nanum), an emoji font for the Colab
#             edition's box markers (fonts-noto-color-emoji) and the Markdown
#             renderer the Colab edition is checked with (libjs-marked)
#   poppler   pdftotext, pdffonts, ... for the PDF checks (Debian package poppler-utils)
#   node      Node.js, which runs the web book's exercise script on the shared answer table
#             (tests/test_answers.py, in make test-fast) (Debian package nodejs)
# As root with apt-get, missing packages are installed; otherwise this says
# what to do and carries on (the tests that need them then skip or fail
# with the same advice). Data that is there but damaged is reported as such
# (the loader's message names the file and the fix); no package is installed for it.
set -u
VENV=${VENV:-.venv}
need=""
for what in "$@"; do
    case "$what" in
        data)
            # exit status of `python -m cnn_utils.data`: 0 found, 3 found nowhere,
            # 4 a file is damaged or unreadable (cnn_utils.data.EXIT_NOT_FOUND, EXIT_UNUSABLE)
            report=$("$VENV/bin/python" -m cnn_utils.data 2>&1)
            case $? in
                0) ;;
                3) need="$need dataset-fashion-mnist" ;;
                *) echo "Fashion-MNIST cannot be used as it is:" >&2
                   echo "$report" >&2 ;;
            esac ;;
        chromium)
            if ! command -v chromium >/dev/null 2>&1; then
                need="$need chromium"
            fi
            # NanumGothicCoding: the lecture decks' printed outputs (Hangul two columns wide)
            if ! fc-list 2>/dev/null | grep -q NanumGothicCoding; then
                need="$need fonts-nanum"
            fi
            if ! fc-list 2>/dev/null | grep -qi "color emoji"; then
                need="$need fonts-noto-color-emoji"
            fi
            if [ ! -f /usr/share/javascript/marked/marked.min.js ]; then
                need="$need libjs-marked"
            fi ;;
        poppler)
            if ! command -v pdftotext >/dev/null 2>&1; then
                need="$need poppler-utils"
            fi ;;
        node)
            if ! command -v node >/dev/null 2>&1 && ! command -v nodejs >/dev/null 2>&1; then
                need="$need nodejs"
            fi ;;
    esac
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian package(s):$need"
    install="apt-get install -y -qq $need"
    # the package lists are refreshed only when the install needs it (a fresh machine)
    DEBIAN_FRONTEND=noninteractive $install >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive $install >/dev/null; } \
        || echo "apt-get could not install$need; the tests that need it will say so." >&2
else
    echo "Missing:$need." >&2
    echo "  Install with: sudo apt-get install$need" >&2
    case "$need" in *dataset-fashion-mnist*)
        echo "  (Without the package, chapters download Fashion-MNIST through Keras when online," >&2
        echo "   or read it from a folder named by \$CNN_BOOK_DATA.)" >&2 ;;
    esac
fi
exit 0
