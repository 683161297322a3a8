"""``planlint rules draft HIGHER``: a pack drafted from a higher document, for a person to refine.

The draft must be a pack like any other: it loads and validates from the file written, its ids
come from the higher document's numbering, its sources point there, and its embedded tests
(taken from the higher text) pass on the document it came from.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planlint.cli import app
from planlint.errors import PackError
from planlint.match import match_text
from planlint.rules import load_pack, pack_from_data, schema
from planlint.rules.validate import validate
from planlint.trace import draft_file, read_higher
from planlint.trace.draft import document_name, rule_id, title

HIGHER = (
    Path(__file__).resolve().parents[1] / "examples" / "trace" / "jiangling-2025-key-points.txt"
)
runner = CliRunner()


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "jiangling.yaml"
    result = runner.invoke(app, ["rules", "draft", str(HIGHER), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_draft_validates_and_loads(drafted):
    data = yaml.safe_load(drafted.read_text("utf-8"))
    validate(data, str(drafted), schema())
    pack = load_pack(str(drafted))
    assert len(pack.rules) == 20
    first = pack.rules[0]
    assert first.id == "t-1-1-1" and first.short == "一(一)1"
    assert first.source_document == "江岭省2025年政务公开工作要点"
    assert first.source_section.startswith("一(一)1")
    assert first.title == "依托省政府门户网站政策文件库，集中公开现行有效的政府规章和行政规范性文件"
    assert [r.id for r in pack.rules][-3:] == ["t-4-1", "t-4-2", "t-4-3"]
    assert all(r.match.patterns[0].weights for r in pack.rules)


def test_embedded_tests_pass_on_the_higher_document(drafted):
    """Each task's own text matches its rule and the nearest other tasks do not; and the
    document read as a plan carries every task, each by its own item."""
    pack = load_pack(str(drafted))
    for rule in pack.rules:
        assert rule.tests_match and rule.tests_no_match
        for test in rule.tests_match:
            assert match_text(rule, test.text, normalized=False), (rule.id, test.text)
        for test in rule.tests_no_match:
            assert not match_text(rule, test.text, normalized=False), (rule.id, test.text)
    plan = read_higher(HIGHER)
    for rule, item in zip(pack.rules, plan.items, strict=True):
        hits = [i.id for i in plan.items if match_text(rule, i.match_text)]
        assert hits == [item.id]


def test_rules_test_command_passes_on_the_draft(drafted):
    """With the pack tooling's ``rules test`` present, it passes on the draft too."""
    probe = runner.invoke(app, ["rules", "test", "--help"])
    if probe.exit_code != 0:
        pytest.skip("planlint rules test is not here yet")
    result = runner.invoke(app, ["rules", "test", str(drafted)])
    assert result.exit_code == 0, result.output


def test_draft_to_stdout_is_the_same_pack(drafted):
    result = runner.invoke(app, ["rules", "draft", str(HIGHER)])
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout) == yaml.safe_load(drafted.read_text("utf-8"))


def test_draft_of_a_missing_file_is_exit_2(tmp_path):
    result = runner.invoke(app, ["rules", "draft", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2
    assert "nope.docx" in result.stderr and "Traceback" not in result.output


def test_a_weighted_pattern_cannot_also_have_groups():
    data = draft_file(HIGHER)
    data["rules"][0]["match"]["any"][0]["all"] = ["回头看"]
    with pytest.raises(PackError):
        pack_from_data(data, "draft.yaml")
    del data["rules"][0]["match"]["any"][0]["all"]
    del data["rules"][0]["match"]["any"][0]["share"]
    with pytest.raises(PackError):
        pack_from_data(data, "draft.yaml")


@pytest.mark.parametrize(
    ("numbering", "expected"),
    [
        ("一(二)3", "t-1-2-3"),
        ("三(四)", "t-3-4"),
        ("十二", "t-12"),
        ("二十一(十)", "t-21-10"),
        ("7", "t-7"),
    ],
)
def test_rule_ids_from_numbering(numbering, expected):
    assert rule_id(numbering) == expected


def test_title_is_the_first_sentence_or_its_lead():
    assert title("加强组织领导。各地区主要负责同志每年听取汇报。") == "加强组织领导"
    long = "依托省政府门户网站政策文件库，集中公开现行有效的政府规章和行政规范性文件，年底前完成文件库与国家政策文件库的数据对接。"
    assert title(long) == "依托省政府门户网站政策文件库，集中公开现行有效的政府规章和行政规范性文件"


def test_document_name_from_the_notice():
    plan = read_higher(HIGHER)
    assert document_name(plan) == "江岭省2025年政务公开工作要点"


def test_a_hand_written_weighted_pattern(tmp_path):
    """The pattern form is a pack's like any other: written by hand, vetoes still apply."""
    path = tmp_path / "lookback.yaml"
    path.write_text(
        "pack: demo\nrules:\n  - id: lookback\n    title: 开展回头看\n    severity: warning\n"
        "    match:\n      any:\n        - weighted: {回头看: 3, 行政规范性文件清理: 2}\n"
        "          share: 0.5\n          none: [[安全生产]]\n",
        encoding="utf-8",
    )
    (rule,) = load_pack(str(path)).rules
    assert match_text(rule, "开展“回头看”", normalized=False)
    assert not match_text(rule, "开展规范性文件清理", normalized=False)  # 1.75 of 5 < 0.5
    assert match_text(rule, "开展規範性文件清理回頭看", normalized=False)  # traditional
    assert not match_text(rule, "开展安全生产回头看", normalized=False)  # vetoed
