"""Bar charts as inline SVG built on the server: no script, no external library, and no style
attributes (the CSP forbids them) — only SVG presentation attributes and classes of app.css."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 260
BAR_WIDTH = 420
PALETTE = ("#a50e0e", "#1a5fb4", "#136f3a", "#8a5a00", "#5b6570")


def bar_chart(title: str, items: list[tuple[str, int]], color: str = PALETTE[0]) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    return _svg(title, items, [color] * len(items))


def _layout(items, top):
    for index, (label, value) in enumerate(items):
        yield label, value, GAP + index * (BAR_HEIGHT + GAP), round(BAR_WIDTH * value / top)


def grouped_bars(title: str, series: dict[str, dict], labels: dict[str, str]) -> SafeString:
    """One bar per (series, key): e.g. awards per year for titles and for forms, colour per
    series, with a legend by label."""
    items, colors = [], []
    for index, (name, values) in enumerate(series.items()):
        for key, value in values.items():
            items.append((f"{labels.get(name, name)} {key}", value))
            colors.append(PALETTE[index % len(PALETTE)])
    return _svg(title, items, colors)


BAR = ('<g><text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
       '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
       '<text class="chart-value" x="{}" y="{}">{}</text></g>')


def _escape(value) -> str:
    """django.utils.html.conditional_escape without a SafeString per value (format_html_join
    built one per cell: most of a chart's time on the dashboard, the busiest chart page)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _svg(title: str, items: list[tuple[str, int]], colors: list[str]) -> SafeString:
    top = max((v for _, v in items), default=0) or 1
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    bars = "".join(
        BAR.format(LABEL_WIDTH - 8, y + BAR_HEIGHT - 6, _escape(label), LABEL_WIDTH, y, width,
                   BAR_HEIGHT, color, LABEL_WIDTH + width + 6, y + BAR_HEIGHT - 6, _escape(value))
        for (label, value, y, width), color in zip(_layout(items, top), colors, strict=True))
    title = _escape(title)
    return mark_safe(  # noqa: S308 labels, values and title escaped; the rest is our markup
        f'<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 '
        f'{LABEL_WIDTH + BAR_WIDTH + 60} {height}" width="100%"><title>{title}</title>{bars}'
        "</svg>")
