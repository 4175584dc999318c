"""Which kinds of organization exist on a date (core rules "organization.kinds") and which kinds stand
directly under which: the checks shared by the forms and the tree import."""

from datetime import date

from dangvu.core import rules as party_rules

from .models import Kind

# The kinds an organization of each kind may have directly under it (Điều lệ Đảng, Chương III).
CHILD_KINDS: dict[str, tuple[str, ...]] = {
    Kind.PROVINCE: (Kind.DISTRICT, Kind.COMMUNE, Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL),
    Kind.DISTRICT: (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL),
    Kind.COMMUNE: (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL, Kind.SUB_COMMITTEE, Kind.CELL),
    Kind.GRASSROOTS_COMMITTEE: (Kind.SUB_COMMITTEE, Kind.CELL),
    Kind.SUB_COMMITTEE: (Kind.CELL,),
    Kind.GRASSROOTS_CELL: (),
    Kind.CELL: (),
}
# Kinds that may stand at the top of an installation (the committee that installs the system).
ROOT_KINDS = (Kind.PROVINCE, Kind.DISTRICT, Kind.COMMUNE, Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)
COMMUNE_LEVEL_FROM = date(2025, 7, 1)
KIND_HELP = (
    "Loại tổ chức theo ngày thành lập: từ 01/07/2025 có đảng bộ xã, phường (trực thuộc tỉnh ủy) và không còn "
    "cấp huyện; trước ngày đó, đảng bộ xã, phường, thị trấn là đảng bộ cơ sở thuộc lĩnh vực "
    '"xã, phường, thị trấn".'
)


def kinds_on(on: date) -> tuple[str, ...]:
    """The kinds of organization that exist on a date."""
    return party_rules.param("organization.kinds", on)


def kind_errors(kind: str, on: date | None, parent_kind: str | None = None) -> list[str]:
    """Why an organization of `kind` cannot be established on `on` (under a parent of `parent_kind`)."""
    if kind not in Kind.values:
        return [f"Loại tổ chức '{kind}' không hợp lệ."]
    errors = []
    label = Kind(kind).label
    if on is not None and kind not in kinds_on(on):
        if kind == Kind.COMMUNE:
            errors.append(
                f"Loại '{label}' chỉ có từ 01/07/2025; trước ngày đó đảng bộ xã, phường, thị trấn là "
                "'Đảng bộ cơ sở' thuộc lĩnh vực 'Xã, phường, thị trấn'."
            )
        else:
            errors.append(f"Loại '{label}' không còn từ 01/07/2025 (không còn cấp huyện).")
    if parent_kind is not None and kind not in CHILD_KINDS.get(parent_kind, ()):
        errors.append(f"'{label}' không thể trực thuộc '{Kind(parent_kind).label}'.")
    return errors


def earliest_day(kind: str) -> date:
    """The first day an organization of this kind can have existed (for one existing before the system)."""
    return COMMUNE_LEVEL_FROM if kind == Kind.COMMUNE else party_rules.FAR_PAST
