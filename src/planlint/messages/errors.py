"""The error catalogue: every sentence a bad input, a bad pack or setting, or a bad flag is
said in, keyed by name (``_ERRORS``), with the tables a template may name as a format spec:
``{kind:kind}`` a file or value kind (``_KINDS``), ``{reason:os}`` an operating-system error
(``_OS``, filled by ``os_reason``). Raise sites name a key (``errors.py`` at the package's
top, ``Phrase``); ``language.error_text`` renders it; ``tests/test_language.py`` checks that
every key has both languages with the same fields and that every raise site names a key here.
Also the one line shown for a bug in planlint (``internal_error``).
"""

from __future__ import annotations

_INTERNAL = {
    "zh": "内部错误（{detail}）：这是 planlint 的缺陷，请报告（please report），加 --debug 可看到调用栈",
    "en": "internal error ({detail}): this is a bug in planlint, please report it; run with --debug for the traceback",
}


def internal_error(detail: str, lang: str = "zh") -> str:
    """The one line shown for an unexpected exception: it is planlint's fault, not the
    input's, and saying so (and how to get the traceback) is what lets it be reported."""
    return _INTERNAL.get(lang, _INTERNAL["zh"]).format(detail=detail)


_KINDS: dict[str, dict[str, str]] = {
    # file kinds (readers/sniff.py), for "not a … (content is …)"
    "docx": {"zh": "Word .docx 文件", "en": "Word .docx file"},
    "xlsx": {"zh": "Excel .xlsx 文件", "en": "Excel .xlsx file"},
    "doc": {"zh": "Word .doc 文件", "en": "Word .doc file"},
    "xls": {"zh": "Excel .xls 文件", "en": "Excel .xls file"},
    "wps": {"zh": "WPS .wps 文件", "en": "WPS .wps file"},
    "et": {"zh": "WPS .et 文件", "en": "WPS .et file"},
    "legacy-doc": {"zh": "旧版 Word .doc 文件", "en": "legacy Word .doc file"},
    "legacy-xls": {"zh": "旧版 Excel .xls 文件", "en": "legacy Excel .xls file"},
    "pdf": {"zh": "PDF 文件", "en": "PDF file"},
    "html": {"zh": "HTML 网页", "en": "HTML page"},
    "rtf": {"zh": "RTF 文件", "en": "RTF file"},
    "odf": {"zh": "OpenDocument 文件", "en": "OpenDocument file"},
    "zip": {"zh": "zip 压缩包", "en": "zip archive"},
    "ole2": {"zh": "OLE2 复合文档", "en": "OLE2 compound file"},
    "encrypted": {"zh": "加密的 Office 文件", "en": "password-protected Office file"},
    "text": {"zh": "文本文件", "en": "text file"},
    "markdown": {"zh": "Markdown 文件", "en": "Markdown file"},
    "csv": {"zh": "CSV 文件", "en": "CSV file"},
    "binary": {"zh": "二进制数据", "en": "binary data"},
    "plain-text": {"zh": "纯文本", "en": "plain text"},
    "unknown-binary": {"zh": "无法识别的二进制数据", "en": "unrecognised binary data"},
    "legacy-office": {"zh": "旧版 Office 文件", "en": "legacy Office file"},
    "converted-docx": {"zh": "转换所得的 Word 文档", "en": "converted Word document"},
    "converted-xlsx": {"zh": "转换所得的 Excel 工作簿", "en": "converted Excel workbook"},
    # what a path is when it is not a regular file (regularfile.py)
    "folder": {"zh": "文件夹", "en": "a folder"},
    "fifo": {"zh": "命名管道（FIFO）", "en": "a FIFO"},
    "char-device": {"zh": "字符设备", "en": "a character device"},
    "block-device": {"zh": "块设备", "en": "a block device"},
    "socket": {"zh": "套接字", "en": "a socket"},
    "symlink": {"zh": "符号链接", "en": "a symbolic link"},
    "irregular": {"zh": "非普通文件", "en": "not a regular file"},
    # kinds of values in a pack or a settings file (rules/validate.py, rules/yamlload.py)
    "json-boolean": {"zh": "布尔值", "en": "a boolean"},
    "json-integer": {"zh": "整数", "en": "an integer"},
    "json-number": {"zh": "数字", "en": "a number"},
    "json-text": {"zh": "文本", "en": "text"},
    "json-list": {"zh": "列表", "en": "a list"},
    "json-mapping": {"zh": "映射（键值表）", "en": "a mapping"},
    "json-null": {"zh": "空值 null", "en": "null"},
    "json-true-false": {"zh": "true 或 false", "en": "true or false"},
    "yaml-date": {"zh": "日期", "en": "a date"},
    "yaml-binary": {"zh": "二进制数据", "en": "binary data"},
    "yaml-set": {"zh": "集合", "en": "a set"},
    "yaml-omap": {"zh": "有序映射", "en": "an ordered map"},
    "yaml-pairs": {"zh": "键值对列表", "en": "a list of pairs"},
    "pack": {"zh": "规则包", "en": "pack"},
    "file": {"zh": "文件", "en": "file"},
    # what took too long (readers/limits.py time_limit)
    "reading-pdf": {"zh": "读取 PDF", "en": "reading the PDF"},
}

