"""The classroom exercises as descriptions: problems, answer fields, feedback templates.

An :class:`Exercise` is data: the problems made from a seed (or the steps of
a walk), the answer :class:`~cnn_utils.answers.Group` rows, and for each
problem the :class:`~cnn_utils.answers.Check` with its right answers and Korean
feedback. Nothing here draws controls: :mod:`cnn_utils.widgets` renders an
exercise as ipywidgets, :mod:`cnn_utils.static` as the web book's form, and
both judge answers with :func:`cnn_utils.answers.judge`. A new exercise is a
new function in its chapter's module (and a chapter cell), nothing else.

The modules:

- :mod:`~cnn_utils.exercises.description`: the description types;
- :mod:`~cnn_utils.exercises.making`: what the exercises are made with (seeds, banks,
  answer slots, the wrong-answer cases);
- :mod:`~cnn_utils.exercises.state`: the one state machine every reader moves an
  exercise with (navigation, the bank, the score, the hints, clearing);
- :mod:`~cnn_utils.exercises.markup`: the HTML of statements (matrices, the size grid,
  figures) and its style sheet, ``exercises.css``;
- :mod:`~cnn_utils.exercises.explorers`: the two explorers (패딩·스트라이드 탐색기,
  필터 설계), which compute what they show;
- one module per chapter, its exercises in the order of the chapter's slides:
  :mod:`~cnn_utils.exercises.ch01_filter` ... :mod:`~cnn_utils.exercises.ch08_visualization`
  (chapter 07 in two: the model, :mod:`~cnn_utils.exercises.ch07_keras_lab`, and the
  prediction, :mod:`~cnn_utils.exercises.ch07_prediction`).

Chapters call ``exercises.multiply_sum(seed=0)``: every name is here.
"""

from cnn_utils.exercises.ch01_filter import (
    FEATURES,
    best_filter,
    multiply_sum,
    region_match,
    worked_sum,
)
from cnn_utils.exercises.ch02_window_sliding import MAX_STEPS_INPUT as MAX_STEPS_INPUT
from cnn_utils.exercises.ch02_window_sliding import (
    feature_maps,
    gradient_step,
    sliding,
    window_order,
)
from cnn_utils.exercises.ch03_padding import padded_sum, padding_sizes, pixel_usage, valid_shrink
from cnn_utils.exercises.ch04_stride import stride_results, stride_steps, stride_windows
from cnn_utils.exercises.ch05_pooling import POOL_KINDS as POOL_KINDS
from cnn_utils.exercises.ch05_pooling import (
    POOL_REGIONS,
    POOLING_EXAMPLE,
    POOLING_MATRIX,
    pooled_size,
    pooled_value,
    pooling,
    pooling_loss,
)
from cnn_utils.exercises.ch05_pooling import pooling_loss_maps as pooling_loss_maps
from cnn_utils.exercises.ch06_cnn_structure import (
    CNN_STAGES,
    cnn_structure,
    depth_values,
    size_effect,
    size_quiz,
)
from cnn_utils.exercises.ch07_keras_lab import KERAS_NAMES as KERAS_NAMES
from cnn_utils.exercises.ch07_keras_lab import LAYER_MISTAKES as LAYER_MISTAKES
from cnn_utils.exercises.ch07_keras_lab import (
    LAYER_SLIPS,
    dense_params,
    layer_keys,
    param_quiz,
    shape_quiz,
    write_model,
)
from cnn_utils.exercises.ch07_keras_lab import SLIDE_WINDOW as SLIDE_WINDOW
from cnn_utils.exercises.ch07_keras_lab import slip_message as slip_message
from cnn_utils.exercises.ch07_prediction import ANSWER_DECIMALS as ANSWER_DECIMALS
from cnn_utils.exercises.ch07_prediction import (
    cross_entropy_quiz,
    dense_value,
    flatten_index,
    softmax_quiz,
)
from cnn_utils.exercises.ch08_visualization import (
    FILTER_KINDS,
    STACKS,
    channel_sums,
    filter_reading,
    read_filter,
    receptive_field_quiz,
    relu_value,
    strongest_channel,
)
from cnn_utils.exercises.ch08_visualization import FilterReading as FilterReading
from cnn_utils.exercises.ch08_visualization import filter_reading_figure as filter_reading_figure
from cnn_utils.exercises.ch08_visualization import reading_kernel as reading_kernel
from cnn_utils.exercises.description import BANK, Exercise, Figure, Param, Problem
from cnn_utils.exercises.description import NUMBERED as NUMBERED
from cnn_utils.exercises.description import STEP as STEP
from cnn_utils.exercises.explorers import CELL_HINT as CELL_HINT
from cnn_utils.exercises.explorers import DESCRIBE as DESCRIBE
from cnn_utils.exercises.explorers import DESCRIBE_DECIMALS as DESCRIBE_DECIMALS
from cnn_utils.exercises.explorers import EXACT as EXACT
from cnn_utils.exercises.explorers import FILTER_CELL as FILTER_CELL
from cnn_utils.exercises.explorers import (
    FILTER_PRESETS,
    FilterDesigner,
    SizeExplorer,
    SizeReport,
    describe_filter_response,
    explore_sizes,
    explorer_note,
    filter_response,
    parse_filter,
)
from cnn_utils.exercises.explorers import GRID_CAPTION as GRID_CAPTION
from cnn_utils.exercises.explorers import SETTING as SETTING
from cnn_utils.exercises.explorers import SIZE_PADDINGS as SIZE_PADDINGS
from cnn_utils.exercises.explorers import SIZE_RANGES as SIZE_RANGES
from cnn_utils.exercises.explorers import UNEVEN as UNEVEN
from cnn_utils.exercises.explorers import UNREACHED as UNREACHED
from cnn_utils.exercises.explorers import preset_texts as preset_texts
from cnn_utils.exercises.making import typed
from cnn_utils.exercises.markup import GRID_DOT as GRID_DOT
from cnn_utils.exercises.markup import STYLE as STYLE
from cnn_utils.exercises.markup import figure_data, matrix_html, size_grid_html
from cnn_utils.exercises.state import ExerciseState

# fmt: off
__all__ = [
    "BANK", "CNN_STAGES", "Exercise", "ExerciseState", "FEATURES", "Figure", "FILTER_KINDS",
    "FILTER_PRESETS",
    "channel_sums", "strongest_channel",
    "FilterDesigner", "LAYER_SLIPS", "Param", "POOL_REGIONS", "POOLING_EXAMPLE", "POOLING_MATRIX",
    "Problem",
    "SizeExplorer", "SizeReport", "STACKS", "best_filter", "cnn_structure", "cross_entropy_quiz",
    "dense_value", "depth_values", "describe_filter_response", "explore_sizes", "explorer_note",
    "feature_maps", "figure_data", "filter_reading", "filter_response", "flatten_index",
    "layer_keys", "matrix_html", "multiply_sum", "padded_sum", "padding_sizes", "param_quiz",
    "parse_filter", "pixel_usage", "pooled_size", "pooled_value", "pooling", "pooling_loss",
    "read_filter", "receptive_field_quiz", "region_match", "relu_value", "shape_quiz",
    "size_effect", "size_grid_html", "size_quiz", "sliding", "softmax_quiz", "stride_results",
    "stride_steps", "stride_windows", "typed", "valid_shrink", "window_order", "worked_sum",
    "write_model", "dense_params", "gradient_step",
]
# fmt: on
