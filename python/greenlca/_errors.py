"""Errors raised by the Python layer itself, with the same attributes as the extension's."""

from __future__ import annotations

from typing import Optional

from ._greenlca import GreenlcaError


def error(message: str, hint: str, kind: str = "value", entity: Optional[str] = None) -> GreenlcaError:
    """A GreenlcaError whose text is the command line's (`message`, then `  hint: ...`)."""
    e = GreenlcaError(f"{message}\n  hint: {hint}")
    e.kind, e.file, e.line, e.entity = kind, None, None, entity
    e.message, e.hint, e.count = message, hint, 1
    return e
