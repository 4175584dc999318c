"""Who may manage accounts and grant which roles: the order of roles by breadth, and the roles a second
factor can be required of. Internal policy of the system, not a Party regulation."""

from dangvu.accounts.models import Role
from dangvu.accounts.scope import ROLE_CAPABILITIES

# Holders of these roles manage the accounts of their subtree (create, grant, end, reset, deactivate).
MANAGING_ROLES = (Role.ADMIN, Role.OFFICE)
# The breadth of a role: a granter never gives a role above their own, nor one with a capability they lack.
ROLE_RANK = {
    Role.ADMIN: 5,
    Role.OFFICE: 4,
    Role.INSPECTION: 3,
    Role.LEADER: 3,
    Role.CELL_SECRETARY: 2,
    Role.MEMBER: 1,
}
# An administrator may require a second factor of these roles (SecurityPolicy.require_otp_for_staff).
OTP_ROLES = (Role.ADMIN, Role.OFFICE)
# Length of a one-time password given by an administrator (letters and digits, no look-alikes).
ONE_TIME_PASSWORD_LENGTH = 12


def not_wider(granted: str, own: str) -> bool:
    """Whether `granted` is no wider than `own`: not above it, and needing no capability `own` lacks."""
    return ROLE_RANK[Role(granted)] <= ROLE_RANK[Role(own)] and (
        ROLE_CAPABILITIES[Role(granted)] <= ROLE_CAPABILITIES[Role(own)]
    )
