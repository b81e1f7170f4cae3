"""A real client: JupyterLab on localhost, driven by headless Chromium.

Opens chapter 01 (a copy, so autosave cannot touch the committed notebook),
runs all its cells, types a right and a wrong answer into the 곱과 합 exercise
and checks the Korean feedback, as a student would. Screenshots go to
_build/jupyterlab-*.png for inspection.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from cnn_utils import answers, exercises
from tests import helpers
from tests.helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "_build"
TOKEN = "cnn-book-test"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    helpers.chromium_path()  # skip early, with the message, when there is no browser
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "chapters" / "01_filter.ipynb", root / "01_filter.ipynb")
    port = helpers.free_port()
    # fresh lab settings and workspaces: no state from an earlier session
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.open_browser=False",
            # CI and these sandboxes run as root; the server listens on 127.0.0.1 only
            "--allow-root",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail("JupyterLab exited:\n" + server.stdout.read()[-3000:])
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start within 90 s")
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _accept_kernel_dialog(page) -> None:
    """Answer JupyterLab's "Select Kernel" dialog with its default (Python 3).

    On a loaded machine the kernel can miss its start-up window; JupyterLab
    then asks which kernel to use, and the dialog blocks every click.
    """
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.locator(".jp-mod-accept").first.click()
        page.get_by_text("Kernel status: Idle").first.wait_for(state="attached", timeout=90000)


def test_student_answers_the_multiply_and_sum_exercise_in_jupyterlab(lab):
    answer = (
        exercises.multiply_sum(0).problems[0].checks["main"].answer["main"]
    )  # chapter 01: seed 0
    blocked: list[str] = []
    with helpers.browser() as chromium:
        # (a ko-KR browser locale makes JupyterLab 4.6 look for a language pack and the run
        # silently fails)
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        helpers.block_external(context, blocked)
        page = context.new_page()
        page.goto(f"{lab}/lab/tree/01_filter.ipynb?token={TOKEN}")
        try:
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90000)
            page.get_by_text("Kernel status: Idle").first.wait_for(state="attached", timeout=90000)
            answer_box = page.locator(
                ".jp-OutputArea-output .widget-text input[placeholder='곱과 합']"
            )
            for attempt in range(3):  # a Run All sent while the kernel still connects can be lost
                page.wait_for_timeout(2000)
                _accept_kernel_dialog(page)
                page.get_by_role("menuitem", name="Run", exact=True).click()
                page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
                try:
                    answer_box.wait_for(
                        state="attached", timeout=90000
                    )  # off-screen cells are not "visible"
                    break
                except Exception:
                    if attempt == 2:
                        raise
        except Exception:
            page.screenshot(path=str(SHOTS / "jupyterlab-failed.png"))
            raise
        answer_box.scroll_into_view_if_needed()
        widget = page.locator(
            ".jp-OutputArea-output .widget-vbox", has=page.locator("input[placeholder='곱과 합']")
        ).first
        answer_box.fill(str(answer))
        widget.get_by_role("button", name="확인").click()
        widget.get_by_text("정답입니다").wait_for(timeout=30000)
        page.screenshot(path=str(SHOTS / "jupyterlab-right.png"))
        # a first wrong answer gets a hint, not the answer; a second one the worked answer
        answer_box.fill(str(answer + 5))
        widget.get_by_role("button", name="확인").click()
        widget.get_by_text("한 번 더 틀리면 풀이를 보여 드립니다").wait_for(timeout=30000)
        assert f"{answer}입니다" not in widget.inner_text()
        answer_box.fill(str(answer + 6))
        widget.get_by_role("button", name="확인").click()
        widget.get_by_text(f"{answers.said(answer + 6, '이')} 아니라").wait_for(timeout=30000)
        assert f"{answers.said(answer + 6, '이')} 아니라 {answer}입니다" in widget.inner_text()
        answer_box.fill("모르겠어요")
        widget.get_by_role("button", name="확인").click()
        widget.get_by_text("숫자가 아닙니다").wait_for(timeout=30000)
        page.screenshot(path=str(SHOTS / "jupyterlab-wrong.png"))
        context.close()
