// The decks speak Korean: reveal.js names its controls in English ("next slide", ...).
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
