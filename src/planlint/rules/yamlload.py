"""YAML for rule packs: safe types only, and bounded before anything is built.

PyYAML's SafeLoader already refuses Python objects, but it will still (a) build a "billion laughs"
document whose aliases expand to billions of nodes the moment anything walks it (JSON Schema, the
JSON cache), (b) compose and construct by recursion, so a pack nested thousands deep raises
RecursionError (or overflows the C stack in libyaml's composer), (c) keep the last of two equal
keys silently, and (d) accept keys that are not text (``1:``, ``on:``) and values JSON cannot hold
(dates, sets, binary).

So a pack is read twice. First its *event stream* is scanned, which libyaml produces iteratively:
nesting depth and the size the document would have with every alias expanded are counted as it
goes, so an alias bomb or a deep pack stops at the first event over the limit, in milliseconds.
Only then is it composed and constructed, by a SafeLoader whose mappings refuse duplicate and
non-text keys and whose types are limited to what JSON has.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

import yaml

from planlint.errors import PackError
from planlint.rules.clip import name, one_line, show
from planlint.rules.limits import PackLimits

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_NOT_JSON = {  # codes the error catalogue says in the run's language (messages._KINDS)
    _TIMESTAMP: "yaml-date",
    "tag:yaml.org,2002:binary": "yaml-binary",
    "tag:yaml.org,2002:set": "yaml-set",
    "tag:yaml.org,2002:omap": "yaml-omap",
    "tag:yaml.org,2002:pairs": "yaml-pairs",
}


class PackLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader for packs: text keys, each once per mapping; JSON types only.

    An unquoted date (``version: 2024-01-01``) stays text rather than becoming a date that JSON
    cannot hold; an explicit ``!!timestamp``, ``!!set``, ``!!binary`` … is refused.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            _refuse_duplicate_keys(node)
        mapping = super().construct_mapping(node, deep=deep)
        # node.value now also holds the pairs a ``<<`` merge brought in, each with its own line
        for key_node, _ in node.value:
            if not isinstance(self.construct_object(key_node), str):
                _refuse(key_node.start_mark, "yaml-key-not-text", key=_key_text(key_node))
        return mapping


def _refuse_not_json(loader: PackLoader, node: yaml.Node) -> None:
    what = _NOT_JSON.get(node.tag, node.tag)
    _refuse(node.start_mark, "yaml-not-json", what=what, tag=node.tag, doc="pack")


for _tag in _NOT_JSON:
    PackLoader.add_constructor(_tag, _refuse_not_json)


def _refuse(mark: yaml.Mark, problem: str, /, **params: object) -> NoReturn:
    raise PackError("", problem, line=mark.line + 1, **params)


def _key_text(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return show(node.value)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _refuse_duplicate_keys(node: yaml.MappingNode) -> None:
    """The pairs written in this mapping (not those a ``<<`` merge brings, which a written key
    may override) have distinct keys."""
    first: dict[tuple[str, str], int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
            continue
        ident = (key_node.tag, key_node.value)
        if ident in first:
            _refuse(
                key_node.start_mark,
                "yaml-duplicate-key",
                key=_key_text(key_node),
                first=first[ident],
            )
        first[ident] = key_node.start_mark.line + 1


def check_shape(text: str, limits: PackLimits) -> None:
    """Scan the event stream: refuse excess depth, alias expansion and self-containing aliases.

    Each open collection keeps [anchor, expanded size so far, height of its deepest child]. A
    finished anchored node records its expanded size and height, and an alias adds them to its
    parent, so what a bomb would expand to is known without expanding it.
    """
    loader = _BaseLoader(text)
    anchored: dict[str, tuple[int, int]] = {}
    stack: list[list[Any]] = []
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append([event.anchor, 1, 0])
                if len(stack) > limits.max_depth:
                    raise PackError("", "yaml-too-deep", line=line, limit=limits.max_depth)
                continue
            if isinstance(event, yaml.ScalarEvent):
                anchor, size, height = event.anchor, 1 + len(event.value), 0
            elif isinstance(event, yaml.AliasEvent):
                if any(frame[0] == event.anchor for frame in stack):
                    alias = name(event.anchor)
                    raise PackError("", "yaml-alias-loop", line=line, alias=alias)
                anchor = None
                size, height = anchored.get(event.anchor, (1, 0))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, size, height = stack.pop()
                height += 1
            else:
                continue
            if anchor is not None:
                anchored[anchor] = (size, height)
            if len(stack) + height > limits.max_depth:
                raise PackError("", "yaml-too-deep", line=line, limit=limits.max_depth)
            if stack:
                stack[-1][1] += size
                stack[-1][2] = max(stack[-1][2], height)
                size = stack[-1][1]
            else:
                total += size
                size = total
            if size > limits.max_expanded:
                raise PackError(
                    "", "yaml-alias-bomb", line=line, limit=f"{limits.max_expanded:,}", doc="pack"
                )
    finally:
        loader.dispose()


def load_yaml(path: str, raw: bytes, limits: PackLimits) -> Any:
    """The pack's data, or a one-line PackError naming the line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(path, "not-utf8", doc="pack", at=exc.start) from None
    try:
        check_shape(text, limits)
        loader = PackLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except PackError as exc:
        raise exc.at(path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if context and getattr(exc, "problem", None):
            problem = f"{context}, {problem}"
        if line is None:
            raise PackError(path, "invalid-yaml", detail=one_line(problem)) from None
        raise PackError(path, "invalid-yaml-at", line=line, detail=one_line(problem)) from None
