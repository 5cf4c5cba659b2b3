"""The quality floors skip without ../shared on a developer's machine and fail, in one line, in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_data import require_shared

OUTCOMES = [
    # (CI's value or None for unset, whether the path exists, the outcome)
    (None, True, None),
    ("true", True, None),
    (None, False, pytest.skip.Exception),
    ("", False, pytest.skip.Exception),
    ("0", False, pytest.skip.Exception),
    ("false", False, pytest.skip.Exception),
    ("FALSE", False, pytest.skip.Exception),
    ("true", False, pytest.fail.Exception),
    ("1", False, pytest.fail.Exception),
    ("yes", False, pytest.fail.Exception),
]


@pytest.mark.parametrize(("ci", "exists", "outcome"), OUTCOMES)
def test_missing_shared_data_skips_locally_and_fails_in_ci(
    ci: str | None, exists: bool, outcome: type[BaseException] | None, tmp_path: Path, monkeypatch
) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    path = tmp_path / "gold.json"
    if exists:
        path.write_text("{}")
    raised: BaseException | None = None
    try:  # a skip raised here must not skip this test: catch every outcome and compare it
        require_shared(path)
    except (pytest.skip.Exception, pytest.fail.Exception) as exc:
        raised = exc
    assert (None if raised is None else type(raised)) is outcome
    if raised is not None:
        message = str(raised)
        assert "\n" not in message and str(path) in message and "../shared" in message
