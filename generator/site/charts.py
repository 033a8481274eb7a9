"""Small static SVG charts for the observatory, readable without JavaScript.

Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>` (what it
shows, with its numbers); the page puts the data table beside it. Every text and attribute goes
through `escape`, so a name from the data can never become markup. The drawing is sized for a
phone (a 360-unit-wide view box) and scales up on a wider screen.

Shared presentation (font size, ink, a grid's stroke, an anchor) is set once on the `<svg>` or on a `<g>`
around the elements that share it, and inherited: a territory page draws thousands of cells, and
repeating those attributes on each weighed some 40 MB of the published site at 20,000 offers.

Kinds: `heatmap` (rows × columns, darker = more), `marks` (the report's +/++/+++ grid), `bars`
(grouped horizontal bars) and `stacked` (stacked horizontal bars)."""
from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 360
FONT = 11
CHAR = 6.2  # average width of a character at FONT, to size label columns
ROW = 22
# Sequential scale (light → dark indigo, the site's colour); text turns white on the two darkest.
SCALE = ("#e8eaf6", "#c5cae9", "#9fa8da", "#5c6bc0", "#283593")
EMPTY = "#ffffff"
SERIES = ("#3949ab", "#e65100", "#00796b", "#6d4c41", "#8e24aa", "#546e7a")
STACK = ("#2e7d32", "#ef6c00", "#c62828", "#546e7a")
INK = "#212121"
DARK_INK = "#1a1a1a"  # a number or sign on a light cell


def number(value) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
    else:
        text = str(value)
    return text.replace(".", ",")


