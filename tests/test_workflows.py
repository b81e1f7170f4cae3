"""The GitHub Actions workflows: valid against GitHub's schema, and running the README's commands.

``check-jsonschema --builtin-schema vendor.github-workflows`` validates offline (the schema
ships with check-jsonschema, pinned in requirements.txt). The workflows must not copy
the steps of a command: CI runs ``.ci/run``, publishing runs ``make site`` and uploads
the folder that ``tools/make_site.py`` writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT
from tools.make_site import SITE

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _validate(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on:` as True
    return workflow


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.slow  # check-jsonschema in a subprocess, a few seconds
def test_workflows_match_githubs_schema(tmp_path):
    if not CHECK_JSONSCHEMA.is_file():
        pytest.skip("check-jsonschema is not installed (requirements.txt)")
    result = _validate(WORKFLOWS / "ci.yml", WORKFLOWS / "publish.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    # and the check notices a broken workflow: a job without runs-on
    broken = tmp_path / "broken.yml"
    broken.write_text(
        (WORKFLOWS / "ci.yml").read_text(encoding="utf-8").replace("runs-on:", "runs_on:"),
        encoding="utf-8",
    )
    assert _validate(broken).returncode != 0


def test_ci_runs_the_ci_entry_point_on_pushes_and_pull_requests():
    workflow = _load("ci.yml")
    assert {"push", "pull_request"} <= set(workflow["on"])
    steps = _steps(workflow)
    assert [s["run"] for s in steps if "run" in s and ".ci/" in s["run"]] == ["bash .ci/run"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the setup cells' commits are in the history


def test_publish_builds_with_make_site_and_deploys_its_folder_on_a_release():
    workflow = _load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["push"]["paths"] == ["cnn_utils/__init__.py"]  # where a release writes
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]
    steps = _steps(workflow)
    assert [s["run"] for s in steps if s.get("run", "").startswith("make")] == ["make site"]
    upload = next(
        s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == SITE.relative_to(ROOT).as_posix()
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)


def test_a_release_changes_the_file_that_triggers_publishing():
    """make release writes the version into cnn_utils/__init__.py, the path publish.yml watches."""
    import cnn_utils

    init = Path(cnn_utils.__file__)
    assert init.resolve() == (ROOT / _load("publish.yml")["on"]["push"]["paths"][0]).resolve()
    assert f'__version__ = "{cnn_utils.__version__}"' in init.read_text(encoding="utf-8")
