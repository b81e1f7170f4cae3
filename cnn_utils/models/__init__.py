"""The slide model: its description, training, checkpoints and the trained file (06, 07, 08).

Chapters import one name, ``from cnn_utils import models``, and call
``models.build_slide_model()``, ``models.ModelCheckpoint(...)``; the helpers
live in small modules named after what they hold:

- :mod:`cnn_utils.models.slide`: the layers (:data:`SLIDE_LAYERS`), the model
  built from them, and reading a built model back;
- :mod:`cnn_utils.models.setting`: how it is trained (batch, learning rate, loss);
- :mod:`cnn_utils.models.training`: its data, the training run and its history;
- :mod:`cnn_utils.models.checkpoint`: saving without half-written files, the
  checkpoint callback;
- :mod:`cnn_utils.models.trained`: the trained model's file, loaded and checked
  or trained anew (chapter 08).

Importing this package does not import TensorFlow: Keras is imported by the
first helper that needs it.
"""

from cnn_utils.models.checkpoint import (
    ModelCheckpoint,
    checkpoint_suffix,
    folder_problem,
    save_model_atomically,
)
from cnn_utils.models.setting import (
    BOOK_SETTING,
    ORIGINAL_SETTING,
    QUICK_SETTING,
    TrainingSetting,
    smoothed_sparse_crossentropy,
    training_setting,
)
from cnn_utils.models.slide import (
    SLIDE_FILTER_SIZE,
    SLIDE_INPUT,
    SLIDE_LAYERS,
    SlideLayer,
    architecture,
    architecture_stages,
    build_slide_model,
    expected_params,
    expected_shapes,
    keras_output_shape,
    layer_inputs,
    layer_table,
)
from cnn_utils.models.trained import (
    ModelFileError,
    load_or_train_model,
    load_trained_model,
    model_path,
)
from cnn_utils.models.training import (
    ORIGINAL_HISTORY,
    SEED_RUNS,
    LabData,
    compile_model,
    describe_training,
    duration_ko,
    make_datasets,
    original_history,
    prepare_data,
    seed_runs,
    train_slide_model,
)

__all__ = [
    "BOOK_SETTING",
    "LabData",
    "ModelCheckpoint",
    "ModelFileError",
    "ORIGINAL_HISTORY",
    "ORIGINAL_SETTING",
    "QUICK_SETTING",
    "SLIDE_FILTER_SIZE",
    "SLIDE_INPUT",
    "SEED_RUNS",
    "SLIDE_LAYERS",
    "SlideLayer",
    "TrainingSetting",
    "architecture",
    "architecture_stages",
    "build_slide_model",
    "checkpoint_suffix",
    "compile_model",
    "describe_training",
    "duration_ko",
    "expected_params",
    "expected_shapes",
    "folder_problem",
    "keras_output_shape",
    "layer_inputs",
    "layer_table",
    "load_or_train_model",
    "load_trained_model",
    "make_datasets",
    "model_path",
    "original_history",
    "prepare_data",
    "save_model_atomically",
    "seed_runs",
    "smoothed_sparse_crossentropy",
    "train_slide_model",
    "training_setting",
]
