"""Chapter 07 (케라스 실습), the model: writing it, its shapes and parameters, dense only.

In the order of the chapter's slides: 모델 만들기 (:func:`write_model`), 층별 모양
(:func:`shape_quiz`), 파라미터 개수 (:func:`param_quiz`), 밀집층만 쓴 모델과 비교
(:func:`dense_params`). The prediction's exercises are in
:mod:`cnn_utils.exercises.ch07_prediction`.
"""

from __future__ import annotations

import html

import numpy as np

from cnn_utils import models, ops
from cnn_utils.answers import Case, Check, ChoiceField, Group, NumberField, ShapeField, said
from cnn_utils.exercises.description import Exercise, Problem
from cnn_utils.exercises.making import seeded, slip_cases, typed, wrong_case

#: Layers a student may pick instead of the slide model's: the kind of slot each is a slip
#: for, and what is wrong with it there (``{n}``: the slot's input size). Picked at a slot of
#: another kind, the slot's own reason is told instead.
LAYER_SLIPS = {
    "Conv2D(32, kernel_size=3, activation='relu', padding='valid')": (
        "Conv2D",
        "padding='valid'이면 크기가 2씩 줄어듭니다({n} → {n_valid}). 슬라이드 모델은 same 패딩으로 "
        "크기를 지킵니다.",
    ),
    "Conv2D(32, kernel_size=5, activation='relu', padding='same')": (
        "Conv2D",
        "슬라이드 모델의 필터는 3×3입니다(kernel_size=3).",
    ),
    "AveragePooling2D(2)": (
        "MaxPooling2D",
        "슬라이드 모델은 평균이 아니라 가장 큰 값을 남기는 최대 풀링(MaxPooling2D)을 씁니다.",
    ),
    "Dense(10, activation='relu')": (
        "output",
        "출력층은 열 클래스의 확률을 내야 하므로 activation='softmax'입니다.",
    ),
}


#: The slips' names, for instructor.md's list of common mistakes.
LAYER_MISTAKES = {
    "Conv2D(32, kernel_size=3, activation='relu', padding='valid')": "valid 패딩을 고름",
    "Conv2D(32, kernel_size=5, activation='relu', padding='same')": "필터 크기 5×5를 고름",
    "AveragePooling2D(2)": "평균 풀링을 고름",
    "Dense(10, activation='relu')": "출력층에 relu를 고름",
}


def slip_message(code: str, layer, before: tuple[int, ...], last: bool) -> str | None:
    """What is wrong with picking ``code`` where the slide model has ``layer`` (chapter 07).

    None when ``code`` is not a known slip for a slot of that kind: the slot's own
    reason is told then.

    Examples
    --------
    >>> conv2 = models.SLIDE_LAYERS[2]
    >>> slip_message("Conv2D(32, kernel_size=3, activation='relu', padding='valid')", conv2,
    ...              (14, 14, 32), last=False)[:40]
    "padding='valid'이면 크기가 2씩 줄어듭니다(14 → 12)."
    >>> slip_message("Dense(10, activation='relu')", conv2, (14, 14, 32), last=False) is None
    True
    """
    kind, say = LAYER_SLIPS.get(code, (None, None))
    slot = "output" if last else layer.kind
    if kind != slot:
        return None
    return say.format(n=before[0], n_valid=ops.output_size(before[0], models.SLIDE_FILTER_SIZE))


def write_model() -> Exercise:
    """Assemble the slide model layer by layer from menus (chapter 07, 객체 생성, 층 추가).

    Examples
    --------
    >>> exercise = write_model()
    >>> len(exercise.groups), exercise.submit_all
    (8, True)
    """
    codes = list(dict.fromkeys(layer.code() for layer in models.SLIDE_LAYERS))
    options = tuple((c, c) for c in sorted([*codes, *LAYER_SLIPS]))
    last = len(models.SLIDE_LAYERS)
    inputs, shapes = models.layer_inputs(), models.expected_shapes()
    groups, checks = [], {}
    for k, (layer, before, after) in enumerate(
        zip(models.SLIDE_LAYERS, inputs, shapes, strict=True), 1
    ):
        key = f"layer{k}"
        reason = layer.shape_reason(before, after)
        groups.append(
            Group(
                key,
                (ChoiceField(key, f"{k}번째 층", "고르세요", options, menu=True),),
                f"{k}번째 층:",
            )
        )
        slips = {code: slip_message(code, layer, before, k == last) for code, _ in options}
        cases = tuple(
            Case(
                f"아쉽습니다. {k}번째 층은 {layer.code()}입니다. {slips[code] or reason}",
                equal=((key, code),),
                mistake=LAYER_MISTAKES[code] if slips[code] else "",
            )
            for code, _ in options
            if code != layer.code()
        )
        checks[key] = Check({key: layer.code()}, f"{reason}", cases)
    return Exercise(
        "write-model",
        "슬라이드 모델 조립하기",
        "model = keras.Sequential()에 model.add로 넣을 층을 차례로 고르세요(입력 28×28×1). "
        "'모두 확인'을 누르면 층마다 슬라이드 모델과 같은지, 다르면 무엇이 다른지 알려 줍니다.",
        tuple(groups),
        (Problem("", checks),),
        submit_all=True,
    )


