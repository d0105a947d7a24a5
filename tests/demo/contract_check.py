"""Reading a CSV and listing every way its rows break a contract (shared by the data tests)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from impact.contracts import NULL_STRINGS, Contract


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _type_ok(kind: str, text: str) -> bool:
    try:
        if kind == "DATE":
            date.fromisoformat(text)
        elif kind == "DOUBLE":
            float(text)
        elif kind == "INTEGER":
            int(text)
        elif kind == "BOOLEAN":
            return text.lower() in ("true", "false")
    except ValueError:
        return False
    return True


def contract_errors(contract: Contract, rows: list[dict[str, str]]) -> list[str]:
    """Every way ``rows`` break ``contract``: blanks, types, enums, bounds, patterns, keys."""
    errors: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for line, row in enumerate(rows, start=2):
        for col in contract.columns:
            text = (row.get(col.name) or "").strip()
            if text in NULL_STRINGS:
                if col.required:
                    errors.append(f"line {line}: {col.name} is blank")
                continue
            if not _type_ok(col.type, text):
                errors.append(f"line {line}: {col.name}={text!r} is not {col.type}")
                continue
            if col.enum and text not in col.enum:
                errors.append(f"line {line}: {col.name}={text!r} not allowed")
            if col.minimum is not None and float(text) < col.minimum:
                errors.append(f"line {line}: {col.name}={text} below {col.minimum}")
            if col.maximum is not None and float(text) > col.maximum:
                errors.append(f"line {line}: {col.name}={text} above {col.maximum}")
            if col.pattern and not re.fullmatch(col.pattern, text):
                errors.append(f"line {line}: {col.name}={text!r} breaks {col.pattern}")
        key = tuple((row.get(k) or "").strip() for k in contract.key)
        if key in seen:
            errors.append(f"line {line}: duplicate key {key}")
        seen.add(key)
    return errors
