// pydata-sphinx-theme 0.17 reads the light/dark mode from localStorage and logs
// "Got invalid theme mode" for a first-time visitor, who has none stored yet.
// Start such visitors in the automatic mode (follows the system setting).
if (!document.documentElement.dataset.mode) {
  document.documentElement.dataset.mode = "auto";
}
