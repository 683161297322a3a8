"""The table plan of the trace examples (examples/trace/), written by python-docx.

青溪县 carries out 江岭省's 2025 key points (examples/trace/jiangling-2025-key-points.txt) in a
division table: some tasks reworded, two merged into one row, one split over two rows, four
dropped (一(一)3 免申即享, 一(二)3 解读效果评估, 二(一)3 生态环境, 四(三) 第三方评估) and two
local tasks added. ``TABLE_LINKS`` is the truth the trace tests hold the matcher to.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "青溪县2025年政务公开工作要点任务分工方案"
HEADER = ("序号", "工作任务", "责任单位", "完成时限")
ROWS = (
    (
        "依托县政府门户网站政策文件栏目，集中公开本县现行有效的行政规范性文件，做好与省政策文件库的数据对接。",
        "县司法局、县政府办",
        "2025年12月底前",
    ),
    (
        "对县级行政规范性文件开展清理“回头看”，失效、废止的文件作出标注，清理结果及时向社会公开。",
        "县司法局",
        "2025年9月底前",
    ),
    (
        "政策文件与解读材料同步起草、同步审签、同步发布，县政府部门主要负责同志带头解读重要政策；围绕群众关心的高频事项编制发布政策问答。",
        "县政府办、各相关部门",
        "持续推进",
    ),
    (
        "健全政务舆情监测研判回应机制，发生突发事件第一时间发布权威信息。",
        "县委宣传部、县政府办",
        "持续推进",
    ),
    ("县政府每季度至少召开1次新闻发布会。", "县委宣传部", "每季度"),
    (
        "公开义务教育招生入学政策和学区划分情况，招生结束后公开招生结果。",
        "县教育局",
        "2025年8月底前",
    ),
    ("公开养老服务机构名录及收费标准。", "县民政局", "2025年6月底前"),
    ("开展养老服务机构服务质量评估，公开评估结果。", "县民政局", "2025年11月底前"),
    ("公开重大建设项目审批、招标投标信息。", "县发展改革局", "持续推进"),
    ("公开重大建设项目征收补偿和竣工验收信息。", "县住房城乡建设局", "持续推进"),
    ("公开公共资源交易目录、交易过程和成交结果，推进交易全流程电子化。", "", "持续推进"),
    (
        "动态调整基层政务公开标准目录，在县乡两级政务服务中心设立政务公开专区。",
        "县政府办、各乡镇人民政府",
        "2025年12月底前",
    ),
    (
        "完善政府信息公开申请登记、审核、答复、归档台账，规范依申请公开办理。",
        "县政府办",
        "持续推进",
    ),
    (
        "开展政务新媒体常态化监测，清理整合“僵尸号”“空壳号”；按时发布上一年度政府信息公开工作年度报告。",
        "县政府办、县委网信办",
        "2025年1月31日前",
    ),
    ("县政府主要负责同志每年至少听取1次政务公开工作汇报。", "县政府办", "2025年12月底前"),
    (
        "组织全县政务公开业务培训，将政府信息公开条例纳入干部教育培训。",
        "县委组织部、县政府办",
        "2025年10月底前",
    ),
    (
        "做好乡村振兴衔接资金项目信息公开，在村务公开栏公示资金使用情况。",
        "县农业农村局",
        "持续推进",
    ),
    ("开展“政府开放日”活动，邀请群众代表走进县政府部门。", "县政府办", "2025年11月底前"),
)

# higher task -> the rows (序号) that carry it; tasks absent here are dropped on purpose
TABLE_LINKS = {
    "一(一)1": {"1"},
    "一(一)2": {"2"},
    "一(二)1": {"3"},
    "一(二)2": {"3"},
    "一(三)1": {"4"},
    "一(三)2": {"5"},
    "二(一)1": {"6"},
    "二(一)2": {"7", "8"},
    "二(二)1": {"9", "10"},
    "二(二)2": {"11"},
    "三(一)": {"12"},
    "三(二)": {"13"},
    "三(三)": {"14"},
    "三(四)": {"14"},
    "四(一)": {"15"},
    "四(二)": {"16"},
}
TABLE_DROPPED = {"一(一)3", "一(二)3", "二(一)3", "四(三)"}
TABLE_LOCAL = {"17", "18"}

# the prose plan (examples/trace/yunfeng-2025-key-points.txt): task -> its items
PROSE_LINKS = {
    "一(一)1": {"一(一)"},
    "一(一)2": {"一(一)"},
    "一(一)3": {"一(二)"},
    "一(二)1": {"一(三)"},
    "一(二)2": {"一(四)"},
    "一(二)3": {"一(五)"},
    "一(三)1": {"一(六)"},
    "二(一)2": {"二(一)"},
    "二(一)3": {"二(二)"},
    "二(二)1": {"二(三)"},
    "二(二)2": {"二(四)"},
    "三(一)": {"三(一)", "三(二)"},
    "三(二)": {"三(三)"},
    "三(三)": {"三(四)"},
    "四(一)": {"四(一)"},
    "四(二)": {"四(二)"},
    "四(三)": {"四(三)"},
}
PROSE_DROPPED = {"一(三)2", "二(一)1", "三(四)"}
PROSE_LOCAL = {"三(五)"}


def write_table_plan(path: Path) -> Path:
    """The 青溪县 division plan as a Word table, as an office would write it."""
    from docx import Document

    document = Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for n, row in enumerate(ROWS, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(n), *row), strict=True):
            cell.text = text
    document.save(str(path))
    return path
