"""``--help`` in Chinese: the command tree's texts, and the words typer and click add.

The English help stays where it is written, in cli.py's declarations. For Chinese, the click
command tree that ``typer.main.get_command`` built for this run is given the texts below,
looked up by command path and parameter name (``localise``); tests/test_helptext.py asserts that
every command and parameter has one, so an option cannot ship untranslated.

The words typer and click add themselves ("Usage:", "Options", "[default: …]", "Show this
message and exit.", and the sentences of a usage error) come from click's and typer's gettext
calls and from constants of ``typer.rich_utils``. ``speaking(lang)`` swaps those for the run
and puts them back after it: the console script (guard.py) uses it, a program that imports
planlint's modules never sees it.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable, Iterator

import click

# Commands by their path below ``planlint`` ("" is planlint itself); parameters as
# "path:name", or "*:name" for an option several commands share.
HELP_ZH: dict[str, str] = {
    "": "检查政务公开工作要点分工方案是否落实了应当落实的各项要求。",
    "*:version": "显示版本号。",
    ":debug": "出现内部错误时，同时显示调用栈。",
    ":lang": "帮助和错误信息的语言（默认：中文；英文环境变量下为英文）。",
    "check": (
        "检查方案：每项要求已落实、未明确责任还是缺失。\n\n"
        "退出码：0 没有达到 --fail-on 级别（默认 error）的问题，1 有这样的问题，"
        "2 用法或输入错误。"
    ),
    "check:paths": "方案文件或文件夹（递归搜索）；- 表示标准输入。",
    "check:pack": "规则包名称或 YAML 文件路径；可重复。默认：core。",
    "check:fmt": "输出格式（auto：终端上为 terminal，否则为 text）。",
    "check:explain": "列出每个命中的事项及其得分和命中词。",
    "check:output": "把报告写入 FILE（原子写入），而不是标准输出。",
    "check:config": "从 FILE 读取设置，而不是自动查找的配置文件。",
    "check:isolated": "不使用任何配置文件。",
    "check:select": "只检查这些规则（规则编号或 包/编号；逗号分隔或重复给出）。",
    "check:ignore": "不检查这些规则（规则编号或 包/编号；逗号分隔或重复给出）。",
    "check:fail_on": "有达到或高于此级别的问题时，退出码为 1。",
    "check:exit_zero": "即使有问题，退出码也为 0（错误仍为 2）。",
    "check:exclude": "搜索文件夹时跳过的通配模式（逗号分隔或重复给出）。",
    "check:waivers": "接受 FILE 中豁免的问题。",
    "check:baseline": "只报告 FILE（基线）中没有的问题。",
    "check:write_baseline": "把本次的问题记录到 FILE，作为基线。",
    "check:against": "对照这份上级文件（工作要点）的各项任务检查；--pack 可再加规则包。",
    "check:year": "年度规则包：auto（按方案的年度）、none（不用），或具体年份，如 2021。",
    "parse": (
        "显示读出的内容。各事项（序号、所属标题、内容、责任单位、完成时限、位置）"
        "以及未能归入事项的文字。文件无法读取时退出码为 2。"
    ),
    "parse:paths": "方案文件或文件夹（递归搜索）；- 表示标准输入。",
    "parse:fmt": "terminal 或 json。",
    "*:lang": "报告和错误信息的语言（默认：中文；英文环境变量下为英文）。",
    "*:max_size": "可接受的最大方案文件，单位 MB。",
    "*:jobs": "同时读取的文件数（0：每个 CPU 一个）。",
    "*:timeout": "读取一个文件最多可用的秒数，超时即放弃。",
    "*:memory": "读取一个文件最多可用的内存（MB）。",
    "*:limit": "修改一项读取限制（见 README“Limits”），如 max_cells=500000；可重复。",
    "*:stdin_filename": "从 -（标准输入）读取的方案的文件名。",
    "rules": "规则包：列出、显示规则、运行内嵌测试、校验规则包文件。",
    "rules list": "内置规则包：名称、版本、年度、规则数、所继承的规则包和标题。",
    "rules show": "显示一条规则：标题、说明、依据、匹配模式和内嵌测试。没有规则包含有该规则时退出码为 2。",
    "rules show:rule": "规则编号，或 包/编号。",
    "rules show:pack": "只在这个规则包（名称或 YAML 路径）中查找。",
    "rules test": (
        "运行规则包的内嵌测试（tests.match / tests.no_match）。全部通过时退出码为 0，"
        "有未通过的为 1，规则包无法加载时为 2。"
    ),
    "rules test:packs": "规则包名称或 YAML 文件路径（默认：全部内置规则包）。",
    "rules validate": (
        "检查规则包文件：先按格式（schema）校验，再查重复的规则编号、未知或循环的 extends、"
        "drop 了基础包中没有的规则、永远匹配不上的词组、过长或过短的距离窗口。"
        "每个问题一行，格式为 文件:行号: 说明；有问题时退出码为 2。"
    ),
    "rules validate:paths": "要检查的规则包文件。",
    "rules draft": (
        "从上级文件起草规则包：每项任务一条规则，附带加权的匹配词和取自文件原文的测试"
        "（见 README“Trace mode”）。文件无法读取时退出码为 2。"
    ),
    "rules draft:higher": "上级文件（工作要点），任意格式。",
    "rules draft:output": "把规则包写入 FILE，而不是标准输出。",
}

# The words click and typer add, by their gettext message ids (click/*.py, typer/*.py).
_CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已中止！",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想用以下之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一：{choices}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数值（{number_type}）。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} 不是有效的布尔值。可用的值：{states}"
    ),
    "Value must be an iterable.": "值必须是可迭代的。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    # typer.rich_utils constants (made at its import, so set by name below)
    "[default: {}]": "[默认：{}]",
    "[env var: {}]": "[环境变量：{}]",
    "[required]": "[必填]",
    "(deprecated) ": "（已弃用）",
    "Error": "错误",
    "Aborted.": "已中止。",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"
    ),
}

# Where click and typer call gettext: each module's own ``_`` / ``ngettext`` name.
_GETTEXT_MODULES = (
    "click.core",
    "click.exceptions",
    "click.parser",
    "click.types",
    "click.formatting",
    "click.decorators",
    "typer.core",
    "typer.main",
    "typer.rich_utils",
)
_RICH_CONSTANTS = (
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "DEPRECATED_STRING",
)
_METAVARS_ZH = {"options": "[选项]", "subcommand": "命令 [参数]..."}


def command_language(explicit: str | None) -> str:
    """The language of a command's run: its own ``--lang``, else the one given to planlint
    itself (``planlint --lang en check …``), else the locale (``messages.language``)."""
    from planlint.messages import language

    if explicit is None:
        ctx = click.get_current_context(silent=True)
        root = ctx.find_root() if ctx is not None else None
        given = root.params.get("lang") if root is not None else None
        explicit = getattr(given, "value", given)
    return language(explicit)


def with_version(root: click.Command, version: str) -> click.Command:
    """Every command of the tree given ``-V``/``--version`` (planlint's own declares it), so
    ``planlint check -V`` answers as ``planlint -V`` does."""

    def show(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            click.echo(f"planlint {version}")
            ctx.exit()

    for _, command in commands(root):
        if any("--version" in getattr(p, "opts", ()) for p in command.params):
            continue
        command.params.append(
            click.Option(
                ["--version", "-V"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=show,
                help="Show the version.",
            )
        )
    return root


def zh_help(path: str, param: str | None = None) -> str | None:
    """The Chinese help of a command (``path`` below planlint, "" for planlint itself) or of
    one of its parameters; None when there is none."""
    if param is None:
        return HELP_ZH.get(path)
    return HELP_ZH.get(f"{path}:{param}") or HELP_ZH.get(f"*:{param}")


def commands(root: click.Command, path: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command of the tree with its path below the root ("" for the root)."""
    yield path, root
    if isinstance(root, click.Group):
        for name, sub in root.commands.items():
            yield from commands(sub, f"{path} {name}".strip())


def localise(root: click.Command, lang: str) -> click.Command:
    """Give the command tree ``root`` (built for this run) its help in ``lang``; English is
    what cli.py declares, so only Chinese changes anything. A text missing from the
    catalogue keeps the English, never an empty line."""
    if lang != "zh":
        return root
    for path, command in commands(root):
        text = zh_help(path)
        if text:
            command.help = text
            command.short_help = text.split("\n", 1)[0].split("。", 1)[0]
        command.options_metavar = _METAVARS_ZH["options"]
        if isinstance(command, click.Group):
            command.subcommand_metavar = _METAVARS_ZH["subcommand"]
        for param in command.params:
            text = zh_help(path, param.name)
            if text and hasattr(param, "help"):
                param.help = text  # type: ignore[attr-defined]
    return root


def _zh_gettext(message: str) -> str:
    return _CLICK_ZH.get(message, message)


def _zh_ngettext(singular: str, plural: str, n: int) -> str:
    return _zh_gettext(singular if n == 1 else plural)


def _folding(make: Callable[..., object]) -> Callable[..., object]:
    """typer's help text maker, its text folded at the column's edge: rich breaks lines only
    at spaces, and a Chinese sentence has none, so it would be cut short with an ellipsis."""

    def make_folded(*args: object, **kwargs: object) -> object:
        made = make(*args, **kwargs)
        if hasattr(made, "overflow"):
            made.overflow = "fold"  # type: ignore[attr-defined]
        return made

    return make_folded


_RICH_UTILS = "typer.rich_utils"
Swap = Callable[[object, str, object], None]


def _speak_gettext(module: object, swap: Swap) -> None:
    if hasattr(module, "_"):
        swap(module, "_", _zh_gettext)
    if hasattr(module, "ngettext"):
        swap(module, "ngettext", _zh_ngettext)


def _speak_rich(rich_utils: object, swap: Swap) -> None:
    """typer's rich help in Chinese: its gettext, its constants, its text folded."""
    _speak_gettext(rich_utils, swap)
    for name in _RICH_CONSTANTS:
        if hasattr(rich_utils, name):
            swap(rich_utils, name, _zh_gettext(getattr(rich_utils, name)))
    if hasattr(rich_utils, "_make_rich_text"):
        swap(rich_utils, "_make_rich_text", _folding(rich_utils._make_rich_text))


def _speak_rich_on_help(swap: Swap) -> None:
    """``_speak_rich`` when typer first formats help (where it imports ``typer.rich_utils``):
    a check that shows no help never imports rich's help machinery at all."""
    try:
        core = importlib.import_module("typer.core")
    except ImportError:
        return
    spoken: list[bool] = []

    def first(original: Callable[..., object]) -> Callable[..., object]:
        def format_help(self: object, ctx: object, formatter: object) -> object:
            if not spoken:
                spoken.append(True)
                with contextlib.suppress(ImportError):
                    _speak_rich(importlib.import_module(_RICH_UTILS), swap)
            return original(self, ctx, formatter)

        return format_help

    for name in ("TyperCommand", "TyperGroup"):
        cls = getattr(core, name, None)
        if cls is not None and "format_help" in vars(cls):
            swap(cls, "format_help", first(vars(cls)["format_help"]))


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """For the duration of the block, click's and typer's own words in ``lang``: their
    gettext calls answered from the catalogue above and typer's help-panel constants set; all
    put back afterwards. English (their own language) changes nothing."""
    if lang != "zh":
        yield
        return
    saved: list[tuple[object, str, object]] = []

    def swap(module: object, name: str, value: object) -> None:
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, value)

    try:
        for module_name in _GETTEXT_MODULES:
            if module_name == _RICH_UTILS:
                continue  # below
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            _speak_gettext(module, swap)
        rich_utils = sys.modules.get(_RICH_UTILS)
        if rich_utils is not None:
            _speak_rich(rich_utils, swap)
        else:  # rich and its imports (a third of a cold start) only when help is shown
            _speak_rich_on_help(swap)
        yield
    finally:
        for module, name, value in reversed(saved):
            setattr(module, name, value)