_OS: dict[str, dict[str, str]] = {
    "ENOENT": {"zh": "文件或文件夹不存在", "en": "no such file or folder"},
    "EACCES": {"zh": "没有权限", "en": "permission denied"},
    "EPERM": {"zh": "不允许此操作", "en": "operation not permitted"},
    "EISDIR": {"zh": "是文件夹", "en": "is a folder"},
    "ENOTDIR": {"zh": "路径中有一段不是文件夹", "en": "not a directory"},
    "ELOOP": {"zh": "符号链接循环", "en": "too many levels of symbolic links"},
    "ENAMETOOLONG": {"zh": "文件名过长", "en": "file name too long"},
    "ENOSPC": {"zh": "磁盘空间不足", "en": "no space left on device"},
    "EROFS": {"zh": "只读文件系统", "en": "read-only file system"},
    "EIO": {"zh": "输入/输出错误", "en": "input/output error"},
    "EEXIST": {"zh": "文件已存在", "en": "file exists"},
    "EMFILE": {"zh": "打开的文件过多", "en": "too many open files"},
    "ENXIO": {"zh": "设备或地址不存在", "en": "no such device or address"},
}


def os_reason(exc: OSError) -> str:
    """An OSError as a param for ``{reason:os}``: its errno's name when the catalogue knows it
    (said in the run's language), else the system's words in lower case."""
    import errno as _errno

    name = _errno.errorcode.get(exc.errno or 0, "")
    if name in _OS:
        return name
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


