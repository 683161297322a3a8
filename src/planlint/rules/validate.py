"""A pack checked against the JSON Schema, the first problem told as ``rule ID: KEY: problem``.

jsonschema's own messages embed the whole offending value (``repr`` of a 79 KB string, of a list
of a thousand rules); here every value is shown clipped, every key in the path too, and the line
is cut at a fixed length, so a broken pack always reads as one short line.
"""

from __future__ import annotations

import itertools
from typing import Any

from planlint.errors import PackError
from planlint.rules.clip import name, one_line, show

_RANKED = 20
_JSON_TYPES = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (str, "text"),
    (list, "a list"),
    (dict, "a mapping"),
    (type(None), "null"),
)
_SCHEMA_TYPES = {
    "string": "text",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def validate(data: Any, path: str, schema: dict[str, Any]) -> None:
    """Raise PackError for the most relevant schema error of ``data``, if any."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    # The first few errors only (a pack of 30,000 broken rules is not ranked in full), and of
    # those the most relevant one in the first broken rule: the pack is fixed from the top.
    errors = list(itertools.islice(validator.iter_errors(data), _RANKED))
    if not errors:
        return
    first = list(errors[0].absolute_path)[:2]
    error = jsonschema.exceptions.best_match(
        e for e in errors if list(e.absolute_path)[:2] == first
    )
    where = list(error.absolute_path)
    rule = ""
    if len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
        rule = f"rule {_rule_name(data['rules'][where[1]], where[1])}: "
        where = where[2:]
    key = ".".join(name(part) for part in where) or ("" if rule else "(top level)")
    raise PackError(path, one_line(f"{rule}{key + ': ' if key else ''}{describe(error)}"))


def _rule_name(rule: Any, index: int) -> str:
    rid = rule.get("id") if isinstance(rule, dict) else None
    return name(rid) if rid else f"#{index + 1}"


def describe(error: Any) -> str:
    """What is wrong, in a few words, with the value shown clipped."""
    keyword, expected, value = error.validator, error.validator_value, error.instance
    if keyword == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_SCHEMA_TYPES.get(t, t) for t in wanted)
        return f"expected {words}, not {kind(value)} {show(value)}"
    if keyword == "enum":
        return f"{show(value)} is not one of {', '.join(map(str, expected))}"
    if keyword == "additionalProperties" and isinstance(value, dict):
        known = error.schema.get("properties", {})
        extra = [k for k in value if k not in known]
        shown = ", ".join(show(k) for k in extra[:3]) + (", ..." if len(extra) > 3 else "")
        return f"unknown key{'s' if len(extra) > 1 else ''} {shown}"
    if keyword == "pattern":
        return f"{show(value)} does not match {expected}"
    if keyword in ("oneOf", "anyOf"):
        hint = error.schema.get("description") or "any allowed form"
        return f"{show(value)} does not fit: {hint}"
    return error.message.replace(repr(value), show(value))


def kind(value: Any) -> str:
    return next((word for t, word in _JSON_TYPES if isinstance(value, t)), type(value).__name__)
