"""Where a key of a pack file stands: the line of a path (``rules.3.match.any.0.within``).

``planlint rules validate`` reports ``file:line: message``. The data a pack loads into has no
lines, so the file is composed once more (after it has passed yamlload's checks, so the same
bounds hold) and the path walked through the node tree.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from planlint.rules.yamlload import PackLoader


class Lines:
    """The node tree of one pack file, asked for the line of a path."""

    def __init__(self, text: str) -> None:
        loader = PackLoader(text)
        try:
            self.root = loader.get_single_node()
        except yaml.YAMLError:
            self.root = None
        finally:
            loader.dispose()

    def of(self, path: Sequence[str | int], key: bool = False) -> int | None:
        """The 1-based line of the value at ``path`` (of its key with ``key``), or of the
        deepest part of the path that exists; None for a file that did not compose."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in path:
            found = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        found, line = v, (k if key else v).start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part >= 0:
                found = node.value[part] if part < len(node.value) else None
                line = found.start_mark.line + 1 if found is not None else line
            if found is None:
                return line
            node = found
        return line