def _fit(text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` units (the full label is in the table beside)."""
    limit = max(3, int(width / CHAR))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate to a tenth of a unit, without a useless « .0 »."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x, y, text, anchor=None, size=None, fill=None, extra="") -> str:
    """A text; anchor, size and fill are written only when given, otherwise inherited (`_frame`, `_group`)."""
    attrs = f'x="{_n(x)}" y="{_n(y)}"'
    attrs += f' text-anchor="{anchor}"' if anchor else ""
    attrs += f' font-size="{size}"' if size else ""
    attrs += f' fill="{fill}"' if fill else ""
    return f"<text {attrs}{extra}>{escape(text)}</text>"


def _group(elements: list[str], **attrs) -> list[str]:
    """`elements` in one `<g>` carrying what they share (`stroke_width` is written `stroke-width`)."""
    if not elements:
        return []
    shared = " ".join(f'{name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    return [f"<g {shared}>", *elements, "</g>"]


def _cells(cells) -> list[str]:
    """Grid cells `(x, y, width, height, fill)` as one path per fill (a rectangle is `M x y h w v h h -w z`):
    a fifth of the bytes of one `<rect>` each. A fill of None is inherited."""
    by_fill: dict = {}
    for x, y, w, h, fill in cells:
        by_fill.setdefault(fill, []).append(f"M{_n(x)} {_n(y)}h{_n(w)}v{_n(h)}h-{_n(w)}z")
    out = []
    for fill, parts in by_fill.items():
        paint = f' fill="{fill}"' if fill else ""
        out.append(f'<path{paint} d="{"".join(parts)}"/>')
    return out


def _rect(x, y, width, height, fill=None) -> str:
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}"' + (f' fill="{fill}"/>' if fill else "/>")


def _frame(chart_id: str, title: str, description: str, height: float, body: list[str]) -> Markup:
    cid = escape(chart_id)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="obs-graphique" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'role="img" aria-labelledby="{cid}-titre {cid}-desc" preserveAspectRatio="xMinYMin meet" '
        f'font-size="{FONT}" fill="{INK}">'
        f'<title id="{cid}-titre">{escape(title)}</title><desc id="{cid}-desc">{escape(description)}</desc>'
        + "".join(body) + "</svg>")


def _shade(value, top) -> tuple[str, str]:
    if not value or not top:
        return EMPTY, "#616161"
    step = min(len(SCALE) - 1, int((len(SCALE) - 1) * value / top + 0.999))
    return SCALE[step], "#ffffff" if step >= 3 else DARK_INK


def _head_room(columns) -> float:
    """How far slanted column labels reach, up and to the right."""
    return min(110, max((len(c) for c in columns), default=1) * CHAR) * 0.72 + 8


def _column_heads(columns, x0, cell, top) -> tuple[list[str], float]:
    """Column labels slanted above the grid; returns the elements and the height they take."""
    room = _head_room(columns)
    out = []
    for j, label in enumerate(columns):
        x = x0 + j * cell + cell / 2
        out.append(_text(x, top + room, _fit(label, 110), extra=f' transform="rotate(-45 {_n(x)} {_n(top + room)})"'))
    return out, room + 6


def heatmap(chart_id, title, description, rows, columns, values, unit="") -> Markup:
    label_w = min(150, max((len(r) for r in rows), default=4) * CHAR + 8)
    cell = (WIDTH - label_w - _head_room(columns) + 4) / max(1, len(columns))
    heads, head_h = _column_heads(columns, label_w, cell, 0)
    top = max((v for row in values for v in row), default=0)
    names, cells, numbers = [], [], []
    for i, (label, row) in enumerate(zip(rows, values)):
        y = head_h + i * ROW
        names.append(_text(label_w - 6, y + ROW * 0.68, _fit(label, label_w - 8)))
        for j, v in enumerate(row):
            fill, ink = _shade(v, top)
            x = label_w + j * cell
            cells.append((x, y, cell - 2, ROW - 2, fill))
            if v and cell >= 18:
                numbers.append(_text(x + (cell - 2) / 2, y + ROW * 0.66, number(v), fill=ink if ink != DARK_INK else None))
    height = head_h + len(rows) * ROW + 20
    key = (f"Plus la case est foncée, plus il y a d'{unit}." if unit and unit[0] in "aeiouh" else
           f"Plus la case est foncée, plus il y a de {unit}." if unit else "Plus la case est foncée, plus la valeur est grande.")
    body = (heads + _group(names, text_anchor="end") + _group(_cells(cells), stroke="#bdbdbd", stroke_width=".5")
            + _group(numbers, text_anchor="middle", font_size=FONT - 1, fill=DARK_INK) + [_text(0, height - 6, key, size=FONT - 1, fill="#424242")])
    return _frame(chart_id, title, description, height, body)


def marks(chart_id, title, description, rows, columns, values, marks) -> Markup:
    label_w = min(120, max((len(r) for r in rows), default=4) * CHAR + 8)
    cell = (WIDTH - label_w - _head_room(columns) + 4) / max(1, len(columns))
    heads, head_h = _column_heads(columns, label_w, cell, 0)
    names, cells, dots, signs_drawn = [], [], [], []
    for i, (label, row, signs) in enumerate(zip(rows, values, marks)):
        y = head_h + i * (ROW + 6)
        names.append(_text(label_w - 6, y + ROW * 0.7, _fit(label, label_w - 8)))
        for j, (v, sign) in enumerate(zip(row, signs)):
            x = label_w + j * cell
            radius = (0, 4.5, 6.5, 9)[len(sign)]
            cells.append((x, y, cell - 2, ROW + 2, None))
            if radius:
                dots.append(f'<circle cx="{_n(x + (cell - 2) / 2)}" cy="{_n(y + (ROW + 2) / 2)}" r="{radius}" fill="{SCALE[len(sign) + 1]}"/>')
                signs_drawn.append(_text(x + (cell - 2) / 2, y + ROW * 0.7, sign, fill="#ffffff" if len(sign) >= 2 else None))
    body = (heads + _group(names, text_anchor="end") + _group(_cells(cells), fill="#fafafa", stroke="#e0e0e0", stroke_width=".5")
            + dots + _group(signs_drawn, text_anchor="middle", font_size=FONT - 1, fill=DARK_INK))
    return _frame(chart_id, title, description, head_h + len(rows) * (ROW + 6) + 8, body)


def _legend(series, colours, y) -> tuple[list[str], float]:
    out, x, line = [], 0.0, 0
    for k, name in enumerate(series):
        w = 16 + len(name) * CHAR + 12
        if x + w > WIDTH and x > 0:
            x, line = 0.0, line + 1
        out.append(_rect(x, y + line * 16, 10, 10, colours[k % len(colours)]))
        out.append(_text(x + 14, y + line * 16 + 9, name))
        x += w
    return out, (line + 1) * 16 + 6


def bars(chart_id, title, description, labels, series, unit="") -> Markup:
    """Grouped horizontal bars: one group per label, one bar per series, the value written after it."""
    names = [name for name, _ in series]
    legend, y = ([], 0.0)
    if len(series) > 1:
        legend, y = _legend(names, SERIES, 0)
    label_w = min(140, max((len(lab) for lab in labels), default=4) * CHAR + 8)
    top = max((v for _, vs in series for v in vs), default=0) or 1
    bar_h = 12
    room = WIDTH - label_w - 48
    heads, drawn, values = [], [], []
    for i, label in enumerate(labels):
        group_y = y + i * (len(series) * (bar_h + 2) + 10)
        heads.append(_text(label_w - 6, group_y + bar_h - 2, _fit(label, label_w - 8)))
        for k, (_, series_values) in enumerate(series):
            v = series_values[i]
            by = group_y + k * (bar_h + 2)
            w = room * v / top
            drawn.append(_rect(label_w, by, w, bar_h, SERIES[k % len(SERIES)]))
            values.append(_text(label_w + w + 4, by + bar_h - 2, number(v)))
    height = y + len(labels) * (len(series) * (bar_h + 2) + 10) + 4
    body = legend + _group(heads, text_anchor="end") + drawn + _group(values, font_size=FONT - 1)
    return _frame(chart_id, title, description, height, body)


def stacked(chart_id, title, description, labels, series, unit="") -> Markup:
    names = [name for name, _ in series]
    legend, y = _legend(names, STACK, 0)
    label_w = min(140, max((len(lab) for lab in labels), default=4) * CHAR + 8)
    totals = [sum(vs[i] for _, vs in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    room = WIDTH - label_w - 36
    heads, drawn, inside, after = [], [], [], []
    for i, label in enumerate(labels):
        by = y + i * 24
        heads.append(_text(label_w - 6, by + 13, _fit(label, label_w - 8)))
        x = label_w
        for k, (_, values) in enumerate(series):
            w = room * values[i] / top
            if w:
                drawn.append(_rect(x, by, w, 18, STACK[k % len(STACK)]))
                if w >= 16:
                    inside.append(_text(x + w / 2, by + 13, number(values[i])))
            x += w
        after.append(_text(x + 4, by + 13, number(totals[i])))
    body = (legend + _group(heads, text_anchor="end") + drawn
            + _group(inside, text_anchor="middle", font_size=FONT - 1, fill="#ffffff") + _group(after, font_size=FONT - 1))
    return _frame(chart_id, title, description, y + len(labels) * 24 + 4, body)


def render(chart_id: str, title: str, description: str, chart: dict) -> Markup:
    kind = chart["kind"]
    if kind == "heatmap":
        return heatmap(chart_id, title, description, chart["rows"], chart["columns"], chart["values"], chart.get("unit", ""))
    if kind == "marks":
        return marks(chart_id, title, description, chart["rows"], chart["columns"], chart["values"], chart["marks"])
    if kind == "bars":
        return bars(chart_id, title, description, chart["labels"], chart["series"], chart.get("unit", ""))
    if kind == "stacked":
        return stacked(chart_id, title, description, chart["labels"], chart["series"], chart.get("unit", ""))
    raise ValueError(f"unknown chart kind {kind!r}")