_ERRORS: dict[str, dict[str, str]] = {
    # readers/__init__.py: a plan file as a whole
    "empty-file": {"zh": "空文件", "en": "empty file"},
    "not-a-kind": {
        "zh": "不是{claimed:kind}（内容是{content:kind}）",
        "en": "not a {claimed:kind} (content is {content:kind})",
    },
    "nested-too-deeply": {
        "zh": "无法读取{kind:kind}：结构嵌套过深",
        "en": "cannot read {kind:kind}: structure nested too deeply",
    },
    "cannot-read-kind": {
        "zh": "无法读取{kind:kind}（{reason}）",
        "en": "cannot read {kind:kind}: {reason}",
    },
    "file-too-large": {
        "zh": "文件有 {size} 字节，超过上限 {limit} 字节",
        "en": "file is {size} bytes, larger than the limit of {limit}",
    },
    "input-too-large": {
        "zh": "输入超过上限 {limit} 字节",
        "en": "input is larger than the limit of {limit} bytes",
    },
    "too-many-chars": {
        "zh": "{kind:kind}的文字超过 {limit} 个字符",
        "en": "{kind:kind} holds more than {limit} characters",
    },
    "not-regular": {
        "zh": "是{what:kind}，不是普通文件",
        "en": "{what:kind}, not a regular file",
    },
    "os-error": {"zh": "{reason:os}", "en": "{reason:os}"},
    "encrypted-office": {
        "zh": "Office 文件有密码保护：请另存一份无密码的副本",
        "en": "password-protected Office file; save an unprotected copy",
    },
    "odf-unsupported": {
        "zh": "不支持 OpenDocument 文件：请另存为 .docx 或 .xlsx",
        "en": "OpenDocument files are not supported; save it as .docx or .xlsx",
    },
    "not-a-kind-zip": {
        "zh": "不是{claimed:kind}（内容是 zip 压缩包，其中没有 Word 或 Excel 文档）",
        "en": "not a {claimed:kind} (content is a zip archive with no Word or Excel part)",
    },
    "unsupported-zip": {
        "zh": "不支持的文件（内容是 zip 压缩包，其中没有 Word 或 Excel 文档）",
        "en": "unsupported file (content is a zip archive with no Word or Excel part)",
    },
    "unsupported-file": {
        "zh": "不支持的文件（内容是{content:kind}）",
        "en": "unsupported file (content is {content:kind})",
    },
    # readers/limits.py: a file past one of the reading limits, named so it can be raised
    "over-limit": {
        "zh": "{what}（限制 {limit}={value}）",
        "en": "{what} (limit {limit}={value})",
    },
    "took-too-long": {
        "zh": "{doing:kind}用时超过 {seconds} 秒（文件可能有异常）",
        "en": "{doing:kind} took longer than {seconds} s (pathological file?)",
    },
    # readers/docx.py, xlsx.py
    "list-number-too-large": {
        "zh": "Word .docx 文件的列表编号达到 {number}",
        "en": "Word .docx file numbers a list item {number}",
    },
    "docx-too-many-cells": {
        "zh": "Word .docx 文件第{table}表的单元格超过 {limit} 个",
        "en": "Word .docx table {table} has more than {limit} cells",
    },
    "sheet-too-many-values": {
        "zh": "工作表 {sheet} 中有值的单元格超过 {limit} 个",
        "en": "sheet {sheet} has more than {limit} cells with values",
    },
    "sheet-too-large": {
        "zh": "工作表 {sheet} 占 {area} 个单元格（{span}）",
        "en": "sheet {sheet} spans {area} cells ({span})",
    },
    # readers/pdf.py
    "pdf-no-pages": {
        "zh": "PDF 没有页面（文件可能已损坏）",
        "en": "PDF has no pages (damaged file?)",
    },
    "pdf-too-many-pages": {
        "zh": "PDF 有 {pages} 页，超过上限 {limit} 页",
        "en": "PDF has {pages} pages, more than the limit of {limit}",
    },
    "pdf-too-many-chars": {
        "zh": "PDF 的文字超过 {limit} 个字符（至第{page}页）",
        "en": "PDF holds more than {limit} characters (by page {page})",
    },
    "pdf-scanned": {
        "zh": "扫描版 PDF，没有文字层：请先做文字识别（OCR）",
        "en": "scanned PDF with no text layer; run OCR first",
    },
    "pdf-stream-bomb": {
        "zh": "PDF 第 {at} 字节处的数据流解压后超过 {limit} 字节（PDF 炸弹？）",
        "en": "PDF stream at byte {at} inflates to more than {limit} bytes (PDF bomb?)",
    },
    "pdf-streams-bomb": {
        "zh": "PDF 的数据流解压后超过 {limit} 字节（PDF 炸弹？）",
        "en": "PDF streams inflate to more than {limit} bytes (PDF bomb?)",
    },
    "pdf-page-too-large": {
        "zh": "PDF 第{page}页的内容超过 {limit} 字节",
        "en": "PDF page {page} has more than {limit} bytes of content",
    },
    "pdf-too-many-objects": {
        "zh": "PDF 第{page}页绘制的对象超过 {limit} 个",
        "en": "PDF page {page} draws more than {limit} objects",
    },
    "pdf-encrypted": {
        "zh": "PDF 有密码保护：请另存一份无密码的副本",
        "en": "password-protected PDF; save an unprotected copy",
    },
    "pdf-unreadable": {
        "zh": "无法读取 PDF 文件（{reason}）",
        "en": "cannot read PDF file: {reason}",
    },
    # readers/zipguard.py: a .docx/.xlsx container checked before any library opens it
    "zip-corrupt": {
        "zh": "{label:kind}已截断或损坏（{reason}）",
        "en": "truncated or corrupt {label:kind} ({reason})",
    },
    "zip-too-many-parts": {
        "zh": "{label:kind}有 {parts} 个部件，过多（zip 炸弹？）",
        "en": "{label:kind} has {parts} parts, too many (zip bomb?)",
    },
    "zip-encrypted": {
        "zh": "{label:kind}有密码保护（zip 部件已加密）",
        "en": "password-protected {label:kind} (encrypted zip member)",
    },
    "zip-method": {
        "zh": "{label:kind}的部件 {part} 使用了不支持的压缩方法 {method}",
        "en": "{label:kind} part {part} uses compression method {method}",
    },
    "zip-bad-header": {
        "zh": "{label:kind}已截断或损坏（部件头有误）",
        "en": "truncated or corrupt {label:kind} (bad local header)",
    },
    "zip-past-end": {
        "zh": "{label:kind}已截断或损坏（部件数据超出文件末尾）",
        "en": "truncated or corrupt {label:kind} (part data past the end)",
    },
    "zip-twin-parts": {
        "zh": "{label:kind}有两个同名部件 {part}（人为构造的 zip）",
        "en": "{label:kind} has two parts named {part} (crafted zip)",
    },
    "zip-overlap": {
        "zh": "{label:kind}的部件相互重叠（zip 炸弹？）",
        "en": "{label:kind} has overlapping parts (zip bomb?)",
    },
    "zip-inflates": {
        "zh": "{label:kind}解压后超过 {limit} 字节（zip 炸弹？）",
        "en": "{label:kind} inflates to more than {limit} bytes (zip bomb?)",
    },
    "zip-part-lies": {
        "zh": "{label:kind}的部件 {part} 解压后超过其声明的 {size} 字节（zip 炸弹？）",
        "en": "{label:kind} part {part} inflates to more than the {size} bytes it declares (zip bomb?)",
    },
    "zip-part-damaged": {
        "zh": "{label:kind}已截断或损坏（部件 {part} 已损坏）",
        "en": "truncated or corrupt {label:kind} (part {part} is damaged)",
    },
    "zip-ratio": {
        "zh": "{label:kind}的部件 {part} 压缩比为 {ratio}:1（zip 炸弹？）",
        "en": "{label:kind} part {part} is compressed {ratio}:1 (zip bomb?)",
    },
    "zip-dtd": {
        "zh": "{label:kind}的部件 {part} 声明了 DOCTYPE 或 ENTITY（XML 实体攻击？）",
        "en": "{label:kind} part {part} declares a DOCTYPE or ENTITY (XML entity attack?)",
    },
    "zip-xml-bytes": {
        "zh": "{label:kind}的 XML 超过 {limit} 字节",
        "en": "{label:kind} holds more than {limit} bytes of XML",
    },
    "zip-xml-nodes": {
        "zh": "{label:kind}的 XML 元素超过 {limit} 个",
        "en": "{label:kind} holds more than {limit} XML elements",
    },
    # readers/doc.py: a legacy Office file converted with LibreOffice
    "no-soffice": {
        "zh": "{what:kind}：请用 {app} 或 `soffice --headless --convert-to {target} {name}` 将其转换为 .{target}",
        "en": "{what:kind}: convert it to .{target} with {app} or `soffice --headless --convert-to {target} {name}`",
    },
    "convert-no-text": {
        "zh": "{what:kind}：LibreOffice 未能转换（转换所得的文件没有文字）",
        "en": "{what:kind}: LibreOffice could not convert it (the converted file has no text)",
    },
    "convert-failed": {
        "zh": "{what:kind}：LibreOffice 未能转换（{reason}）",
        "en": "{what:kind}: LibreOffice could not convert it ({reason})",
    },
    "converted-too-large": {
        "zh": "{what:kind}：转换所得的 .{target} 有 {size} 字节，超过上限 {limit} 字节",
        "en": "{what:kind}: the converted .{target} is {size} bytes, larger than the limit of {limit}",
    },
    "soffice-failed": {
        "zh": "{what:kind}：无法运行 soffice（{reason}）",
        "en": "{what:kind}: cannot run soffice: {reason}",
    },
    "convert-timeout": {
        "zh": "{what:kind}：LibreOffice 转换用时超过 {seconds} 秒",
        "en": "{what:kind}: LibreOffice took longer than {seconds} s to convert it",
    },
    # readers/text.py, decode.py; engine.py
    "broken-csv": {"zh": "CSV 格式有误（{reason}）", "en": "broken CSV: {reason}"},
    "binary-content": {
        "zh": "内容是二进制数据，不是文本格式的方案",
        "en": "binary content, not a text plan",
    },
    "unknown-encoding": {
        "zh": "无法识别文本编码（不是 UTF-8、UTF-16、GB18030 或 Big5）",
        "en": "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5)",
    },
    "no-items": {
        "zh": "未读出任何工作任务事项：不是工作方案，或是 planlint 无法读取的格式",
        "en": "no task items found: not a work plan, or a shape planlint cannot read",
    },
    # rules/validate.py: a pack against the JSON Schema, "rule ID: KEY: problem"
    "pack-schema": {"zh": "{where}{problem}", "en": "{where}{problem}"},
    "at-rule-key": {"zh": "规则 {rule}：{key}：", "en": "rule {rule}: {key}: "},
    "at-rule": {"zh": "规则 {rule}：", "en": "rule {rule}: "},
    "at-key": {"zh": "{key}：", "en": "{key}: "},
    "at-top": {"zh": "（顶层）：", "en": "(top level): "},
    "schema-type": {
        "zh": "应为{expected:kinds}，而不是{actual:kind} {value}",
        "en": "expected {expected:kinds}, not {actual:kind} {value}",
    },
    "schema-enum": {
        "zh": "{value} 不是可选值之一：{allowed}",
        "en": "{value} is not one of {allowed}",
    },
    "schema-unknown-key": {"zh": "未知的键 {keys}", "en": "unknown key {keys}"},
    "schema-unknown-keys": {"zh": "未知的键 {keys}", "en": "unknown keys {keys}"},
    "schema-pattern": {
        "zh": "{value} 不符合格式 {pattern}",
        "en": "{value} does not match {pattern}",
    },
    "schema-form": {
        "zh": "{value} 的写法不符合要求：{hint}",
        "en": "{value} does not fit: {hint}",
    },
    "schema-no-form": {
        "zh": "{value} 不符合任何允许的写法",
        "en": "{value} does not fit: any allowed form",
    },
    "schema-other": {"zh": "不符合规则包格式（{detail}）", "en": "{detail}"},
    "schema-required": {"zh": "缺少必需的键 {key}", "en": "{key} is a required property"},
    # rules/__init__.py: finding and building a pack
    "no-pack-file": {"zh": "规则包文件不存在", "en": "no such pack file"},
    "no-pack": {
        "zh": "没有这个规则包（内置规则包：{known}）",
        "en": "no such pack (built-in packs: {known})",
    },
    "no-such-pack": {"zh": "没有这个规则包", "en": "no such pack"},
    "pack-too-large": {
        "zh": "规则包过大（{size:,} 字节，上限 {limit:,}）",
        "en": "pack is too large ({size:,} bytes; the limit is {limit:,})",
    },
    "extends-no-pack": {
        "zh": "extends：没有规则包 {pack}（内置规则包：{known}）",
        "en": "extends: no such pack {pack} (built-in packs: {known})",
    },
    "year-setting": {
        "zh": "{value}：应为 auto、none 或年份（有年度规则包的年份：{years}）",
        "en": "{value}: expected auto, none or a year (years with a pack: {years})",
    },
    "year-no-pack": {
        "zh": "没有 {year} 年度规则包（有年度规则包的年份：{years}）",
        "en": "no year pack for {year} (years with a pack: {years})",
    },
    # rules/lint.py: planlint rules validate, what loading alone does not see
    "lint-duplicate-id": {
        "zh": "规则 {rule}：id：规则编号重复（首次出现在第 {first} 行）",
        "en": "rule {rule}: id: duplicate rule id (first at line {first})",
    },
    "lint-drop-without-extends": {
        "zh": "drop：没有 extends，无规则可删",
        "en": "drop: the pack extends nothing, so there is nothing to drop",
    },
    "lint-group-empty": {
        "zh": "规则 {rule}：第 {pattern} 个匹配式的词组 {group} 永远无法命中（规范化后为空）",
        "en": "rule {rule}: pattern {pattern}: the group {group} can never match (empty once normalised)",
    },
    "lint-group-excluded": {
        "zh": "规则 {rule}：第 {pattern} 个匹配式的词组 {group} 永远无法命中（每个词都被本规则的 exclude 遮蔽）",
        "en": "rule {rule}: pattern {pattern}: the group {group} can never match (every term is masked by the rule's exclude)",
    },
    "lint-group-vetoed": {
        "zh": "规则 {rule}：第 {pattern} 个匹配式的词组 {group} 永远无法命中（每个词都含本匹配式 none 中的否决词）",
        "en": "rule {rule}: pattern {pattern}: the group {group} can never match (every term holds a veto term of the pattern's none)",
    },
    "lint-window-long": {
        "zh": "规则 {rule}：within {within} 过长（上限 {limit}：命中词须在同一句内，更长的窗口没有约束作用）",
        "en": "rule {rule}: within {within} is too long (limit {limit}: hits lie in one sentence, a longer window constrains nothing)",
    },
    "lint-window-short": {
        "zh": "规则 {rule}：within {within} 过短，容不下各词组最短的词（至少 {need} 个字），永远无法命中",
        "en": "rule {rule}: within {within} is shorter than the shortest terms of its groups ({need} characters): it can never match",
    },
    "extends-cycle": {"zh": "extends：循环继承（{cycle}）", "en": "extends: a cycle ({cycle})"},
    "drop-no-rule": {
        "zh": "drop：{base} 中没有规则 {rule}",
        "en": "drop: {rule}: no such rule in {base}",
    },
    "duplicate-rule-id": {
        "zh": "规则 {rule}：id：规则编号重复",
        "en": "rule {rule}: id: duplicate rule id",
    },
    "too-many-rules": {
        "zh": "rules：共 {count} 条规则，上限 {limit} 条",
        "en": "rules: {count} rules; the limit is {limit}",
    },
    "unknown-synonym-set": {
        "zh": "规则 {rule}：match：未知的同义词组 {term}",
        "en": "rule {rule}: match: unknown synonym set {term}",
    },
    "typo-too-short": {
        "zh": "规则 {rule}：match：{term}：容错匹配的词至少需要 {min} 个字",
        "en": "rule {rule}: match: {term}: typo tolerance needs {min}+ characters",
    },
    "rule-problem": {"zh": "规则 {rule}：{detail}", "en": "rule {rule}: {detail}"},
    # rules/due.py: a due date no year has
    "due-no-such-day": {
        "zh": "规则 {rule}：due：{month}月没有{day}日",
        "en": "rule {rule}: due: month {month} has no day {day}",
    },
    # rules/yamlload.py: YAML read safely (packs, and YAML settings files through datafile.py)
    "not-utf8": {
        "zh": "{doc:kind}不是 UTF-8 文本（第 {at} 字节）",
        "en": "{doc:kind} is not UTF-8 text (byte {at})",
    },
    "yaml-key-not-text": {
        "zh": "第{line}行：键 {key} 不是文本（请加引号）",
        "en": "line {line}: key {key} is not text (quote it)",
    },
    "yaml-not-json": {
        "zh": "第{line}行：{doc:kind}中不能使用{what:kind}（{tag}）",
        "en": "line {line}: {what:kind} ({tag}) cannot be used in a {doc:kind}",
    },
    "yaml-duplicate-key": {
        "zh": "第{line}行：键 {key} 重复（首次出现在第{first}行）",
        "en": "line {line}: duplicate key {key} (first at line {first})",
    },
    "yaml-too-deep": {
        "zh": "第{line}行：嵌套超过 {limit} 层",
        "en": "line {line}: nested deeper than {limit} levels",
    },
    "yaml-alias-loop": {
        "zh": "第{line}行：别名 *{alias} 位于它所指的节点之内",
        "en": "line {line}: alias *{alias} is inside the node it names",
    },
    "yaml-alias-bomb": {
        "zh": "第{line}行：展开别名后{doc:kind}超过 {limit} 个字符（别名炸弹？）",
        "en": "line {line}: with its aliases expanded the {doc:kind} passes {limit} characters (an alias bomb?)",
    },
    "invalid-yaml": {"zh": "YAML 格式有误：{detail}", "en": "invalid YAML: {detail}"},
    "invalid-yaml-at": {
        "zh": "YAML 格式有误，第{line}行：{detail}",
        "en": "invalid YAML at line {line}: {detail}",
    },
    # datafile.py: a settings, waiver or baseline file read
    "data-too-large": {
        "zh": "文件过大（{size:,} 字节，上限 {limit:,}）",
        "en": "file is too large ({size:,} bytes; the limit is {limit:,})",
    },
    "data-not-utf8": {"zh": "不是 UTF-8 文本（第 {at} 字节）", "en": "not UTF-8 text (byte {at})"},
    "invalid-json": {"zh": "JSON 格式有误：{detail}", "en": "invalid JSON: {detail}"},
    "invalid-toml": {"zh": "TOML 格式有误：{detail}", "en": "invalid TOML: {detail}"},
    # config.py: the project's settings
    "isolated-with-config": {
        "zh": "不读取任何配置文件，不能与 --config 同时使用",
        "en": "reads no configuration; it cannot be used with --config",
    },
    "no-tool-table": {"zh": "没有 [tool.planlint] 表", "en": "no [tool.planlint] table"},
    "not-a-settings-table": {
        "zh": "应为设置表，而不是 {value}",
        "en": "expected a table of settings, not {value}",
    },
    "unknown-key-near": {
        "zh": "未知的设置项 {key}（是否想写 {near}？）",
        "en": "unknown key {key} (did you mean {near}?)",
    },
    "unknown-key": {
        "zh": "未知的设置项 {key}（可用的设置项：{known}）",
        "en": "unknown key {key} (known keys: {known})",
    },
    "not-texts": {
        "zh": "{key}：应为文本列表，而不是 {value}",
        "en": "{key}: expected a list of text, not {value}",
    },
    "not-a-table": {
        "zh": "{key}：应为表，而不是 {value}",
        "en": "{key}: expected a table, not {value}",
    },
    "not-a-name": {"zh": "{key}：{name} 不是名称", "en": "{key}: {name} is not a name"},
    "not-one-of": {
        "zh": "{key}：{value} 不是可选值之一：{allowed}",
        "en": "{key}: {value} is not one of {allowed}",
    },
    # policy.py, waivers.py, baseline.py
    "unknown-rule": {
        "zh": "未知的规则 {rule}（现有规则：{known}）",
        "en": "unknown rule {rule} (rules: {known})",
    },
    "unknown-rule-at": {
        "zh": "{key}：未知的规则 {rule}（现有规则：{known}）",
        "en": "{key}: unknown rule {rule} (rules: {known})",
    },
    "waiver-file-key": {
        "zh": "未知的键 {key}（豁免文件只含 `waivers`）",
        "en": "unknown key {key} (a waiver file holds `waivers`)",
    },
    "not-waivers": {
        "zh": "应为豁免条目的列表，而不是 {value}",
        "en": "expected a list of waivers, not {value}",
    },
    "not-a-waiver": {
        "zh": "应为含 {keys} 的表，而不是 {value}",
        "en": "expected a table with {keys}, not {value}",
    },
    "required-text": {"zh": "{key}：必填，须为文本", "en": "{key}: required, as text"},
    "waiver-no-reason": {
        "zh": "reason：豁免必须写明理由（为何接受这一问题）",
        "en": "reason: a waiver needs a written reason (why the finding is accepted)",
    },
    "not-a-date": {
        "zh": "{key}：{value} 不是 YYYY-MM-DD 格式的日期",
        "en": "{key}: {value} is not a date YYYY-MM-DD",
    },
    "baseline-unwritable": {
        "zh": "无法写入基线文件（{reason:os}）",
        "en": "cannot write the baseline: {reason:os}",
    },
    "not-a-baseline": {
        "zh": "不是 planlint 基线文件（用 --write-baseline 生成）",
        "en": "not a planlint baseline (write one with --write-baseline)",
    },
    "baseline-version": {
        "zh": "基线的指纹版本为 {theirs}，本版 planlint 为 {ours}：请用 --write-baseline 重新生成",
        "en": "written with fingerprints {theirs}, this planlint makes {ours}: write it again with --write-baseline",
    },
    "baseline-findings": {
        "zh": "findings：应为带指纹（fingerprint）的条目列表",
        "en": "findings: expected a list of entries with a fingerprint",
    },
    # engine.py: the folder search, and a file whose reader failed
    "internal-file": {
        "zh": "内部错误（{detail}）：这是 planlint 的缺陷，请报告",
        "en": "internal error ({detail}); please report it",
    },
    "crash-timeout": {
        "zh": "用时超过时间限制（{seconds} 秒；可用 --timeout 调高）",
        "en": "took longer than the time limit ({seconds} s; raise it with --timeout)",
    },
    "crash-memory": {
        "zh": "所需内存超过限制（{mb} MB；可用 --memory 调高）",
        "en": "needs more memory than the limit ({mb} MB; raise it with --memory)",
    },
    "crash-exit": {
        "zh": "读取进程意外退出（退出码 {code}）：请报告此问题",
        "en": "the reader stopped unexpectedly (exit code {code}); please report it",
    },
    "not-file-or-folder": {
        "zh": "是{what:kind}，不是文件或文件夹；未打开",
        "en": "{what:kind}, not a file or folder; not opened",
    },
    "folder-not-searched": {"zh": "未搜索该文件夹：{why}", "en": "folder not searched: {why}"},
    "link-searched": {
        "zh": "已跳过：这是指向 {target} 的链接，该文件夹已搜索过",
        "en": "skipped: a link to {target}, a folder already searched",
    },
    "skipped": {"zh": "已跳过：{why}；未打开", "en": "skipped: {why}; not opened"},
    "link-loop": {
        "zh": "符号链接循环（顺着它永远到不了文件）",
        "en": "a symbolic link loop (following it never reaches a file)",
    },
    "dangling-link": {
        "zh": "失效的符号链接（其目标 {target} 不存在）",
        "en": "a dangling symbolic link (its target {target} does not exist)",
    },
    "stdin-twice": {
        "zh": "标准输入（-）给了不止一次；它只能读一次",
        "en": "standard input given more than once; it is read once",
    },
    # readers/limits.py parse_limit: a bad --limit NAME=VALUE
    "limit-spec": {
        "zh": "应为 名称=值，名称为 {known} 之一，实际为 {spec}",
        "en": "expected NAME=VALUE with NAME one of {known}, got {spec}",
    },
    "limit-not-number": {"zh": "{name}：{value} 不是数字", "en": "{name}: {value} is not a number"},
    "limit-not-positive": {
        "zh": "{name}：必须大于 0，实际为 {value}",
        "en": "{name}: must be more than 0, got {value}",
    },
    # guard.py: the command line itself (click's usage errors, said from their attributes)
    "usage-help": {
        "zh": "{problem}（用法见 {command} -h）",
        "en": "{problem} (see {command} -h for the usage)",
    },
    "usage-no-such-option": {"zh": "没有选项 {option}", "en": "no such option {option}"},
    "usage-no-such-option-near": {
        "zh": "没有选项 {option}（是否想用 {near}？）",
        "en": "no such option {option} (did you mean {near}?)",
    },
    "usage-missing-option": {"zh": "缺少选项 {name}", "en": "missing option {name}"},
    "usage-missing-argument": {"zh": "缺少参数 {name}", "en": "missing argument {name}"},
    "usage-bad-value": {
        "zh": "{name} 的值无效：{message}",
        "en": "invalid value for {name}: {message}",
    },
    # cli.py: the commands' own refusals
    "stdin-name-alone": {
        "zh": "--stdin-filename 用于命名标准输入；要读取标准输入，请把 - 作为路径给出",
        "en": "--stdin-filename names standard input; give - as a path to read it",
    },
    "no-plans": {"zh": "没有找到方案文件", "en": "no plan files found"},
    "parse-format": {
        "zh": "--format {format} 只用于 check；parse 只输出 terminal 或 json",
        "en": "--format {format} is for check; parse writes terminal or json",
    },
    "step-summary": {
        "zh": "$GITHUB_STEP_SUMMARY：无法写入作业摘要（{reason:os}）",
        "en": "$GITHUB_STEP_SUMMARY: cannot write the job summary ({reason:os})",
    },
    # waivers.py, policy.py: notices at the end of a run (warnings and notes, not errors)
    "waiver-named": {
        "zh": "{where}（方案 {plan}，规则 {rule}）",
        "en": "{where} (plan {plan}, rule {rule})",
    },
    "waiver-expired": {
        "zh": "{waiver}：已于 {date} 过期，其豁免的问题重新报告（请更新日期和理由，或修改方案）",
        "en": "{waiver}: expired on {date}; its findings are reported again (renew it with a new date and reason, or fix the plans)",
    },
    "waiver-no-finding": {
        "zh": "{waiver}：在其指定的 {plans} 份方案中没有匹配到任何问题；请删除，或更正其规则",
        "en": "{waiver}: matched no finding in the {plans} plan(s) it names; remove it, or correct its rule",
    },
    "waiver-no-plan": {
        "zh": "{waiver}：本次检查的方案都不匹配；请删除，或更正其方案通配模式",
        "en": "{waiver}: matched no plan checked in this run; remove it, or correct its plan glob",
    },
    "waived-count": {
        "zh": "{count} 个问题已被豁免，未显示",
        "en": "{count} finding(s) accepted by waivers, not shown",
    },
    "baseline-written": {
        "zh": "{path}：已将 {count} 个问题记录为基线",
        "en": "{path}: {count} finding(s) recorded as the baseline",
    },
    "baseline-count": {
        "zh": "基线中已有 {known} 个问题，未显示；新问题 {new} 个",
        "en": "{known} finding(s) in the baseline, not shown; {new} new",
    },
}
