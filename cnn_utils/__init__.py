"""Helpers for the course book 합성곱 신경망으로 패션 아이템 분류하기.

Modules, each named after what it holds:

- :mod:`cnn_utils.ops`: the NumPy reference of convolution, padding, stride
  and pooling that chapters 01-06 teach with;
- :mod:`cnn_utils.data`: Fashion-MNIST found and loaded with every file checked,
  and (from :mod:`cnn_utils.fashion`) its class names, the course split, scaling;
- :mod:`cnn_utils.models`: the slide model, its training and saving (07, 08), a
  package of small modules;
- :mod:`cnn_utils.viz`: the figures and animations, a package by what they draw;
- :mod:`cnn_utils.results`, :mod:`cnn_utils.report` and
  :mod:`cnn_utils.class_files`: a student's results file, and the instructor's
  report of a class's files;
- :mod:`cnn_utils.exercises` and :mod:`cnn_utils.widgets`: the classroom
  exercises, their answer checking and their ipywidgets;
- :mod:`cnn_utils.walkthrough`: one test image followed value by value through
  the trained model (08), drawn in every reader by ``walk.js``.

Import what a chapter needs explicitly, e.g. ``from cnn_utils import ops, viz``.
Importing the package is light: TensorFlow is only imported when needed.
"""

from cnn_utils.environment import environment_summary, in_colab, quick_mode, setup

#: The edition: a release (``make release``) is this version at a commit on main, which
#: ``edition.json`` names and every setup cell installs in Colab. The web book's footer
#: and the setup cell name the version and its date.
__version__ = "0.4.0"
#: The day the edition was released.
EDITION_DATE = "2026-12-03"

__all__ = [
    "EDITION_DATE",
    "environment_summary",
    "in_colab",
    "quick_mode",
    "setup",
    "__version__",
]
