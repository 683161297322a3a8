"""Chinese first: help and every error message in Chinese, English with ``--lang en`` or an
English locale (README "Language").

The catalogue tests keep it so: every error key has both languages with the same fields, every
raise site names a key the catalogue has, and every command and parameter has Chinese help.
The command-line tests run the real console script in a child process, under a locale set
here, as a user runs it.
"""

from __future__ import annotations

import ast
import io
import os
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planlint import __version__, messages
from planlint.cli import command_tree
from planlint.helptext import HELP_ZH, commands, zh_help
from planlint.messages import language

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "planlint"
PLAN = ROOT / "examples" / "prose-key-points.txt"

# --- the catalogues ----------------------------------------------------------------------------


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("table", ["_ERRORS", "_KINDS", "_OS"])
def test_every_entry_has_chinese_and_english_with_the_same_fields(table):
    for key, entry in getattr(messages, table).items():
        assert entry.get("zh") and entry.get("en"), key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key


# Calls whose argument names an error key: the error classes (key second), Phrase and
# error_text (key first), yamlload's _refuse (key second).
_KEY_AT = {
    "PlanlintError": 1,
    "ReadError": 1,
    "PackError": 1,
    "ConfigError": 1,
    "Phrase": 0,
    "error_text": 0,
    "_refuse": 1,
}
# Functions that pass on a key made elsewhere (a variable, not a literal), by file and name.
_FORWARDING = {
    ("errors.py", "phrase"),
    ("errors.py", "problem"),
    ("errors.py", "at"),
    ("errors.py", "_rebuild"),
    ("language.py", "render"),  # messages/language.py: Phrase.render
    ("language.py", "_phrase"),
    ("engine.py", "_failed"),
    ("datafile.py", "read_data"),
    ("guard.py", "usage_line"),
    ("yamlload.py", "_refuse"),
    ("lint.py", "_rule_problems"),
}


def _key_literals(node: ast.expr) -> list[str] | None:
    """The keys a call's key argument can be: its literal(s), or None when it is computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _key_literals(node.body), _key_literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _calls(node: ast.AST, function: str):
    """Every call under ``node``, with the name of the function it is written in."""
    for child in ast.iter_child_nodes(node):
        inner = (
            child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
        )
        if isinstance(child, ast.Call):
            yield child, function
        yield from _calls(child, inner)


def _raise_sites():
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, function in _calls(tree, ""):
            func = node.func
            called = getattr(func, "id", None) or getattr(func, "attr", None)
            at = _KEY_AT.get(called)
            if at is None or len(node.args) <= at:
                continue
            yield path, function, node.lineno, node.args[at]


def test_every_raise_site_names_a_key_of_the_catalogue():
    unknown, computed = [], []
    for path, function, line, arg in _raise_sites():
        keys = _key_literals(arg)
        if keys is None:
            if (path.name, function) not in _FORWARDING:
                computed.append(f"{path.relative_to(SRC)}:{line} {ast.unparse(arg)}")
            continue
        unknown += [
            f"{path.relative_to(SRC)}:{line} {k}" for k in keys if k not in messages._ERRORS
        ]
    assert not unknown, f"keys not in messages._ERRORS (add zh and en): {unknown}"
    assert not computed, f"a key that is neither a literal nor forwarded: {computed}"


def test_a_key_outside_the_catalogue_is_shown_as_written():
    assert messages.error_text("some text written before the catalogue") == (
        "some text written before the catalogue"
    )


def test_errors_travel_whole_between_processes():
    import pickle

    from planlint.errors import ReadError
    from planlint.messages import Phrase

    error = ReadError("a.pdf", "over-limit", what=Phrase("pdf-no-pages"), limit="x", value="1")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ReadError and again.render("en") == error.render("en")
    assert again.render() == "a.pdf: PDF 没有页面（文件可能已损坏）（限制 x=1）"


def test_help_names_every_command_and_parameter_in_chinese():
    missing = []
    for path, command in commands(command_tree()):
        if not zh_help(path):
            missing.append(path or "planlint")
        for param in command.params:
            if not zh_help(path, param.name):
                missing.append(f"{path or 'planlint'} {param.name}")
    assert not missing, f"add to helptext.HELP_ZH: {missing}"


def test_help_catalogue_has_no_entry_for_a_command_that_is_gone():
    tree = dict(commands(command_tree()))
    names = {(path, p.name) for path, command in tree.items() for p in command.params}
    shared = {name for _, name in names}
    for key in HELP_ZH:
        path, _, param = key.partition(":")
        if path == "*":
            assert param in shared, key
        elif param:
            assert (path, param) in names, key
        else:
            assert path in tree, key


# --- where the language comes from -------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        (None, {}, "zh"),
        (None, {"LANG": "C.UTF-8"}, "zh"),
        (None, {"LANG": "C"}, "zh"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "en"}, "en"),
        (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"}, "zh"),
        (None, {"LANG": "en_US.UTF-8", "LC_ALL": ""}, "en"),
        ("zh", {"LANG": "en_US.UTF-8"}, "zh"),
        ("en", {}, "en"),
        ("fr", {}, "zh"),
    ],
)
def test_language_is_the_flag_else_the_locale_else_chinese(explicit, env, expected):
    assert language(explicit, env) == expected


# --- the real command line ---------------------------------------------------------------------


def planlint(*args: str, locale: str = "C.UTF-8", cwd: Path | None = None):
    """The console script in a child process under ``LANG=locale`` (no LC_* set)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=locale, PYTHONIOENCODING="utf-8", COLUMNS="100", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "planlint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
    )


