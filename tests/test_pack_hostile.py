"""Hostile and broken rule packs: refused fast, in bounded memory, with one short line, exit 2.

Every pack here is a real file in tmp_path run through the real command line (see
pack_cli_support); the in-process tests below them pin the exact messages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pack_cli_support import MINIMAL_PACK, ROOT, assert_refused, run_check
from planlint.errors import PackError
from planlint.match import match_text
from planlint.rules import load_pack
from planlint.rules.limits import DEFAULT_LIMITS

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def _write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _billion_laughs(levels: int = 9) -> str:
    """The classic: nine aliases of nine aliases ... of "lol", 9**9 strings when expanded."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"pack: demo\nrules: *a{levels}")
    return "\n".join(lines) + "\n"


def _deep_integer_keys(depth: int, flow: bool) -> str:
    """A rule whose ``match`` is a mapping ``1: 1: 1: ...`` nested ``depth`` deep."""
    head = "pack: demo\nrules:\n  - id: demo\n    title: t\n    severity: error\n    match:"
    if flow:
        return head + " " + "{1: " * depth + "x" + "}" * depth + "\n"
    body = "".join(" " * (i + 5) + "1:\n" for i in range(depth))
    return head + "\n" + body + " " * (depth + 5) + "x\n"


# --- the attacks of issue 8, through the command line -----------------------------------------


def test_alias_bomb_is_refused_fast_in_bounded_memory(tmp_path):
    run = run_check(_write(tmp_path, _billion_laughs()), tmp_path / "cache")
    assert_refused(run, "pack.yaml", "line ", "aliases expanded", "alias bomb")


def test_a_bomb_of_one_long_string_repeated_is_refused(tmp_path):
    text = "a: &s " + "x" * 100_000 + "\npack: demo\nrules: [" + ",".join(["*s"] * 100) + "]\n"
    assert_refused(run_check(_write(tmp_path, text), tmp_path / "cache"), "aliases expanded")


@pytest.mark.parametrize(("depth", "flow"), [(1000, True), (300, False)])
def test_pack_nested_1000_deep_with_integer_keys_is_one_line(tmp_path, depth, flow):
    run = run_check(_write(tmp_path, _deep_integer_keys(depth, flow)), tmp_path / "cache")
    assert_refused(run, f"nested deeper than {DEFAULT_LIMITS.max_depth} levels")


def test_flow_nesting_far_past_the_recursion_limit_is_one_line(tmp_path):
    text = "pack: demo\nrules: " + "[" * 100_000 + "]" * 100_000 + "\n"
    run = run_check(_write(tmp_path, text), tmp_path / "cache")
    assert_refused(run, "line 2: nested deeper than")


def test_alias_inside_the_node_it_names_is_refused(tmp_path):
    run = run_check(_write(tmp_path, "pack: demo\nrules: &a [*a]\n"), tmp_path / "cache")
    assert_refused(run, "line 2: alias *a is inside the node it names")


def test_duplicate_key_is_named_with_both_lines(tmp_path):
    text = MINIMAL_PACK.replace("    severity: error\n", "    severity: error\n    title: 另一个\n")
    run = run_check(_write(tmp_path, text), tmp_path / "cache")
    assert_refused(run, "line 6: duplicate key 'title' (first at line 4)")


def test_a_79_kb_value_gives_a_short_line(tmp_path):
    text = MINIMAL_PACK.replace("severity: error", "severity: " + "严重" * 40_000)
    line = assert_refused(run_check(_write(tmp_path, text), tmp_path / "cache"), "rule demo: ")
    assert "severity: '严重" in line and "is not one of error, warning, info" in line


def test_pack_over_the_size_limit_is_refused_before_parsing(tmp_path):
    text = MINIMAL_PACK + "#" * (DEFAULT_LIMITS.max_bytes + 1) + "\n"
    run = run_check(_write(tmp_path, text), tmp_path / "cache")
    assert_refused(run, "pack is too large", f"the limit is {DEFAULT_LIMITS.max_bytes:,}")


@posix_only
def test_a_fifo_given_as_pack_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    assert_refused(run_check(fifo, tmp_path / "cache"), "a FIFO, not a regular file")


@posix_only
def test_a_link_to_dev_zero_given_as_pack_is_refused(tmp_path):
    link = tmp_path / "pack.yaml"
    link.symlink_to("/dev/zero")
    assert_refused(run_check(link, tmp_path / "cache"), "a character device, not a regular file")


def test_a_folder_given_as_pack_is_refused(tmp_path):
    folder = tmp_path / "pack.yaml"
    folder.mkdir()
    assert_refused(run_check(folder, tmp_path / "cache"), "a folder, not a regular file")


# --- exact messages, in process -----------------------------------------------------------------


