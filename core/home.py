"""Panels the apps add to the home page. `core` imports no app: an app registers a panel
function in its AppConfig.ready(); the home view asks each one. A panel returns None (nothing
to show this user) or a dict with the `template` to include and its context."""

PANELS = []


def register(panel):
    PANELS.append(panel)
    return panel


def panels_for(request) -> list[dict]:
    return [shown for shown in (panel(request) for panel in PANELS) if shown]