#: The names Keras gives a layer class's first instance in a model (then _1, _2, ...).
KERAS_NAMES = {
    "Conv2D": "conv2d",
    "MaxPooling2D": "max_pooling2d",
    "Flatten": "flatten",
    "Dense": "dense",
    "Dropout": "dropout",
}


def layer_keys() -> list[str]:
    """The names Keras gives the slide model's layers in chapter 07 (conv2d, conv2d_1, ...).

    Examples
    --------
    >>> layer_keys()[:4]
    ['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1']
    """
    seen: dict[str, int] = {}
    keys = []
    for layer in models.SLIDE_LAYERS:
        base = KERAS_NAMES[layer.kind]
        keys.append(base if base not in seen else f"{base}_{seen[base]}")
        seen[base] = seen.get(base, 0) + 1
    return keys


def shape_slips(layer: models.SlideLayer, before: tuple[int, ...]) -> list[tuple]:
    """Typical wrong output shapes of a slide-model layer for an input of shape ``before``:
    ``(shape, mistake, what it is)``, for :func:`~.making.slip_cases`.

    Examples
    --------
    >>> [(v, m) for v, m, _ in shape_slips(models.SLIDE_LAYERS[0], (28, 28, 1))]
    [((26, 26, 32), 'same인데 크기를 줄임'), ((28, 28, 1), '채널을 필터 개수로 바꾸지 않음')]
    """
    n = before[0]
    if layer.kind == "Conv2D":
        valid = ops.output_size(n, models.SLIDE_FILTER_SIZE)
        return [
            (
                (valid, valid, int(layer.size)),
                "same인데 크기를 줄임",
                f"valid 패딩처럼 크기를 줄인 모양입니다({n} → {valid}). padding='same'은 크기를 "
                "그대로 둡니다.",
            ),
            (
                before,
                "채널을 필터 개수로 바꾸지 않음",
                "입력의 모양 그대로입니다. 합성곱 층의 출력 채널 수는 필터 개수"
                f"({layer.size})입니다.",
            ),
        ]
    if layer.kind == "MaxPooling2D":
        half = n // int(layer.size)
        return [
            (
                (half, half, before[2] // 2),
                "채널도 절반으로 줄임",
                f"채널까지 절반으로 줄인 모양입니다. 풀링은 채널마다 따로 하므로 채널 수 "
                f"{said(before[2], '은')} 그대로입니다.",
            )
        ]
    if layer.kind == "Flatten":
        return [
            (
                (before[0] * before[1],),
                "채널을 곱하지 않음",
                f"가로세로만 곱한 개수입니다. 칸마다 채널 {before[2]}개의 값이 있으므로 "
                f"{'×'.join(map(str, before))}를 모두 곱합니다.",
            )
        ]
    if layer.kind == "Dense":
        return [
            (
                before,
                "입력의 모양을 씀",
                "입력의 모양입니다. 밀집층은 뉴런마다 값 하나를 내므로 출력은 뉴런 수 "
                f"{layer.size}개입니다.",
            ),
            (
                (before[0], int(layer.size)),
                "가중치의 모양을 씀",
                "가중치 행렬의 모양(입력 개수, 뉴런 수)입니다. 층의 출력은 뉴런마다 값 하나입니다.",
            ),
        ]
    kept = round(before[0] * (1 - float(layer.size)))
    return [
        (
            (kept,),
            "드롭아웃이 값을 없앤다고 봄",
            f"값의 {float(layer.size):.0%}를 뺀 개수입니다. 드롭아웃은 훈련 중에 값 일부를 0으로 "
            "만들 뿐 값을 없애지 않으므로 모양이 그대로입니다.",
        )
    ]


def shape_quiz() -> Exercise:
    """Type each slide-model layer's output shape (chapter 07).

    Examples
    --------
    >>> exercise = shape_quiz()
    >>> exercise.problems[0].checks["flatten"].answer
    {'flatten': (3136,)}
    """
    groups, checks = [], {}
    inputs, shapes = models.layer_inputs(), models.expected_shapes()
    for key, layer, before, after in zip(
        layer_keys(), models.SLIDE_LAYERS, inputs, shapes, strict=True
    ):
        reason = layer.shape_reason(before, after)
        shape = "(" + ", ".join(map(str, after)) + ("," if len(after) == 1 else "") + ")"
        groups.append(
            Group(
                key,
                (ShapeField(key, f"{key}의 출력 모양", "예: 28, 28, 1"),),
                f"{key}  {layer.code()} →",
            )
        )
        checks[key] = Check(
            {key: after},
            f"{shape}: {reason}",
            (
                *slip_cases(after, reason, shape_slips(layer, before), key),
                wrong_case(shape, reason, key),
            ),
        )
    return Exercise(
        "shape-quiz",
        "층별 출력 모양 퀴즈",
        f"입력 모양: {models.SLIDE_INPUT} (배치 크기 None은 빼고 씁니다)",
        tuple(groups),
        (Problem("", checks),),
        example=html.escape(
            "다른 모델: 입력 (32, 32, 3) → Conv2D(16, 3×3, padding='same') → (32, 32, "
            "16) → "
            "MaxPooling2D(2) → (16, 16, 16) → Flatten() → (4096,)"
        ),
    )


#: The weights of one 3x3 filter on one channel (the slide model's filter size).
SLIDE_WINDOW = models.SLIDE_FILTER_SIZE**2


def param_quiz() -> Exercise:
    """Compute each slide-model layer's parameter count (chapter 07).

    A typed count that leaves out the biases is told so; a first wrong answer gets the
    formula as a hint, a second the worked count.

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = param_quiz()
    >>> check = exercise.problems[0].checks["conv1"]
    >>> print(judge(exercise.groups[0], check, {"conv1": "288"}).message)
    아쉽습니다. 288은 가중치만 센 값 아닌가요? 필터마다 절편(bias)이 하나씩 있습니다.
    힌트: (필터 높이 × 필터 너비 × 입력 채널 + 절편 1) × 필터 개수 = (3×3×1 + 1) × 32
    다시 풀어 보세요. 한 번 더 틀리면 풀이를 보여 드립니다.
    >>> print(judge(exercise.groups[0], check, {"conv1": "288"}, wrong_before=1).message)
    아쉽습니다. 288은 가중치만 센 값 아닌가요? 필터마다 절편(bias)이 하나씩 있습니다.
    풀이: (필터 높이 × 필터 너비 × 입력 채널 + 절편 1) × 필터 개수 = (3×3×1 + 1) × 32 = 320
    """
    groups, checks, counts = [], {}, {"Conv2D": 0, "Dense": 0}
    inputs = models.layer_inputs()
    weighted = [k for k, layer in enumerate(models.SLIDE_LAYERS) if layer.params(inputs[k])]
    ordinals = ("첫 번째", "두 번째", "세 번째", "네 번째")
    for k in weighted:
        layer, before = models.SLIDE_LAYERS[k], inputs[k]
        counts[layer.kind] += 1
        conv = layer.kind == "Conv2D"
        key = ("conv" if conv else "dense") + str(counts[layer.kind])
        what = (
            "출력층"
            if k == weighted[-1]
            else f"{ordinals[counts[layer.kind] - 1]} {'합성곱 층' if conv else '밀집층'}"
        )
        if conv:
            size = "×".join(map(str, before))
            shown = f"Conv2D({layer.size}, {models.SLIDE_FILTER_SIZE}), 입력 {size}"
        else:
            flat = models.SLIDE_LAYERS[k - 1].kind == "Flatten"
            unflat = f"{'×'.join(map(str, inputs[k - 1]))}를 펼친 " if flat else ""
            shown = f"Dense({layer.size}), 입력 {unflat}{before[0]:,}개"
        answer, formula = layer.params(before), layer.param_formula(before)
        groups.append(
            Group(
                key,
                (NumberField(key, f"{what}의 파라미터 개수", "개수", minimum=0, maximum=1e8),),
                f"{shown}: {what}의 파라미터 개수는?",
            )
        )
        unit = "필터" if conv else "뉴런"
        slips = [
            (
                answer - int(layer.size),
                "절편을 빠뜨림",
                f"가중치만 센 값 아닌가요? {unit}마다 절편(bias)이 하나씩 있습니다.",
            ),
            (
                answer - int(layer.size) + 1,
                "절편을 한 번만 더함",
                f"절편을 하나만 더한 값입니다. {unit}마다 절편이 하나씩 있으므로 {unit} 개수만큼 "
                "더합니다.",
            ),
            (
                answer // int(layer.size),
                f"{unit} 하나만 셈",
                f"{unit} 하나의 파라미터입니다. {unit} {layer.size}개가 저마다 가중치와 절편을 "
                "가지므로 개수를 곱합니다.",
            ),
        ]
        if conv and before[-1] > 1:
            slips.append(
                (
                    (SLIDE_WINDOW + 1) * int(layer.size),
                    "입력 채널을 곱하지 않음",
                    f"입력 채널 {before[-1]}개를 곱하지 않은 값입니다. 필터 하나는 입력의 모든 "
                    "채널에 3×3 가중치를 둡니다.",
                )
            )
        checks[key] = Check(
            {key: answer},
            f"{formula.split(' = ')[-1]} = {answer:,}",
            (
                *slip_cases(answer, f"풀이: {formula} = {answer:,}", slips, key, commas=True),
                Case(
                    f"아쉽습니다. {typed(key, '이', commas=True)} 아닙니다.\n"
                    f"풀이: {formula} = {answer:,}"
                ),
            ),
            hint=f"힌트: {formula}",
        )
    return Exercise(
        "param-quiz",
        "파라미터 개수 퀴즈",
        "층마다 가중치와 절편(bias)을 모두 센 파라미터 개수를 입력하세요.",
        tuple(groups),
        (Problem("", checks),),
        example=html.escape(
            f"다른 층: Conv2D(16, kernel_size=5), 입력 채널 3 → (5×5×3 + 1) × 16 = "
            f"{ops.conv_params(5, 3, 16)}; Dense(50), 입력 200개 → (200 + 1) × 50 = "
            f"{ops.dense_params(200, 50):,}"
        ),
    )


def _dense_params_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    side = int(rng.choice([28, 32]))
    units = int(rng.choice([64, 100, 128, 256]))
    inputs = side * side
    hidden, output = (inputs + 1) * units, (units + 1) * 10
    total = hidden + output
    work = (
        f"Flatten: {side}×{side} = {inputs:,}개. 밀집층: ({inputs:,} + 1) × {units} = {hidden:,}, "
        f"출력층: ({units} + 1) × 10 = {output:,}. 모두 {hidden:,} + {output:,} = {total:,}개"
    )
    slips = (
        (
            inputs * units + units * 10,
            "절편을 빠뜨림",
            "절편(bias)을 빼고 가중치만 센 값입니다. 뉴런마다 절편이 하나씩 있습니다.",
        ),
        (
            (side + 1) * units + output,
            "Flatten을 한 변으로 셈",
            f"입력을 {side}개로 센 값입니다. Flatten은 {side}×{side} = {inputs:,}개를 한 줄로 "
            "폅니다.",
        ),
        (
            hidden,
            "출력층을 빠뜨림",
            "첫 밀집층만 센 값입니다. 출력층 Dense(10)의 파라미터도 더해야 합니다.",
        ),
    )
    return Problem(
        html.escape(
            f"{side}×{side} 흑백 이미지를 Flatten → Dense({units}, relu) → Dense(10, softmax)로 "
            "분류하는 밀집층만의 모델입니다. 파라미터는 모두 몇 개일까요?"
        ),
        {
            "main": Check(
                {"main": total},
                work,
                (*slip_cases(total, work, slips, commas=True), wrong_case(f"{total:,}", work)),
            )
        },
    )


def dense_params(seed: int = 0) -> Exercise:
    """The parameters of a dense-only model on images: why a CNN needs fewer per layer (07).

    Examples
    --------
    >>> from cnn_utils.answers import judge
    >>> exercise = dense_params(seed=0)
    >>> check = exercise.problems[0].checks["main"]
    >>> judge(exercise.groups[0], check, {"main": str(check.answer["main"])}).correct
    True
    """
    return seeded(
        "dense-params",
        "밀집층만 쓴 모델의 파라미터 개수",
        "밀집층은 입력 하나하나에 뉴런마다 가중치를 두고, 뉴런마다 절편(bias)이 하나 있습니다.",
        [Group("main", (NumberField("main", "파라미터 개수", "개수", minimum=0, maximum=1e8),))],
        _dense_params_problem,
        seed,
    )
