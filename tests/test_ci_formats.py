"""The CI formats read back by what consumes them (issue 10, point 1): SARIF through the OASIS
schema (vendored in tests/schemas/) and each of GitHub code scanning's ingestion rules; GitHub
workflow commands and the job summary; JUnit XML through an XML parser; GitLab Code Quality's
fields; the PR/MR comment; the one-line format; fingerprints that survive moved lines.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from typer.testing import CliRunner

from conftest_formats import HEADER, TITLE, _pdf_table, _sheet_rows, docx_table, save_docx
from planlint.cli import app
from planlint.engine import Failure, check_files
from planlint.fingerprint import fingerprint, fingerprints
from planlint.report.github import PER_STEP, escape_data, escape_property, render_github
from planlint.report.mdtext import md_escape
from planlint.rules import load_pack

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
runner = CliRunner()

PLAN = """某市某区司法局2024年政务公开工作要点分工方案

| 序号 | 工作任务 | 责任科室 | 完成时限 |
|---|---|---|---|
| 1 | 局主要负责同志每年至少听取1次政务公开工作汇报 | 办公室 | 2024年12月底前 |
| 2 | 年内组织一次政务公开业务培训，实现全员培训 | 各科室 | 持续推进 |
| 4 | 将本要点落实情况纳入政府信息公开工作年度报告予以公开 | 办公室 | 2025年1月31日前 |
| 6 | 落实政策解读“三同步”，政策文件与解读材料同步发布 |  | 持续推进 |
| 7 | 加强政务舆情监测研判，及时回应社会关切 | 办公室 | 持续推进 |
| 8 | 集中公开现行有效的行政规范性文件并动态更新 | 法制科 | 2024年9月底前 |
| 9 | 依法依规办理政府信息公开申请，按时答复 | 办公室 | 持续推进 |
| 10 | 确保政府网站和政务新媒体安全平稳运行 | 信息中心 | 持续推进 |
"""
"""Two requirements missing (回头看, 台账), one unassigned (item 6), warnings on item 2."""

# a table whose task 2 has no unit: an unassigned finding placed in a cell of the document
ROWS = [
    [
        "1",
        "一、加强组织领导",
        "局主要负责同志每年至少听取1次政务公开工作汇报",
        "办公室",
        "2024年6月30日",
    ],
    ["2", "二、加强队伍建设", "年内组织一次政务公开业务培训，实现全员培训", "", "2024年6月30日"],
    ["3", "三、加强平台建设", "确保政府网站和政务新媒体安全平稳运行", "信息中心", "2024年9月30日"],
]


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    docx_table(document, HEADER, ROWS)
    return save_docx(document)


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工方案"
    ws["A1"] = TITLE
    for j, name in enumerate(HEADER, 1):
        ws.cell(row=3, column=j, value=name)
    _sheet_rows(ws, ROWS, 4)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from conftest_formats import _pdf_style

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph(TITLE, _pdf_style()), _pdf_table(HEADER, ROWS)]
    )
    return buf.getvalue()


@pytest.fixture
def batch(tmp_path, monkeypatch) -> Path:
    """A folder as a CI job sees it, the working directory its root: a text plan with a
    Chinese name with spaces, a Word, an Excel and a PDF plan, and a file that cannot be read."""
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "司法局 分工方案 2024.md").write_text("\n\n" + PLAN, encoding="utf-8")
    (plans / "word plan.docx").write_bytes(_docx())
    (plans / "sheet.xlsx").write_bytes(_xlsx())
    (plans / "scan.pdf").write_bytes(_pdf())
    (plans / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return plans


def _check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout


@pytest.fixture
def sarif(batch) -> dict:
    code, out = _check("plans", "-f", "sarif")
    assert code == 2  # the broken file
    return json.loads(out)


# --- SARIF: the schema ---------------------------------------------------------------------------


def test_sarif_is_valid_against_the_official_schema(sarif):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_vendored_schema_names_its_source():
    readme = (SCHEMA.parent / "README.md").read_text(encoding="utf-8")
    assert "oasis-tcs/sarif-spec" in readme and SCHEMA.name in readme
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["title"].startswith("Static Analysis")


# --- SARIF: GitHub code scanning's rules, one test each ---------------------------------------------


def _run(sarif: dict) -> dict:
    return sarif["runs"][0]


def test_every_rule_has_help_text_and_markdown_and_descriptions(sarif):
    rules = _run(sarif)["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip(), rule["id"]
        assert rule["shortDescription"]["text"].strip(), rule["id"]
        assert rule["fullDescription"]["text"].strip(), rule["id"]


def test_every_result_names_a_rule_with_a_descriptor_including_input_errors(sarif):
    run = _run(sarif)
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    errors = [r for r in run["results"] if r["ruleId"] == "planlint/input-error"]
    assert len(errors) == 1 and "broken.docx" in errors[0]["message"]["text"]


def test_help_uri_when_the_pack_links_its_source(batch, tmp_path):
    core = (Path(load_pack("core").path)).read_text(encoding="utf-8")
    url = "https://www.gov.cn/zhengce/content/example.htm"
    linked = core.replace("pack: core", "pack: linked", 1).replace(
        "      section: 六、抓好工作落实\n",
        f"      section: 六、抓好工作落实\n      url: {url}\n",
        1,
    )
    assert linked.count(url) == 1
    (tmp_path / "linked.yaml").write_text(linked, encoding="utf-8")
    _, out = _check("plans", "-f", "sarif", "--pack", str(tmp_path / "linked.yaml"))
    rules = {r["id"]: r for r in _run(json.loads(out))["tool"]["driver"]["rules"]}
    with_uri = [r for r in rules.values() if "helpUri" in r]
    assert [r["helpUri"] for r in with_uri] == [url]
    assert f"]({url})" in with_uri[0]["help"]["markdown"]
    assert all("helpUri" not in r for r in rules.values() if not r["id"].startswith("linked/"))


def test_every_result_has_partial_fingerprints(sarif):
    results = _run(sarif)["results"]
    prints = [r["partialFingerprints"]["planlintFingerprint/v1"] for r in results]
    assert len(prints) == len(set(prints))
    assert all(re.fullmatch(r"[0-9a-f]{64}(:\d+)?", p) for p in prints)


def test_every_result_has_a_region_and_missing_is_at_the_title_line(sarif):
    results = _run(sarif)["results"]
    for result in results:
        (location,) = result["locations"]
        assert location["physicalLocation"]["region"]["startLine"] >= 1
    text = [
        r
        for r in results
        if unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).endswith(".md")
    ]
    missing = [r for r in text if r["properties"]["kind"] == "missing"]
    assert {r["ruleId"] for r in missing} == {"core/lookback", "core/task-ledger"}
    # two blank lines were put above the title: it is on line 3
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in missing} == {3}
    unassigned = next(r for r in text if r["properties"]["kind"] == "unassigned")
    region = unassigned["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == PLAN.splitlines().index(_row("6")) + 3
    assert region["startColumn"] >= 1


def _row(number: str) -> str:
    return next(line for line in PLAN.splitlines() if line.startswith(f"| {number} |"))


@pytest.mark.parametrize(
    ("suffix", "place"),
    [(".docx", r"table 1 row 3 cell \d"), (".xlsx", r"分工方案!C5"), (".pdf", r"page 1 line \d+")],
)
def test_document_results_have_a_region_and_a_logical_location(sarif, suffix, place):
    results = [
        r
        for r in _run(sarif)["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(suffix)
        and r["ruleId"] != "planlint/input-error"
    ]
    assert results
    for result in results:
        (location,) = result["locations"]
        assert location["physicalLocation"]["region"] == {"startLine": 1}
        (logical,) = location["logicalLocations"]
        assert logical["name"] and logical["fullyQualifiedName"]
    unassigned = [r for r in results if r["properties"].get("item") == "2"]
    assert unassigned, [r["message"]["text"] for r in results]
    name = unassigned[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    assert re.fullmatch(place, name), name


def test_file_uris_are_percent_encoded_and_relative_to_srcroot(sarif, batch):
    run = _run(sarif)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert quote("plans/司法局 分工方案 2024.md") in uris
    assert "plans/word%20plan.docx" in uris
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert re.fullmatch(r"[A-Za-z0-9\-._~/%]+", artifact["uri"]), artifact["uri"]
        assert (batch.parent / unquote(artifact["uri"])).exists()
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file:///") and root.endswith("/")


def test_sarif_speaks_english_with_lang_en(batch):
    _, out = _check("plans/司法局 分工方案 2024.md", "-f", "sarif", "--lang", "en")
    run = _run(json.loads(out))
    messages = [r["message"]["text"] for r in run["results"]]
    assert any(m.startswith("no item carries the requirement") for m in messages)
    lookback = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "core/lookback")
    assert lookback["help"]["text"].isascii() is False  # quotes the requirement as written
    assert "Source:" in lookback["help"]["text"]


# --- fingerprints ---------------------------------------------------------------------------------


def test_fingerprints_do_not_move_with_lines(tmp_path):
    pack = load_pack("core")
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    (before,) = check_files([path], [pack])
    path.write_text("\n\n\n\n注：本表根据上级要求编制。\n\n" + PLAN, encoding="utf-8")
    (after,) = check_files([path], [pack])
    assert [f.line for f in before.findings] != [f.line for f in after.findings]
    assert fingerprints(str(path), before.findings) == fingerprints(str(path), after.findings)
    assert len(set(fingerprints(str(path), after.findings))) == len(after.findings)


def test_fingerprints_depend_on_the_plan_not_how_its_path_is_written(tmp_path):
    pack = load_pack("core")
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    (result,) = check_files([path], [pack])
    finding = result.findings[0]
    assert fingerprint("plans/a.md", finding) == fingerprint("./plans/a.md", finding)
    assert fingerprint("plans/a.md", finding) == fingerprint("plans\\a.md", finding)
    assert fingerprint("plans/a.md", finding) != fingerprint("plans/b.md", finding)


def test_gitlab_and_sarif_fingerprints_survive_inserted_blank_lines(batch):
    path = batch / "司法局 分工方案 2024.md"

    def prints() -> tuple[list[str], list[str]]:
        _, sarif = _check(str(path.relative_to(batch.parent)), "-f", "sarif")
        _, gitlab = _check(str(path.relative_to(batch.parent)), "-f", "gitlab")
        return (
            [
                r["partialFingerprints"]["planlintFingerprint/v1"]
                for r in _run(json.loads(sarif))["results"]
            ],
            [i["fingerprint"] for i in json.loads(gitlab)],
        )

    before = prints()
    path.write_text("\n" * 7 + PLAN, encoding="utf-8")
    assert prints() == before


# --- GitHub workflow commands -------------------------------------------------------------------


_COMMAND = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def test_annotations_give_file_line_col_and_title(batch):
    _, out = _check("plans/司法局 分工方案 2024.md", "-f", "github")
    lines = out.strip().splitlines()
    assert lines
    for line in lines:
        m = _COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m[2].split(","))
        assert set(props) == {"file", "line", "col", "title"}
        assert props["file"] == "plans/司法局 分工方案 2024.md"
        assert int(props["line"]) >= 1 and int(props["col"]) >= 1
    missing = [line for line in lines if "core/lookback" in line]
    assert missing and ",line=3," in missing[0]


def test_workflow_command_values_are_escaped():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_a_file_name_cannot_forge_properties_or_commands(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    failure = Failure("a,line=99:b%.docx", "a,line=99:b%.docx: broken\n::error::forged")
    (line,) = render_github([failure]).splitlines()
    assert line.startswith("::error file=a%2Cline=99%3Ab%25.docx,line=1,col=1,")
    assert line.endswith("broken%0A::error::forged")


def test_annotations_are_capped_most_important_first_with_one_summary_notice(tmp_path):
    pack = load_pack("core")
    paths = []
    for n in range(6):
        path = tmp_path / f"plan{n}.md"
        path.write_text(PLAN, encoding="utf-8")
        paths.append(path)
    outcomes = [*check_files(paths, [pack]), *(Failure(f"bad{n}.docx", "broken") for n in range(3))]
    errors = sum(
        f.severity == "error" for o in outcomes if not isinstance(o, Failure) for f in o.findings
    )
    warnings = sum(
        f.severity == "warning" for o in outcomes if not isinstance(o, Failure) for f in o.findings
    )
    assert errors + 3 > PER_STEP and warnings > PER_STEP
    lines = render_github(outcomes).splitlines()
    kinds = [_COMMAND.match(line)[1] for line in lines]
    assert kinds.count("error") == PER_STEP and kinds.count("warning") == PER_STEP
    assert kinds.count("notice") <= PER_STEP
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    # input errors first, then missing requirements
    assert all("bad" in line for line in lines[:3])
    assert "未见落实要求" in lines[3]
    summary = lines[-1]
    assert summary.startswith("::notice title=planlint::另有 ")
    hidden = int(re.search(r"另有 (\d+) 条", summary)[1])
    assert hidden == errors + 3 + warnings - 2 * PER_STEP


def test_job_summary_is_appended_when_github_step_summary_is_set(batch, monkeypatch):
    summary = batch.parent / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _check("plans/司法局 分工方案 2024.md", "-f", "github")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n")
    assert "| 方案文件 |" in text and "<details>" in text


def test_no_job_summary_without_github_step_summary(batch, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out = _check("plans/司法局 分工方案 2024.md", "-f", "github")
    assert code == 1 and out.startswith("::error ")
    assert not list(batch.parent.glob("*.md"))


# --- JUnit ----------------------------------------------------------------------------------------


def test_junit_has_the_required_elements_and_counts(batch):
    _, out = _check("plans", "-f", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    for attr in ("name", "tests", "failures", "errors"):
        assert root.get(attr) is not None, attr
    suites = root.findall("testsuite")
    assert len(suites) == 5  # four plans and the broken file
    for suite in suites:
        for attr in ("name", "tests", "failures", "errors"):
            assert suite.get(attr) is not None, attr
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
        for case in cases:
            assert case.get("name") and case.get("classname")
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_one_case_per_requirement_failing_when_missing_or_unassigned(batch):
    _, out = _check("plans/司法局 分工方案 2024.md", "-f", "junit")
    (suite,) = ET.fromstring(out.encode("utf-8")).findall("testsuite")
    cases = {c.get("name").split(":")[0]: c for c in suite.findall("testcase")}
    assert len(cases) == len(load_pack("core").rules)
    failing = {
        name: c.find("failure") for name, c in cases.items() if c.find("failure") is not None
    }
    assert set(failing) == {"core/lookback", "core/task-ledger", "core/policy-interpretation"}
    assert failing["core/lookback"].get("message").startswith("未见落实要求")
    assert failing["core/policy-interpretation"].get("type") == "unassigned"


def test_junit_input_error_is_an_errored_suite(batch):
    _, out = _check("plans", "-f", "junit")
    suites = ET.fromstring(out.encode("utf-8")).findall("testsuite")
    broken = next(s for s in suites if s.get("name").endswith("broken.docx"))
    assert (broken.get("tests"), broken.get("errors"), broken.get("failures")) == ("1", "1", "0")
    (case,) = broken.findall("testcase")
    assert case.find("error").get("message")


# --- GitLab Code Quality ------------------------------------------------------------------------


def test_gitlab_code_quality_fields(batch):
    _, out = _check("plans", "-f", "gitlab")
    issues = json.loads(out)
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str)
        assert not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints))
    paths = {i["location"]["path"] for i in issues}
    assert "plans/司法局 分工方案 2024.md" in paths  # a path, not a URI
    assert any(i["severity"] == "blocker" for i in issues)  # the broken file


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_comment_has_the_summary_table_and_collapsed_plans(batch):
    _, out = _check("plans", "-f", "markdown")
    assert out.count("<details>") == 4 and out.count("</details>") == 4
    table = [line for line in out.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| 方案文件 |")
    assert any("broken.docx" in line and "无法读取" in line for line in table)


def test_markdown_escapes_plan_text():
    text = "a|b `code` <details> *x* [link](http://x) &amp;"
    escaped = md_escape(text)
    assert "|" not in escaped.replace("\\|", "")
    assert "`" not in escaped.replace("\\`", "")
    assert "<" not in escaped.replace("\\<", "")
    assert md_escape("第一行\n第二行") == "第一行 第二行"


def test_markdown_file_names_cannot_break_the_table_or_details(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "a|b`c<d>.md"
    (tmp_path / name).write_text(PLAN, encoding="utf-8")
    _, out = _check(name, "-f", "markdown")
    row = next(line for line in out.splitlines() if line.startswith("| a"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 9  # 8 columns
    assert "<d>" not in out and "&lt;d&gt;" in out


# --- concise ------------------------------------------------------------------------------------


def test_concise_is_one_line_per_finding(batch):
    _, out = _check("plans", "-f", "concise")
    _, doc = _check("plans", "-f", "json")
    data = json.loads(doc)
    count = sum(len(p["findings"]) for p in data["plans"]) + len(data["errors"])
    lines = out.strip().splitlines()
    assert len(lines) == count
    pattern = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|info) [a-z0-9-]+/[a-z0-9-]+ .+$")
    for line in lines:
        assert pattern.match(line), line
    assert any(
        line.startswith("plans/司法局 分工方案 2024.md:3:1: error core/lookback ") for line in lines
    )


def test_concise_in_english(batch):
    _, out = _check("plans/司法局 分工方案 2024.md", "-f", "concise", "--lang", "en")
    assert "error core/lookback no item carries the requirement" in out
