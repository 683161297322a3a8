"""Text plans in every encoding they arrive in, and files that are not text at all."""

from __future__ import annotations

import codecs

import pytest

from planlint.errors import ReadError
from planlint.parse import parse
from planlint.readers import read_document

TEXT = """某县教育局2024年政务公开工作要点

一、加强政策解读
（一）落实政策解读“三同步”。政策文件与解读材料同步发布。
（二）加强政务舆情回应。及时回应社会关切。
"""


def _items(path):
    return [(i.id, i.text) for i in parse(read_document(path)).items]


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be"],
)
def test_every_encoding_reads_the_same(tmp_path, encoded):
    path = tmp_path / "plan.txt"
    path.write_bytes(encoded)
    assert _items(path) == [
        ("一(一)", "落实政策解读“三同步”。政策文件与解读材料同步发布。"),
        ("一(二)", "加强政务舆情回应。及时回应社会关切。"),
    ]


def test_binary_content_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 200)
    with pytest.raises(ReadError, match=r"plan\.txt"):
        read_document(path)


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode() * 10)
    with pytest.raises(ReadError, match="超过上限"):
        read_document(path, max_bytes=100)
