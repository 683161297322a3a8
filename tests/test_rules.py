"""Rule packs: the shipped packs' embedded tests, and broken packs rejected clearly."""

from __future__ import annotations

import pytest

from conftest import CORE_IDS as _CORE_IDS
from planlint.errors import PackError
from planlint.match import match_text
from planlint.rules import builtin_packs, load_pack
from planlint.textnorm import normalize

CORE_IDS = set(_CORE_IDS)


def _embedded_cases():
    for name in builtin_packs():
        for rule in load_pack(name).rules:
            for case in rule.tests_match:
                yield pytest.param(rule, case, True, id=f"{name}:{rule.id}:match:{case.text[:12]}")
            for case in rule.tests_no_match:
                yield pytest.param(rule, case, False, id=f"{name}:{rule.id}:no:{case.text[:12]}")


@pytest.mark.parametrize(("rule", "case", "expected"), list(_embedded_cases()))
def test_embedded_rule_tests(rule, case, expected):
    hit = match_text(rule, normalize(case.text), heading=normalize(case.heading))
    assert (hit is not None) == expected, (rule.id, case, hit)


def test_core_pack_has_the_ten_ids_with_what_they_require(core_pack):
    assert {r.id for r in core_pack.rules} == CORE_IDS
    for rule in core_pack.rules:
        assert rule.title and rule.description and rule.source_document and rule.source_section
        assert rule.severity in {"error", "warning", "info"}
        assert rule.requires_owner
        # each core rule is held by real phrasings and by the look-alikes that must not count
        assert len(rule.tests_match) >= 10 and len(rule.tests_no_match) >= 6, rule.id
        assert any(t.heading for t in rule.tests_match + rule.tests_no_match) or not any(
            p.topics for p in rule.match.patterns
        ), rule.id


def test_every_rule_has_embedded_tests():
    for name in builtin_packs():
        for rule in load_pack(name).rules:
            assert rule.tests_match, rule.id


def _write(tmp_path, text: str):
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_RULE = """
  - id: demo
    title: 演示
    severity: error
    match:
      any:
        - all: [[政务公开]]
"""


def test_a_minimal_pack_loads(tmp_path):
    pack = load_pack(str(_write(tmp_path, "pack: demo\nrules:" + GOOD_RULE)))
    assert pack.name == "demo" and pack.rules[0].id == "demo"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pack: demo\nrules: [\n", "invalid YAML at line"),
        (
            "pack: demo\nrules:" + GOOD_RULE.replace("severity: error", "severity: fatal"),
            "rule demo: severity:",
        ),
        (
            "pack: demo\nrules:" + GOOD_RULE.replace("title: 演示", "title: 演示\n    colour: red"),
            "rule demo: (top level)" if False else "rule demo: ",
        ),
        ("pack: demo\nrules:" + GOOD_RULE.replace("any:", "anyof:"), "rule demo: match"),
        ("pack: demo\nrules:" + GOOD_RULE + GOOD_RULE, "rule demo: id: duplicate rule id"),
        (
            "pack: demo\nrules:" + GOOD_RULE.replace("[[政务公开]]", "[$nothing]"),
            "unknown synonym set '$nothing'",
        ),
        ("rules: []\n", "(top level)"),
    ],
)
def test_broken_packs_name_file_rule_and_key(tmp_path, text, expected):
    path = _write(tmp_path, text)
    with pytest.raises(PackError) as info:
        load_pack(str(path))
    message = info.value.render("en")  # Chinese unless asked: test_language.py
    assert str(path) in message and str(path) in str(info.value)
    assert expected in message
    assert "\n" not in message and "\n" not in str(info.value)


def test_unknown_key_is_named(tmp_path):
    text = "pack: demo\nrules:" + GOOD_RULE.replace("title: 演示", "title: 演示\n    colour: red")
    with pytest.raises(PackError, match=r"规则 demo：.*colour"):
        load_pack(str(_write(tmp_path, text)))


def test_unknown_pack_name_lists_the_builtin_ones():
    with pytest.raises(PackError, match="内置规则包：core"):
        load_pack("no-such-pack")


def test_pack_cache_is_used_and_invalidated(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLANLINT_CACHE_DIR", str(cache))
    path = _write(tmp_path, "pack: demo\nrules:" + GOOD_RULE)
    load_pack(str(path))
    assert len(list(cache.glob("*.json"))) == 1
    path.write_text("pack: demo\nrules:" + GOOD_RULE.replace("演示", "演示二"), encoding="utf-8")
    assert load_pack(str(path)).rules[0].title == "演示二"
    assert len(list(cache.glob("*.json"))) == 2


def test_typo_tolerance_needs_a_long_enough_term(tmp_path):
    text = "pack: demo\nrules:" + GOOD_RULE.replace("[[政务公开]]", "[[~规章]]")
    with pytest.raises(PackError, match=r"规则 demo：match：'~规章'：容错匹配的词至少需要 4 个字"):
        load_pack(str(_write(tmp_path, text)))


def test_only_marked_terms_forgive_typos(tmp_path):
    text = "pack: demo\nrules:" + GOOD_RULE.replace("[[政务公开]]", "[[~依申请公开, 政务新媒体]]")
    rule = load_pack(str(_write(tmp_path, text))).rules[0]
    assert match_text(rule, "做好依申清公开", normalized=False) is not None
    assert match_text(rule, "加强政务新煤体管理", normalized=False) is None
