"""The dashboard's SVG charts: the same markup as when every cell went through format_html."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from reports.interfaces import charts


def _through_format_html(title, items, colors):
    """The chart as _svg built it before session 9 (format_html_join per bar)."""
    top = max((v for _, v in items), default=0) or 1
    height = len(items) * (charts.BAR_HEIGHT + charts.GAP) + charts.GAP
    bars = format_html_join("", charts.BAR, (
        (charts.LABEL_WIDTH - 8, y + charts.BAR_HEIGHT - 6, label, charts.LABEL_WIDTH, y, width,
         charts.BAR_HEIGHT, color, charts.LABEL_WIDTH + width + 6, y + charts.BAR_HEIGHT - 6,
         value)
        for (label, value, y, width), color in zip(charts._layout(items, top), colors,
                                                   strict=True)))
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%">'
        "<title>{}</title>{}</svg>", title, charts.LABEL_WIDTH + charts.BAR_WIDTH + 60, height,
        title, bars)


def test_a_chart_escapes_labels_and_titles_as_format_html_did():
    items = [("Sở <Giáo dục> & \"Đào tạo\"", 12), (mark_safe("<b>an toàn</b>"), 3), ("Trống", 0)]
    chart = charts.bar_chart("Khen thưởng <2025> & 'năm'", items)
    assert chart == _through_format_html("Khen thưởng <2025> & 'năm'", items,
                                         [charts.PALETTE[0]] * 3)
    assert (chart.count("&lt;Giáo dục&gt; &amp; &quot;Đào tạo&quot;"), chart.count("<b>")) == (
        1, 1)


def test_grouped_bars_and_an_empty_chart_are_unchanged():
    series = {"cstd": {2024: 5, 2025: 7}, "bk": {2025: 1}}
    labels = {"cstd": "Chiến sĩ thi đua", "bk": "Bằng khen"}
    colors = [charts.PALETTE[0], charts.PALETTE[0], charts.PALETTE[1]]
    items = [("Chiến sĩ thi đua 2024", 5), ("Chiến sĩ thi đua 2025", 7), ("Bằng khen 2025", 1)]
    assert (charts.grouped_bars("Theo năm", series, labels), charts.bar_chart("Rỗng", [])) == (
        _through_format_html("Theo năm", items, colors), _through_format_html("Rỗng", [], []))
