"""Every indicator of the system, registered by key; importing this package registers them all."""

from . import registry_health, registry_members, registry_work  # noqa: F401
from .base import GROUPS, REGISTRY, Indicator, RecordRow

__all__ = ["GROUPS", "REGISTRY", "Indicator", "RecordRow"]
