"""Figures and animations of the book, drawn like the slides.

Every function returns a matplotlib ``Figure`` (or, for animations, an HTML
object that plays without a kernel), so chapters can show it, test it or
save it. Each one makes sure the Korean font is in use first, so Hangul
renders even when the setup cell was skipped.

Chapters import ``from cnn_utils import viz`` and call ``viz.show_matrix(...)``;
the functions live in small modules named after what they draw:

- :mod:`cnn_utils.viz.matrices`: matrices, window steps and images (01-06);
- :mod:`cnn_utils.viz.animation`: the sliding window as an animation (02-04);
- :mod:`cnn_utils.viz.model_figures`: the model's architecture, training curves,
  predictions, confusion matrix and weights (06-08);
- :mod:`cnn_utils.viz.style`: what they share (the Korean font, colours).
"""

from cnn_utils.viz.animation import (
    ANIMATION_BUTTONS,
    ANIMATION_MODES,
    ANIMATION_SLIDER,
    MAX_ANIMATION_FRAMES,
    MAX_ANIMATION_SIDE,
    korean_animation_controls,
    sliding_window_animation,
)
from cnn_utils.viz.matrices import show_images, show_matrices, show_matrix, show_window_steps
from cnn_utils.viz.model_figures import (
    LAYER_LABELS,
    plot_architecture,
    plot_confusion_matrix,
    plot_histograms,
    plot_history,
    plot_probabilities,
)
from cnn_utils.viz.style import WINDOW_COLORS, text_color

__all__ = [
    "ANIMATION_BUTTONS",
    "ANIMATION_MODES",
    "ANIMATION_SLIDER",
    "LAYER_LABELS",
    "MAX_ANIMATION_FRAMES",
    "MAX_ANIMATION_SIDE",
    "WINDOW_COLORS",
    "korean_animation_controls",
    "plot_architecture",
    "plot_confusion_matrix",
    "plot_histograms",
    "plot_history",
    "plot_probabilities",
    "show_images",
    "show_matrices",
    "show_matrix",
    "show_window_steps",
    "sliding_window_animation",
    "text_color",
]
