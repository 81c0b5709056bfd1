"""Small server-rendered SVG charts, accessible: role="img", <title>, <desc>; each page shows a
data table beside the chart with the same numbers."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" id="{escape(chart_id)}" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + "%"


def absorption_chart(chart_id: str, quarters: list[dict], title: str) -> SafeString:
    """Cumulative absorption per quarter as bars, the target of each quarter as a dashed line."""
    width, height, left, bottom, top = 360, 220, 40, 30, 10
    plot_h = height - bottom - top
    scale_max = max([120.0] + [q["percent"] or 0 for q in quarters])
    slot = (width - left - 10) / 4
    parts = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h - plot_h * tick / scale_max
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
            f'fill="#4a5561">{tick}%</text>'
        )
    for i, q in enumerate(quarters):
        x = left + i * slot + slot * 0.2
        bar_w = slot * 0.6
        pct = q["percent"] or 0
        bar_h = plot_h * pct / scale_max
        target_y = top + plot_h - plot_h * q["target"] / scale_max
        colour = "#0b5d3b" if q["meets_target"] else "#b35c00"
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
            f'height="{bar_h:.1f}" fill="{colour}"/>'
            f'<line x1="{x - 4:.1f}" x2="{x + bar_w + 4:.1f}" y1="{target_y:.1f}" '
            f'y2="{target_y:.1f}" stroke="#1b1f23" stroke-width="2" stroke-dasharray="4 3"/>'
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 12}" font-size="11" '
            f'text-anchor="middle" fill="#1b1f23">T{q["quarter"]}</text>'
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - bar_h - 3:.1f}" font-size="10" '
            f'text-anchor="middle" fill="#1b1f23">{escape(_fmt(q["percent"]))}</text>'
        )
    desc = "; ".join(
        _("Triwulan %(q)s: %(pct)s dari pagu, target %(target)s%%")
        % {"q": q["quarter"], "pct": _fmt(q["percent"]), "target": q["target"]}
        for q in quarters
    )
    return _frame(chart_id, title, desc, width, height, "".join(parts))


def bar_chart(chart_id: str, rows: list[tuple[str, float | None]], title: str) -> SafeString:
    """Horizontal bars of percentages (0-100), one per labelled row."""
    row_h, label_w, width = 26, 150, 360
    height = max(row_h * len(rows) + 10, 40)
    parts = []
    for i, (label, value) in enumerate(rows):
        y = 5 + i * row_h
        bar_w = (width - label_w - 50) * min(value or 0, 100) / 100
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="11" text-anchor="end" '
            f'fill="#1b1f23">{escape(str(label)[:28])}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w:.1f}" height="16" fill="#0b5d3b"/>'
            f'<text x="{label_w + bar_w + 4:.1f}" y="{y + 16}" font-size="11" '
            f'fill="#1b1f23">{escape(_fmt(value))}</text>'
        )
    if not rows:
        parts.append(
            '<text x="10" y="24" font-size="12" fill="#4a5561">'
            f"{escape(_('Belum ada data'))}</text>"
        )
    desc = "; ".join(f"{label}: {_fmt(value)}" for label, value in rows) or _("Belum ada data")
    return _frame(chart_id, title, desc, width, height, "".join(parts))
