"""Figures of the model: its architecture, its training, its predictions, its weights (06-08)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patches

from cnn_utils.viz.style import COLUMN_WIDTH_IN, text_color, with_korean_font

#: Korean labels for Keras layer classes in :func:`plot_architecture`.
LAYER_LABELS = {
    "Input": "입력",
    "Conv2D": "합성곱",
    "MaxPooling2D": "최대 풀링",
    "AveragePooling2D": "평균 풀링",
    "Flatten": "펼치기",
    "Dense": "밀집",
    "Dropout": "드롭아웃",
}


@with_korean_font
def plot_architecture(stages: Sequence[tuple[str, tuple[int, ...]]], *, title: str | None = None):
    """Draw a CNN as a row of blocks, one per stage, with its output shape.

    A feature map (H, W, C) is a box whose height follows H and whose depth
    follows C (log scale); a vector (N,) is a thin bar. Stage names that are
    Keras classes (``"Conv2D"``) get their Korean label (:data:`LAYER_LABELS`).
    Introduced in chapter 06 (the overall structure) and reused in chapter 07
    for the trained model (:func:`cnn_utils.models.architecture_stages`).

    Examples
    --------
    >>> fig = plot_architecture([("입력", (28, 28, 1)), ("합성곱", (28, 28, 32)), ("출력", (10,))])
    >>> [t.get_text() for t in fig.axes[0].texts if "\\n" in t.get_text()][:1]
    ['입력\\n28×28×1']
    >>> plt.close(fig)
    """
    if not stages:
        raise ValueError("stages must not be empty")
    # under an inch a stage: nine stages fit the book's column (~7 in) at about 4/5 size
    fig, ax = plt.subplots(figsize=(0.95 * len(stages) + 0.3, 3.0))
    max_hw = (
        max(s[1][0] for s in stages if len(s[1]) == 3) if any(len(s[1]) == 3 for s in stages) else 1
    )
    x = 0.0
    for k, (name, shape) in enumerate(stages):
        name = LAYER_LABELS.get(name, name)
        if len(shape) == 3:
            h, _, c = shape
            height = 0.6 + 1.6 * h / max_hw
            layers = 1 if c == 1 else min(4, 1 + int(np.log2(c)) // 2)
            depth = 0.12 * (layers - 1)
            face = "#9ecae1" if c > 1 else "#d9d9d9"
            for sheet in range(layers):
                shift = depth - 0.12 * sheet
                ax.add_patch(
                    patches.Rectangle(
                        (x + shift, 1.5 - height / 2 + shift),
                        0.55,
                        height,
                        facecolor=face,
                        edgecolor="#3182bd",
                        lw=1,
                        alpha=0.55 + 0.15 * sheet,
                    )
                )
            label = f"{name}\n{h}×{shape[1]}×{c}"
            width = 0.55 + depth
        else:
            (n,) = shape
            height = 0.6 + 1.8 * min(1.0, np.log10(n + 1) / 3.6)
            ax.add_patch(
                patches.Rectangle(
                    (x, 1.5 - height / 2),
                    0.25,
                    height,
                    facecolor="#fdae6b",
                    edgecolor="#e6550d",
                    lw=1,
                )
            )
            label = f"{name}\n{n}"
            width = 0.25
        ax.text(x + width / 2, 0.15, label, ha="center", va="top", fontsize=11)
        x += width + 0.75
        if k < len(stages) - 1:
            ax.annotate(
                "",
                xy=(x - 0.12, 1.5),
                xytext=(x - 0.62, 1.5),
                arrowprops={"arrowstyle": "->", "color": "#555555"},
            )
    ax.set_xlim(-0.3, x - 0.3)
    ax.set_ylim(-0.75, 3.1)
    ax.axis("off")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


@with_korean_font
def plot_history(history, *, title: str | None = None, best_epoch: int | None = None):
    """Learning curves: loss and accuracy per epoch, training vs validation (chapter 07).

    ``history`` is ``model.fit(...).history`` (a dict of lists) or the
    ``History`` object ``fit`` returns. Accuracy is drawn when it was measured.
    ``best_epoch`` (1-based) draws a dashed line at the epoch whose weights
    early stopping restored.

    Examples
    --------
    >>> fig = plot_history({"loss": [0.5, 0.3], "val_loss": [0.4, 0.35],
    ...                     "accuracy": [0.8, 0.9], "val_accuracy": [0.85, 0.88]})
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['손실 (loss)', '정확도 (accuracy)']
    >>> plt.close(fig)
    >>> plot_history({"accuracy": [0.8]})
    Traceback (most recent call last):
    ...
    ValueError: history must hold a 'loss' list per epoch (model.fit(...).history), got keys ['accuracy']
    """  # noqa: E501 (doctest output lines are data)
    history = getattr(history, "history", history)  # a keras History object
    if not isinstance(history, dict) or not history.get("loss"):
        keys = sorted(history) if isinstance(history, dict) else type(history).__name__
        raise ValueError(
            f"history must hold a 'loss' list per epoch (model.fit(...).history), got keys {keys}"
        )
    panels = [("loss", "손실 (loss)")]
    if history.get("accuracy"):
        panels.append(("accuracy", "정확도 (accuracy)"))
    fig, axes = plt.subplots(
        1, len(panels), figsize=(min(4.5 * len(panels), COLUMN_WIDTH_IN), 3.2), squeeze=False
    )
    for ax, (key, label) in zip(axes.ravel(), panels, strict=True):
        epochs = np.arange(1, len(history[key]) + 1)
        ax.plot(epochs, history[key], "o-", label="훈련 세트")
        if f"val_{key}" in history:
            ax.plot(epochs, history[f"val_{key}"], "s-", label="검증 세트")
        if best_epoch is not None:
            ax.axvline(
                best_epoch, color="#555555", ls="--", lw=1, label=f"가장 좋은 에포크 {best_epoch}"
            )
        ax.set_xlabel("에포크 (epoch)")
        ax.set_ylabel(label)
        ax.set_xticks(epochs)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


@with_korean_font
def plot_probabilities(
    probabilities, class_names: Sequence, *, true_label: int | None = None, image=None
):
    """A predicted probability for each class as a bar chart, the image beside it (chapter 07).

    Examples
    --------
    >>> p = np.full(10, 0.01); p[9] = 0.91
    >>> fig = plot_probabilities(p, [str(i) for i in range(10)], true_label=9)
    >>> len(fig.axes[-1].patches)
    10
    >>> plt.close(fig)
    """
    p = np.asarray(probabilities, dtype=float).ravel()
    if len(p) != len(class_names) or not len(p):
        raise ValueError(
            f"probabilities must have one value per class: got {len(p)} probabilities for "
            f"{len(class_names)} classes"
        )
    if true_label is not None and (
        isinstance(true_label, bool)
        or not isinstance(true_label, (int, np.integer))
        or not 0 <= true_label < len(p)
    ):
        raise ValueError(
            f"true_label must be None or a class index from 0 to {len(p) - 1}, got {true_label!r}"
        )
    if image is not None:
        fig, (ax_im, ax) = plt.subplots(
            1, 2, figsize=(COLUMN_WIDTH_IN, 3), gridspec_kw={"width_ratios": [1, 2.6]}
        )
        ax_im.imshow(np.asarray(image).squeeze(), cmap="gray_r")
        ax_im.axis("off")
    else:
        fig, ax = plt.subplots(figsize=(6, 3))
    names = [getattr(c, "ko", str(c)) for c in class_names]
    colors = ["#9ecae1"] * len(p)
    colors[int(np.argmax(p))] = "#3182bd"
    if true_label is not None and true_label != int(np.argmax(p)):
        colors[true_label] = "#e6550d"
    ax.barh(np.arange(len(p)), p, color=colors)
    ax.set_yticks(np.arange(len(p)), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("예측 확률")
    for k, value in enumerate(p):
        if value >= 0.005:
            ax.text(min(value + 0.01, 0.88), k, f"{value:.2f}", va="center", fontsize=9)
    fig.tight_layout()
    return fig


@with_korean_font
def plot_confusion_matrix(matrix, class_names: Sequence, *, title: str | None = None):
    """Confusion matrix with counts, rows = true class, columns = prediction (chapter 07).

    Examples
    --------
    >>> fig = plot_confusion_matrix([[5, 1], [0, 6]], ["a", "b"])
    >>> fig.axes[0].get_xlabel()
    '예측한 클래스'
    >>> plt.close(fig)
    """
    m = np.asarray(matrix)
    names = [getattr(c, "ko", str(c)) for c in class_names]
    # counts in 9 pt: the whole matrix fits the book's column (cells of about half an inch)
    cell = min(0.62, (COLUMN_WIDTH_IN - 1.7) / len(names))
    fig, ax = plt.subplots(figsize=(cell * len(names) + 1.7, cell * len(names) + 1.5))
    ax.imshow(m, cmap="Blues")
    for (i, j), value in np.ndenumerate(m):
        ax.text(
            j,
            i,
            str(value),
            ha="center",
            va="center",
            fontsize=9,
            color=text_color(plt.get_cmap("Blues")((value - m.min()) / max(m.max() - m.min(), 1))),
        )
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("예측한 클래스")
    ax.set_ylabel("실제 클래스")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


@with_korean_font
def plot_histograms(groups: dict[str, np.ndarray], *, bins: int = 40, xlabel: str = "가중치 값"):
    """Histograms side by side, one per named array (chapter 08: trained vs untrained weights).

    Examples
    --------
    >>> fig = plot_histograms({"A": np.zeros(5), "B": np.ones(5)})
    >>> [ax.get_title() for ax in fig.axes]
    ['A', 'B']
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(
        1, len(groups), figsize=(min(4.2 * len(groups), COLUMN_WIDTH_IN), 3), squeeze=False
    )
    for ax, (name, values) in zip(axes[0], groups.items(), strict=True):
        ax.hist(np.asarray(values).ravel(), bins=bins, color="#3182bd")
        ax.set_title(name)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("개수")
    fig.tight_layout()
    return fig