def _refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(PackError) as info:
        load_pack(str(_write(tmp_path, text)))
    said = str(info.value)  # Chinese unless asked
    assert said.startswith(str(tmp_path / "pack.yaml") + ": ")
    assert "\n" not in said and len(said) < 400, said[:500]
    message = info.value.render("en")
    assert message.startswith(str(tmp_path / "pack.yaml") + ": ")
    assert "\n" not in message and len(message) < 400, message[:500]
    return message.split(": ", 1)[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pack: demo\nrules: [{id: a, id: b}]\n", "line 2: duplicate key 'id' (first at line 2)"),
        ("pack: demo\npack: other\nrules: []\n", "line 2: duplicate key 'pack' (first at line 1)"),
        ("pack: demo\n1: x\nrules: []\n", "line 2: key '1' is not text (quote it)"),
        ("pack: demo\non: x\nrules: []\n", "line 2: key 'on' is not text (quote it)"),
        (
            "pack: demo\n? [a, b]\n: 1\nrules: []\n",
            "line 2: while constructing a mapping, found unhashable key",
        ),
        ("b: &b {1: x}\npack: demo\nrules: [{<<: *b}]\n", "line 1: key '1' is not text"),
        ("pack: demo\nrules: !!set {a, b}\n", "a set (tag:yaml.org,2002:set) cannot be used"),
        ("pack: demo\ntitle: !!binary aGk=\nrules: []\n", "binary data"),
        ("pack: demo\nrules: !!python/object:os.system {}\n", "could not determine a constructor"),
        ("pack: demo\nrules: *nowhere\n", "invalid YAML at line 2: found undefined alias"),
        ("pack: demo\nrules:\n- - 1\n", "rule #1: expected a mapping, not a list [1]"),
        ("pack: demo\nrules: " + "x" * 80_000 + "\n", "rules: expected a list, not text 'xxx"),
        ("pack: demo\nrules: [1, 2]\n---\npack: two\n", "expected a single document"),
        ("\ufeffpack: demo\nrules: 5\n", "rules: expected a list, not an integer 5"),
    ],
)
def test_yaml_problems_are_one_line_naming_the_line(tmp_path, text, expected):
    assert expected in _refusal(tmp_path, text)


def test_an_unquoted_date_stays_text(tmp_path):
    pack = load_pack(str(_write(tmp_path, MINIMAL_PACK.replace("演示", "2024-01-01"))))
    assert pack.rules[0].title == "2024-01-01"


def test_a_long_rule_id_and_a_long_unknown_key_are_clipped(tmp_path):
    text = MINIMAL_PACK.replace("id: demo", "id: " + "a" * 80_000)
    text = text.replace("    severity: error\n", "    severity: error\n    " + "k" * 1000 + ": 1\n")
    problem = _refusal(tmp_path, text)
    assert problem.startswith("rule 'aaaa") and "unknown key 'kkkk" in problem


def test_a_not_utf8_pack_names_the_byte(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_bytes(MINIMAL_PACK.encode("utf-8") + b"# \xff\n")
    with pytest.raises(PackError, match=r"规则包不是 UTF-8 文本（第 \d+ 字节）"):
        load_pack(str(path))


def test_too_many_rules_are_refused(tmp_path):
    rule = MINIMAL_PACK.split("rules:\n", 1)[1]
    rules = "".join(
        rule.replace("id: demo", f"id: r{i}") for i in range(DEFAULT_LIMITS.max_rules + 1)
    )
    problem = _refusal(tmp_path, "pack: demo\nrules:\n" + rules)
    assert problem == f"rules: {DEFAULT_LIMITS.max_rules + 1:,} rules; the limit is 300"


def test_aliases_within_the_budget_still_work(tmp_path):
    text = MINIMAL_PACK.replace("[[政务公开]]", "[&t [政务公开, 信息公开]]") + (
        "  - id: other\n    title: 其他\n    severity: info\n    match: {any: [{all: [*t]}]}\n"
    )
    pack = load_pack(str(_write(tmp_path, text)))
    assert pack.rules[1].match.patterns[0].groups == (("政务公开", "信息公开"),)


def test_the_core_pack_is_well_inside_every_limit():
    from planlint.rules import builtin_dir
    from planlint.rules.limits import PackLimits
    from planlint.rules.yamlload import check_shape

    text = (builtin_dir() / "core.yaml").read_text("utf-8")
    assert len(text.encode()) * 4 < DEFAULT_LIMITS.max_bytes
    check_shape(text, PackLimits(max_depth=DEFAULT_LIMITS.max_depth // 2, max_expanded=100_000))


# --- no regular expressions in packs -------------------------------------------------------------


def test_pack_terms_are_literal_text_never_regular_expressions(tmp_path):
    """Packs have no regex field (the schema forbids unknown keys) and terms are plain text, so a
    ReDoS pattern in a pack is just a string that never backtracks."""
    evil = "(a+)+$"
    rule = load_pack(str(_write(tmp_path, MINIMAL_PACK.replace("政务公开", evil)))).rules[0]
    assert match_text(rule, "a" * 50_000 + "!", normalized=False) is None
    assert match_text(rule, f"按{evil}办理", normalized=False) is not None


def test_a_regex_key_in_a_rule_is_refused(tmp_path):
    text = MINIMAL_PACK.replace("      any:", "      regex: '(a+)+$'\n      any:")
    assert "rule demo: match: unknown key 'regex'" in _refusal(tmp_path, text)


# --- fuzzing: whatever the text, a pack loads or is refused with one line -------------------------

_CORE = (ROOT / "rules" / "core.yaml").read_text("utf-8")
_NASTY = ["&a ", "*a", "<<: *a\n", "{", "[", ": ", "- ", "? ", "!!set ", "\t", "'", '"', "1: ", "~"]


@st.composite
def _mutated_core(draw: st.DrawFn) -> str:
    """The core pack with a few lines deleted, doubled or spliced with YAML syntax."""
    lines = _CORE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "double", "splice"]))
        if action == "delete":
            del lines[i]
        elif action == "double":
            lines.insert(i, lines[i])
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(_NASTY)) + lines[i][at:]
    return "".join(lines)


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_mutated_core() | _yaml_values.map(yaml.safe_dump))
def test_any_pack_text_loads_or_is_one_line(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_pack(str(path))
    except PackError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 500