_ENGLISH_HELP = ("Usage:", "Options", "Show this message and exit.", "[default:")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["check", "-h"], ["parse", "--help"]])
def test_help_is_chinese_by_default(args):
    done = planlint(*args)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "用法：" in out and "选项" in out and "显示本帮助并退出。" in out
    assert not [word for word in _ENGLISH_HELP if word in out], out
    if args[0] == "check":
        assert "检查方案" in out and "参数" in out and "[默认：" in out
        flat = "".join(line.strip(" │") for line in out.splitlines())
        assert "文件路径；可重复。" in flat  # an option's own help
    if args[0] in ("-h", "--help"):
        assert "命令" in out and "check" in out


@pytest.mark.parametrize(
    ("args", "locale"),
    [
        (["--lang", "en", "--help"], "C.UTF-8"),
        (["--help", "--lang", "en"], "C.UTF-8"),
        (["check", "-h", "--lang", "en"], "C.UTF-8"),
        (["check", "--lang=en", "-h"], "C.UTF-8"),
        (["check", "-h"], "en_US.UTF-8"),
        (["-h"], "en_US.UTF-8"),
    ],
)
def test_help_is_english_with_lang_en_or_an_english_locale(args, locale):
    done = planlint(*args, locale=locale)
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "Show this message and exit." in done.stdout
    assert "用法" not in done.stdout and "选项" not in done.stdout


@pytest.mark.parametrize("command", [[], ["rules"]])
def test_no_arguments_show_the_help_and_nothing_else(command):
    done = planlint(*command)
    assert done.returncode == 2 and done.stderr == ""
    assert "用法：" in done.stdout and "命令" in done.stdout


def test_chinese_help_is_not_cut_short():
    """rich breaks lines at spaces only; a Chinese sentence must still be shown whole."""
    done = planlint("check", "-h")
    flat = "".join(line.strip(" │") for line in done.stdout.splitlines())
    assert "…" not in done.stdout
    assert "搜索文件夹时跳过的通配模式（逗号分隔或重复给出）。" in flat


@pytest.mark.parametrize("command", [[], ["check"], ["parse"], ["rules"], ["rules", "list"]])
@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_on_every_command(command, flag):
    done = planlint(*command, flag)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"planlint {__version__}"


def _one_error(done: subprocess.CompletedProcess, *, lang: str = "zh") -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    prefix = "planlint: 错误: " if lang == "zh" else "planlint: error: "
    assert lines[0].startswith(prefix), lines[0]
    return lines[0][len(prefix) :]


def _corrupt_docx(folder: Path) -> Path:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>" * 200)
    path = folder / "损坏的方案.docx"
    path.write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    return path


def _bad_pack(folder: Path) -> Path:
    path = folder / "bad.yaml"
    path.write_text(
        "pack: bad\nrules:\n  - id: x\n    title: t\n    severity: loud\n"
        "    match: {any: [{all: [a]}]}\n",
        encoding="utf-8",
    )
    return path


def _bad_config(folder: Path) -> Path:
    path = folder / "planlint.toml"
    path.write_text('fial-on = "warning"\n', encoding="utf-8")
    return path


