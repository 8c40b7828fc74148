"""The demo's data files: fields in TOML between two ``+++`` lines, then an HTML body."""

import tomllib

DELIMITER = "+++\n"


class DemoContentError(ValueError):
    """A data file the loader cannot read, named in the message."""


def read_data_file(path):
    """``(fields, body)`` of the file at ``path``; TOML arrays come back as tuples."""
    text = path.read_text(encoding="utf-8")
    try:
        before, front_matter, body = text.split(DELIMITER, 2)
        if before:
            raise ValueError("the file must start with a +++ line")
        fields = {key: _immutable(value) for key, value in tomllib.loads(front_matter).items()}
    except (ValueError, tomllib.TOMLDecodeError) as problem:
        raise DemoContentError(f"{path.parent.name}/{path.name}: {problem}") from problem
    return fields, body


def _immutable(value):
    """TOML arrays as the tuples the frozen dataclasses hold, tables as dicts of them."""
    if isinstance(value, list):
        return tuple(_immutable(item) for item in value)
    if isinstance(value, dict):
        return {key: _immutable(item) for key, item in value.items()}
    return value
