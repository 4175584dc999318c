"""The dependency order of the apps (DESIGN.md, "The write gate and the layers"): an app imports only from the
apps below it. The imports that break the order today are listed one by one as known debts to pay off; any new
one fails this test, so new code (the workflow apps above all) is born in the right shape."""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "dangvu"

# Bottom to top. Apps of the same level may not import one another either.
LEVELS = {
    "core": 0,
    "organizations": 1,
    "accounts": 1,
    "pgsearch": 1,
    "members": 2,
    "admission": 3,
    "work": 3,
    "staff": 3,  # staff: accounts, roles and the tree's import, for the office
    "reports": 4,
    "meetings": 5,
    "tasks": 5,
    "news": 5,
    "dues": 5,
    "transfers": 6,
    "rating": 6,  # a letter states the dues paid; a rating reads meetings, tasks and dues
    "records": 7,  # the member's official records and data health read transfers and the registry
    "demo": 8,
}

# (importing app, imported app, file): the order's known breaks, each to be removed rather than added to.
KNOWN = {
    # core holds the dashboard, the audit page and the menu's context, which read the apps above it.
    ("core", "accounts", "core/context_processors.py"),
    ("core", "accounts", "core/queries.py"),
    ("core", "accounts", "core/views.py"),
    ("core", "meetings", "core/context_processors.py"),
    ("core", "members", "core/queries.py"),
    ("core", "organizations", "core/queries.py"),
    # the scope is made of the tree's closure, and the tree's actions and pages check the scope.
    ("accounts", "organizations", "accounts/models.py"),
    ("accounts", "organizations", "accounts/scope.py"),
    ("organizations", "accounts", "organizations/actions.py"),
    ("organizations", "accounts", "organizations/queries.py"),
    ("organizations", "accounts", "organizations/views.py"),
    # the tree's actions move members and keep their counts; its pages count members.
    ("organizations", "members", "organizations/actions.py"),
    ("organizations", "members", "organizations/queries.py"),
    ("organizations", "members", "organizations/views.py"),
    # per-app demo builders that should live under demo/.
    ("admission", "demo", "admission/demo.py"),
    ("work", "demo", "work/demo.py"),
    ("meetings", "news", "meetings/demo.py"),
    ("meetings", "tasks", "meetings/demo.py"),
    # same-level neighbours that should talk through hooks.
    ("admission", "work", "admission/views.py"),
    ("meetings", "news", "meetings/views.py"),
    ("meetings", "tasks", "meetings/actions.py"),
    ("news", "meetings", "news/actions.py"),
    ("news", "meetings", "news/drafting.py"),
    ("news", "meetings", "news/views.py"),
    ("tasks", "meetings", "tasks/actions.py"),
    ("tasks", "meetings", "tasks/forms.py"),
    ("tasks", "meetings", "tasks/queries.py"),
    ("tasks", "meetings", "tasks/views.py"),
}


def imports() -> set[tuple[str, str, str]]:
    """(app, imported app, file) for every import of another app, at module level or inside a function."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE).parts
        if len(parts) < 2 or parts[0] not in LEVELS or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                bits = name.split(".")
                if bits[0] == "dangvu" and len(bits) > 1 and bits[1] in LEVELS and bits[1] != parts[0]:
                    found.add((parts[0], bits[1], "/".join(parts)))
    return found


def test_every_app_has_a_level():
    apps = {path.parent.name for path in SOURCE.glob("*/apps.py")}
    assert apps - set(LEVELS) == set()


def test_apps_import_only_from_below():
    breaks = {edge for edge in imports() if LEVELS[edge[1]] >= LEVELS[edge[0]]}
    new = sorted(breaks - KNOWN)
    listed = "; ".join(f"{a} → {b} in {f}" for a, b, f in new)
    assert new == [], f"imports against the layer order (DESIGN.md): {listed}"


def test_the_known_breaks_are_still_there():
    """A break that was paid off leaves the list, so the list never hides a new one of the same shape."""
    assert sorted(KNOWN - imports()) == []