def test_a_missing_file_is_one_chinese_line(tmp_path):
    line = _one_error(planlint("check", "缺失的方案.docx", cwd=tmp_path))
    assert line == "缺失的方案.docx: 文件或文件夹不存在"
    line = _one_error(planlint("check", "缺失的方案.docx", "--lang", "en", cwd=tmp_path), lang="en")
    assert line == "缺失的方案.docx: no such file or folder"
    english = planlint("check", "缺失的方案.docx", locale="en_US.UTF-8", cwd=tmp_path)
    assert _one_error(english, lang="en") == "缺失的方案.docx: no such file or folder"


def test_a_corrupt_docx_is_one_chinese_line(tmp_path):
    path = _corrupt_docx(tmp_path)
    line = _one_error(planlint("check", str(path)))
    assert line.startswith(f"{path}: Word .docx 文件已截断或损坏（"), line
    line = _one_error(planlint("parse", str(path), "--lang", "en"), lang="en")
    assert line.startswith(f"{path}: truncated or corrupt Word .docx file ("), line


def test_a_bad_pack_is_one_chinese_line(tmp_path):
    pack = _bad_pack(tmp_path)
    line = _one_error(planlint("check", str(PLAN), "--pack", str(pack)))
    assert line == f"{pack}: 规则 x：severity：'loud' 不是可选值之一：error, warning, info"
    line = _one_error(planlint("check", str(PLAN), "--pack", str(pack), "--lang", "en"), lang="en")
    assert line == f"{pack}: rule x: severity: 'loud' is not one of error, warning, info"


def test_a_bad_config_is_one_chinese_line(tmp_path):
    config = _bad_config(tmp_path)
    line = _one_error(planlint("check", str(PLAN), "--config", str(config)))
    assert line == f"{config}: 未知的设置项 fial-on（是否想写 fail-on？）"
    found = _one_error(planlint("--lang", "en", "check", str(PLAN), cwd=tmp_path), lang="en")
    assert found == "planlint.toml: unknown key fial-on (did you mean fail-on?)"


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["check", "--frmat", "json", "x.docx"],
            "没有选项 --frmat（是否想用 --format？）（用法见 planlint check -h）",
            "no such option --frmat (did you mean --format?) (see planlint check -h for the usage)",
        ),
        (
            ["check"],
            "缺少参数 'PATHS...'（用法见 planlint check -h）",
            "missing argument 'PATHS...' (see planlint check -h for the usage)",
        ),
        (["nosuch"], "没有命令 'nosuch'。（用法见 planlint -h）", "No such command 'nosuch'."),
        (
            ["check", "x.docx", "--format", "nope"],
            "'--format' / '-f' 的值无效：'nope' 不是",
            "'nope' is not",
        ),
        (
            ["check", "x.docx", "--jobs", "-3"],
            "'--jobs' / '-j' 的值无效：-3 不在范围",
            "not in the range",
        ),
        (
            ["check", "x.docx", "--limit", "max_cells=x"],
            "max_cells：'x' 不是数字",
            "'x' is not a number",
        ),
        (["check", "x.docx", "--pack"], "选项 '--pack' 需要一个值。", "requires an argument"),
    ],
)
def test_a_usage_error_is_one_line_in_the_run_language(tmp_path, args, zh, en):
    assert zh in _one_error(planlint(*args, cwd=tmp_path))
    assert en in _one_error(planlint("--lang", "en", *args, cwd=tmp_path), lang="en")
    assert en in _one_error(planlint(*args, locale="en_US.UTF-8", cwd=tmp_path), lang="en")


def test_an_english_locale_also_gives_an_english_report(tmp_path):
    done = planlint("check", str(PLAN), "--format", "text", locale="en_US.UTF-8")
    assert done.returncode in (0, 1), done.stderr
    assert "covered" in done.stdout or "missing" in done.stdout


def test_the_swap_of_click_words_is_undone_after_the_run(capsys):
    """The Chinese of click and typer is set for the console script's run only: a program
    using planlint's modules (or click) afterwards sees click as it was."""
    import gettext

    import click.core
    from typer import rich_utils

    from planlint.guard import run

    assert run(command_tree(), ["check", "-h"]) == 0
    assert "用法" in capsys.readouterr().out
    assert click.core._ is gettext.gettext
    assert rich_utils.OPTIONS_PANEL_TITLE == "Options"
    assert click.Command("x").get_help_option(click.Context(click.Command("x"))).help == (
        "Show this message and exit."
    )
