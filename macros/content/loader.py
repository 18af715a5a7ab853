"""Read YAML data files into typed models; any problem names the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from macros.errors import DataError, display_path

M = TypeVar("M", bound=BaseModel)
# libyaml's parser where PyYAML has it (its wheels do): the same safe loading, several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)




def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning syntax errors into a DataError that names the file."""
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.load(stream, Loader=SafeLoader)
    except FileNotFoundError as error:
        raise DataError(f"{display_path(path)}: file not found") from error
    except yaml.YAMLError as error:
        raise DataError(f"{display_path(path)}: not valid YAML: {error}") from error


def _describe(error: ValidationError, where: str) -> str:
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"{where}{'.' + field if field else ''}: {message}")
    return "\n".join(lines)


def entry_name(raw: Any, index: int) -> str:
    """How an entry is named in messages: its code or id, else its position."""
    if isinstance(raw, dict):
        for key in ("code", "id", "slug", "term"):
            if isinstance(raw.get(key), str) and raw[key].strip():
                return raw[key].strip()
    return f"entry {index + 1}"


def validate(model: type[M], raw: Any, path: Path, entry: str) -> M:
    """Validate one entry of a data file, raising a DataError naming file, entry and field."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise DataError(f"{display_path(path)}: {_describe(error, entry)}") from None


def load_list(path: Path, model: type[M]) -> list[M]:
    """Load a file holding a YAML list of entries of one model."""
    raw = read_yaml(path)
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{display_path(path)}: expected a non-empty list of entries")
    return [validate(model, item, path, entry_name(item, i)) for i, item in enumerate(raw)]


def load_one(path: Path, model: type[M]) -> M:
    """Load a file holding a single entry (a mapping) of one model."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(f"{display_path(path)}: expected a mapping")
    return validate(model, raw, path, entry_name(raw, 0))


def require_unique(keys: list[str], path: Path, what: str) -> None:
    """Stop on a key that two entries share."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise DataError(f"{display_path(path)}: {key}: duplicate {what}")
        seen.add(key)
