"""Panels that apps above the registry add to a member's record page (the hook of the layers rule): each is a
function (request, scope, member) -> rendered HTML or "" that an app registers in its AppConfig.ready()."""

from collections.abc import Callable

PANELS: list[Callable] = []


def register(panel: Callable) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def render_all(request, scope, member) -> list[str]:
    return [html for panel in PANELS if (html := panel(request, scope, member))]
