"""A pack checked against the JSON Schema, the first problem told as ``rule ID: KEY: problem``.

jsonschema's own messages embed the whole offending value (``repr`` of a 79 KB string, of a list
of a thousand rules); here every value is shown clipped, every key in the path too, and the line
is cut at a fixed length, so a broken pack always reads as one short line.
"""

from __future__ import annotations

import itertools
from typing import Any

from planlint.errors import PackError
from planlint.messages import Phrase
from planlint.rules.clip import name, one_line, show

_RANKED = 20
# the kinds of values, as codes the error catalogue says in the run's language (messages._KINDS)
_JSON_TYPES = (
    (bool, "json-boolean"),
    (int, "json-integer"),
    (float, "json-number"),
    (str, "json-text"),
    (list, "json-list"),
    (dict, "json-mapping"),
    (type(None), "json-null"),
)
_SCHEMA_TYPES = {
    "string": "json-text",
    "integer": "json-integer",
    "number": "json-number",
    "boolean": "json-true-false",
    "array": "json-list",
    "object": "json-mapping",
    "null": "json-null",
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
        rule = _rule_name(data["rules"][where[1]], where[1])
        where = where[2:]
    key = ".".join(name(part) for part in where)
    if rule:
        place: Phrase | str = (
            Phrase("at-rule-key", rule=rule, key=key) if key else Phrase("at-rule", rule=rule)
        )
    else:
        place = Phrase("at-key", key=key) if key else Phrase("at-top")
    raise PackError(path, "pack-schema", where=place, problem=describe(error))


def _rule_name(rule: Any, index: int) -> str:
    rid = rule.get("id") if isinstance(rule, dict) else None
    return name(rid) if rid else f"#{index + 1}"


def describe(error: Any) -> Phrase:
    """What is wrong, in a few words, with the value shown clipped."""
    keyword, expected, value = error.validator, error.validator_value, error.instance
    if keyword == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        words = tuple(_SCHEMA_TYPES.get(t, t) for t in wanted)
        return Phrase("schema-type", expected=words, actual=kind(value), value=show(value))
    if keyword == "enum":
        return Phrase("schema-enum", value=show(value), allowed=", ".join(map(str, expected)))
    if keyword == "additionalProperties" and isinstance(value, dict):
        known = error.schema.get("properties", {})
        extra = [k for k in value if k not in known]
        shown = ", ".join(show(k) for k in extra[:3]) + (", ..." if len(extra) > 3 else "")
        return Phrase("schema-unknown-keys" if len(extra) > 1 else "schema-unknown-key", keys=shown)
    if keyword == "required" and isinstance(value, dict):
        missing = next((k for k in expected if k not in value), None)
        if missing is not None:
            return Phrase("schema-required", key=repr(missing))
    if keyword == "pattern":
        return Phrase("schema-pattern", value=show(value), pattern=expected)
    if keyword in ("oneOf", "anyOf"):
        hint = error.schema.get("description")
        if not hint:
            return Phrase("schema-no-form", value=show(value))
        return Phrase("schema-form", value=show(value), hint=hint)
    return Phrase("schema-other", detail=one_line(error.message.replace(repr(value), show(value))))


def kind(value: Any) -> str:
    return next((word for t, word in _JSON_TYPES if isinstance(value, t)), type(value).__name__)
