"""JSON output: compact for programs (pipes, files), indented for people, the same data either way."""

from __future__ import annotations

import json


def test_json_is_compact_when_stdout_is_not_a_terminal(run, story):
    result = run(*story, "--format", "json")
    assert result.code == 0
    assert result.out.count("\n") == 1 and '":' in result.out and '": ' not in result.out


def test_indent_asks_for_json_people_read_and_the_data_is_the_same(run, story):
    compact = run(*story, "--format", "json").out
    indented = run(*story, "--format", "json", "--indent", "2").out
    assert indented.startswith('{\n  "schema": ')
    assert json.loads(indented) == json.loads(compact)
    assert run(*story, "--format", "json", "--indent", "0").out == compact


def test_a_bad_indent_is_one_line_and_status_2(run, story):
    result = run(*story, "--format", "json", "--indent", "-1")
    assert result.code == 2 and result.err.count("\n") == 1 and "--indent" in result.err
