"""The instructor's report of a class's results files (the **Class** reader).

``python -m cnn_utils.results report FILES_OR_FOLDERS_OR_ZIP... -o report.html``
reads the files (folders, globs, the zip an LMS hands out), counts what can be
counted and writes one self-contained HTML page in Korean: per slide point and
per exercise the share right at the first try (sorted bar charts), the most
frequent named mistakes, and per student what is done. A file that cannot be
counted (malformed, truncated, another edition or not this book, the same
student twice, too large, a zip bomb, a path that leaves the zip) is listed in
「읽지 못한 파일」 with the reason; it never stops the report. Nothing outside
the given files is read, and every text from a file is escaped.

The format is :mod:`cnn_utils.results`'s. Introduced for the classroom; it
counts the exercises of every chapter.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cnn_utils import __version__
from cnn_utils.class_files import Class, Student, read_class
from cnn_utils.results import exercise_list

# --------------------------------------------------------------------------
# the numbers of the report
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """Questions right at the first try among the questions answered, and by how many students."""

    label: str
    first_try: int
    questions: int
    students: int

    @property
    def ratio(self) -> float | None:
        return self.first_try / self.questions if self.questions else None


def by_exercise(students: list[Student]) -> list[tuple[dict, Share]]:
    """Every exercise of the edition with its share right at the first try, in book order."""
    rows = []
    for exercise in exercise_list():
        entries = [s.data["exercises"].get(exercise["key"]) for s in students]
        entries = [e for e in entries if e and e["questions"]]
        rows.append(
            (
                exercise,
                Share(
                    exercise["title"],
                    sum(e["first_try"] for e in entries),
                    sum(e["questions"] for e in entries),
                    len(entries),
                ),
            )
        )
    return rows


def by_point(students: list[Student]) -> list[tuple[dict, Share]]:
    """Every slide point (a chapter's section with exercises), summed over its exercises."""
    points: dict[tuple[str, str], list] = {}
    for exercise, share in by_exercise(students):
        points.setdefault((exercise["chapter"], exercise["point"]), [exercise, []])[1].append(share)
    rows = []
    for (chapter, point), (exercise, shares) in points.items():
        who = {
            id(s)
            for s in students
            for e in exercise_list()
            if (e["chapter"], e["point"]) == (chapter, point)
            and s.data["exercises"].get(e["key"], {}).get("questions")
        }
        rows.append(
            (
                exercise,
                Share(
                    f"{int(chapter)}장 {point}",
                    sum(s.first_try for s in shares),
                    sum(s.questions for s in shares),
                    len(who),
                ),
            )
        )
    return rows


@dataclass(frozen=True)
class Mistake:
    """A named mistake of the class: where it comes from, how often, by how many students."""

    exercise: str
    title: str
    id: str
    message: str
    count: int
    students: int


def mistakes(students: list[Student]) -> list[Mistake]:
    """The named mistakes of the class, most students first (then most often)."""
    titles = {e["key"]: e["title"] for e in exercise_list()}
    counts, who, messages = Counter(), Counter(), {}
    for student in students:
        for key, exercise in student.data["exercises"].items():
            for m in exercise["mistakes"]:
                counts[key, m["id"]] += m["count"]
                who[key, m["id"]] += 1
                messages.setdefault((key, m["id"]), Counter())[m["message"]] += 1
    found = [
        Mistake(key, titles[key], mid, messages[key, mid].most_common(1)[0][0], n, who[key, mid])
        for (key, mid), n in counts.items()
    ]
    return sorted(found, key=lambda m: (-m.students, -m.count, m.exercise, m.id))


# --------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------

#: The page's style: the book's colours and Korean fonts, nothing loaded from outside.
STYLE = """
body{font-family:"NanumGothic","Nanum Gothic","Noto Sans KR","Malgun Gothic",sans-serif;
color:#1f2328;background:#fff;margin:0 auto;max-width:60rem;padding:1rem 1.25rem 3rem;
line-height:1.6;word-break:keep-all;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:.5rem 0 0}h2{font-size:1.25rem;margin-top:2.2rem;
border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.sub{color:#57606a;margin-top:0}
.note{border-left:4px solid #9a6700;background:#fff8c5;padding:.5rem .9rem;margin:1rem 0}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.95rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wrap{overflow-x:auto}figure{margin:1rem 0}.chart{overflow-x:auto}
.chart img{width:100%;min-width:36rem;height:auto}
figcaption{color:#57606a;font-size:.9rem}
"""


def _pct(share: Share) -> str:
    return "—" if share.ratio is None else f"{share.ratio:.0%}"


def chart(rows: list[Share], title: str) -> str:
    """A sorted horizontal bar chart of shares right at the first try, as an <img> (PNG)."""
    from matplotlib.figure import Figure

    from cnn_utils.environment import use_korean_font

    # NanumGothic's arrow (→ in a slide point's name) is a dot: DejaVu Sans draws Latin text,
    # digits and symbols, NanumGothic what DejaVu Sans lacks (Hangul)
    fonts = ["DejaVu Sans", use_korean_font()]
    shown = sorted((r for r in rows if r.ratio is not None), key=lambda r: (r.ratio, r.label))
    figure = Figure(figsize=(8, 0.6 + 0.32 * max(len(shown), 1)), dpi=110, layout="constrained")
    ax = figure.subplots()
    for text in (ax.title, ax.xaxis.label):
        text.set_fontfamily(fonts)
    labels = [r.label for r in shown]
    values = [100 * r.ratio for r in shown]
    bars = ax.barh(range(len(shown)), values, color="#0969da")
    ax.bar_label(bars, [f"{v:.0f}%" for v in values], padding=3, fontsize=9)
    ax.set_yticks(range(len(shown)), labels, fontsize=9, fontfamily=fonts)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel("첫 시도에 맞힌 비율 (%)")
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    src = base64.b64encode(buffer.getvalue()).decode("ascii")
    lowest = ", ".join(f"{r.label} {_pct(r)}" for r in shown[:3]) or "답한 학생이 없습니다"
    alt = f"{title}: 낮은 것부터 차례로 막대를 그린 그림. 가장 낮은 것: {lowest}"
    return (
        f'<figure><div class="chart" tabindex="0" role="region" aria-label="{html.escape(title)}">'
        f'<img src="data:image/png;base64,{src}" alt="{html.escape(alt)}"></div>'
        f"<figcaption>{html.escape(title)} (낮은 것부터, 아래 표에 같은 숫자)</figcaption></figure>"
    )


def _share_table(rows: list[tuple[dict, Share]], first: str, table_id: str) -> str:
    body = "".join(
        f"<tr><td>{html.escape(s.label)}</td><td class='n'>{s.students}</td>"
        f"<td class='n'>{s.first_try}</td><td class='n'>{s.questions}</td>"
        f"<td class='n'>{_pct(s)}</td></tr>"
        for _, s in rows
    )
    return (
        f'<div class="wrap" tabindex="0" role="region" aria-label="{first}별 표">'
        f'<table id="{table_id}"><thead><tr><th scope="col">{first}</th>'
        '<th scope="col">답한 학생</th><th scope="col">첫 시도에 맞힌 문항</th>'
        '<th scope="col">답한 문항</th><th scope="col">비율</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def page(group: Class, anonymous: bool = False, limit: int = 15) -> str:
    """The report as one self-contained HTML page (Korean; no script, nothing from outside)."""
    students = sorted(group.students, key=lambda s: (s.name.casefold(), s.label))
    points, exercises = by_point(students), by_exercise(students)
    named = mistakes(students)
    total = len(exercise_list())
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ko"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>수업 결과 보고서 ({html.escape(__version__)}판)</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<h1>수업 결과 보고서</h1>",
        f'<p class="sub">합성곱 신경망으로 패션 아이템 분류하기 · {html.escape(__version__)}판</p>',
        f'<p id="counted">학생 <strong>{len(students)}</strong>명의 결과 파일을 셌습니다. '
        f"읽지 못한 파일: <strong>{len(group.unread)}</strong>개.</p>",
        '<p class="note">이 파일들은 가르치기 위한 것이지 채점용이 아닙니다. '
        "결과 파일은 학생의 컴퓨터에서 만들어지므로 학생이 자기 파일을 고칠 수 있습니다. "
        "반 전체가 어디서 막히는지 보는 데 쓰세요.</p>",
        "<h2>슬라이드 지점별: 첫 시도에 맞힌 비율</h2>",
        "<p>한 지점의 연습들에서 학생들이 답한 문항 가운데 첫 답이 맞은 문항의 비율입니다.</p>",
        chart([s for _, s in points], "슬라이드 지점별 첫 시도 정답 비율"),
        _share_table(points, "슬라이드 지점", "points"),
        "<h2>연습별: 첫 시도에 맞힌 비율</h2>",
        chart([s for _, s in exercises], "연습별 첫 시도 정답 비율"),
        _share_table(exercises, "연습", "exercises"),
        "<h2>자주 나온 실수</h2>",
    ]
    if named:
        rows = "".join(
            f"<tr><td>{html.escape(m.message)}</td><td>{html.escape(m.title)}</td>"
            f"<td class='n'>{m.students}</td><td class='n'>{m.count}</td></tr>"
            for m in named[:limit]
        )
        parts.append(
            "<p>연습이 이름 붙인 틀린 답(자주 하는 실수)입니다. 학생 수가 많은 것부터.</p>"
            '<div class="wrap" tabindex="0" role="region" aria-label="자주 나온 실수 표">'
            '<table id="mistakes"><thead><tr>'
            '<th scope="col">실수(안내 첫 줄)</th>'
            '<th scope="col">연습</th><th scope="col">학생</th><th scope="col">횟수</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></div>"
        )
    else:
        parts.append("<p>이름 붙은 실수가 없습니다.</p>")
    parts.append("<h2>학생별 진도</h2>")
    rows = []
    for k, student in enumerate(students, 1):
        entries = student.data["exercises"].values()
        done = sum(1 for e in entries if e["questions"])
        first = sum(e["first_try"] for e in entries)
        asked = sum(e["questions"] for e in entries)
        who = f"학생 {k}" if anonymous or not student.name else student.name
        rows.append(
            f"<tr><td>{html.escape(who)}</td><td class='n'>{done} / {total}</td>"
            f"<td class='n'>{first} / {asked}</td>"
            f"<td class='n'>{sum(m['count'] for e in entries for m in e['mistakes'])}</td></tr>"
        )
    parts.append(
        '<div class="wrap" tabindex="0" role="region" aria-label="학생별 진도 표">'
        '<table id="students"><thead><tr><th scope="col">학생</th>'
        '<th scope="col">푼 연습</th><th scope="col">첫 시도에 맞힌 문항</th>'
        f'<th scope="col">이름 붙은 실수</th></tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></div>"
    )
    parts.append("<h2>읽지 못한 파일</h2>")
    if group.unread:
        rows = "".join(
            f"<tr><td>{html.escape(label)}</td><td>{html.escape(reason)}</td></tr>"
            for label, reason in group.unread
        )
        parts.append(
            "<p>아래 파일은 세지 않았습니다. 나머지 파일은 모두 셌습니다.</p>"
            '<div class="wrap" tabindex="0" role="region" aria-label="읽지 못한 파일 표">'
            '<table id="unread"><thead><tr><th scope="col">파일</th>'
            f'<th scope="col">이유</th></tr></thead><tbody>{rows}</tbody></table></div>'
        )
    else:
        parts.append("<p>없습니다. 준 파일을 모두 읽었습니다.</p>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def report(paths: Iterable[str | os.PathLike], out, anonymous: bool = False) -> Class:
    """Read a class's files and write the report page to ``out``; return what was read."""
    group = read_class(paths)
    Path(out).write_text(page(group, anonymous=anonymous), encoding="utf-8")
    return group


def main(argv: list[str] | None = None) -> int:
    """``python -m cnn_utils.results report FILES_OR_FOLDERS_OR_ZIP... -o report.html``."""
    parser = argparse.ArgumentParser(
        prog="python -m cnn_utils.results",
        description="수업 결과 파일들로 강사용 보고서(HTML 한 쪽)를 만듭니다.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("report", help="결과 파일(폴더, glob, LMS zip)로 보고서 만들기")
    make.add_argument("paths", nargs="+", help="결과 파일, 폴더, glob 또는 zip")
    make.add_argument("-o", "--output", default="report.html", help="쓸 HTML 파일")
    make.add_argument("--anonymous", action="store_true", help="학생 이름을 숨김")
    args = parser.parse_args(argv)
    group = report(args.paths, args.output, anonymous=args.anonymous)
    print(
        f"{args.output}: 학생 {len(group.students)}명, 읽지 못한 파일 {len(group.unread)}개",
    )
    return 0
