// The decks speak Korean: reveal.js names its controls in English ("next slide", ...),
// and its speaker view (the notes plugin's window, key S) labels its parts in English.
document.addEventListener("DOMContentLoaded", () => {
  const names = {
    ".navigate-left": "이전 슬라이드",
    ".navigate-right": "다음 슬라이드",
    ".navigate-up": "위 슬라이드",
    ".navigate-down": "아래 슬라이드",
    ".resume-button": "발표 이어 하기",
  };
  const relabel = () => {
    for (const [selector, name] of Object.entries(names)) {
      for (const el of document.querySelectorAll(`.reveal ${selector}`)) {
        el.setAttribute("aria-label", name);
        if (el.classList.contains("resume-button")) el.textContent = name;
      }
    }
  };
  relabel();
  Reveal.on("ready", relabel);
});

// The speaker view's English texts, whole text nodes, and their Korean.
const SPEAKER_VIEW_KO = {
  "Upcoming": "다음 슬라이드",
  "Time": "시간",
  "Click to Reset": "눌러서 0으로",
  "Notes": "발표자 노트",
  "Pacing – Time to finish current slide": "페이스: 이 슬라이드에 남은 시간",
  "Loading speaker view...": "발표자 화면을 여는 중...",
  "Default": "기본",
  "Wide": "넓게",
  "Tall": "세로로",
  "Notes only": "노트만",
};

/** Write the speaker view's labels in Korean: now and whenever the view rewrites one
 * (its layout menu writes "Layout: <name>" each time a layout is picked). */
function koreanSpeakerView(doc) {
  const translate = (node) => {
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const words = text.nodeValue.trim();
      const layout = /^Layout(?::\s*(.+))?$/.exec(words);
      if (words in SPEAKER_VIEW_KO) text.nodeValue = SPEAKER_VIEW_KO[words];
      else if (layout) {
        const name = layout[1] ? SPEAKER_VIEW_KO[layout[1]] || layout[1] : "";
        text.nodeValue = name ? `화면 배치: ${name}` : "화면 배치";
      }
    }
  };
  doc.documentElement.lang = "ko";
  translate(doc.body);
  new MutationObserver((changes) => {
    for (const change of changes) translate(change.target);
  }).observe(doc.body, { childList: true, subtree: true, characterData: true });
}

// The notes plugin opens the speaker view with window.open and writes it itself: watch
// the window it opens until its page is written, then translate it.
const openWindow = window.open.bind(window);
window.open = (...args) => {
  const opened = openWindow(...args);
  if (opened && /Notes/.test(args[1] || "")) {
    const wait = setInterval(() => {
      try {
        if (opened.closed) clearInterval(wait);
        else if (opened.document.querySelector("#speaker-controls")) {
          clearInterval(wait);
          koreanSpeakerView(opened.document);
        }
      } catch (error) {
        clearInterval(wait); // a window of another origin: not the speaker view
      }
    }, 50);
  }
  return opened;
};
