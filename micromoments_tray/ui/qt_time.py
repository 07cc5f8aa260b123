"""Python datetimes into Qt's, spelled out field by field (no reliance on binding conversions)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime


def to_qdatetime(wall: datetime) -> QDateTime:
    """A local QDateTime showing the same wall-clock date and time as `wall` (seconds kept)."""
    return QDateTime(
        QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute, wall.second)
    )
