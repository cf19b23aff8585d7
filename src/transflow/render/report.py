"""The board: one self-contained HTML page (inline CSS and SVG, no network) and SVG badges."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..commands.report import Pace, ReportResult
from ..languages import LanguageLabel
from ..tally import Counts, SegmentRow

COLOURS = {
    "translated": "#2e9e5b",
    "reviewed": "#1f6fb2",
    "fuzzy": "#e0a800",
    "untranslated": "#d64545",
    "none": "#e4e6eb",
}

STYLE = """
:root { --ink: #1d2330; --muted: #5b6474; --line: #dfe3ea; --paper: #fbfcfe; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); background: var(--paper); }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 60px; }
h1 { font-size: 24px; margin: 0 0 2px; } h2 { font-size: 18px; margin: 34px 0 10px; }
.sub { color: var(--muted); margin: 0 0 22px; }
.languages { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 14px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card h3 { margin: 0; font-size: 16px; display: flex; justify-content: space-between; gap: 8px; }
.card h3 .pct { font-variant-numeric: tabular-nums; }
.native { color: var(--muted); font-weight: normal; }
.bar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; margin: 10px 0 8px;
       background: @none; }
.bar span { display: block; height: 100%; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 14px; color: var(--muted); font-size: 13px; }
.facts b { color: var(--ink); font-weight: 600; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 4px; }
.errors { color: @untranslated; }
.warning { color: @fuzzy; }
.pace { margin-top: 8px; font-size: 13px; }
table.heat { border-collapse: separate; border-spacing: 3px; font-size: 13px; }
.heat th { font-weight: 600; text-align: left; padding: 2px 6px; white-space: nowrap; }
.heat th[scope="row"] { position: sticky; left: 0; background: var(--paper); }  /* names stay in view */
.heat thead th { text-align: center; }
.heat td { text-align: center; min-width: 58px; border-radius: 4px; padding: 4px 6px;
           font-variant-numeric: tabular-nums; }
.heat td a { color: inherit; text-decoration: none; display: block; }
.heat td.done { color: #fff; }
.legend { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
ul.stale { padding-left: 20px; } ul.stale li { margin: 3px 0; }
details { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 6px 0;
          padding: 6px 12px; }
summary { cursor: pointer; font-weight: 600; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table.segments { width: 100%; border-collapse: collapse; font-size: 13px; margin: 8px 0;
  table-layout: fixed; overflow-wrap: anywhere; }
.segments th { text-align: left; font-weight: 600; padding: 5px 6px; color: var(--muted); }
.segments th.n { width: 2.5em; } .segments th.s { width: 9em; }
.segments td.error { color: #d64545; }
.segments td { border-top: 1px solid var(--line); padding: 5px 6px; vertical-align: top; }
.segments td.state { white-space: nowrap; font-weight: 600; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; }
"""
for _name, _colour in COLOURS.items():
    STYLE = STYLE.replace(f"@{_name}", _colour)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _anchor(document: str, language: str) -> str:
    return "seg-" + re.sub(r"[^A-Za-z0-9_-]+", "-", f"{language}-{document}").strip("-")


def _bar(counts: Counts) -> str:
    words = counts.words or 1
    reviewed = counts.reviewed_words
    pieces = [
        ("reviewed", reviewed),
        ("translated", counts.translated_words - reviewed),
        ("fuzzy", counts.fuzzy_words),
        ("untranslated", counts.untranslated_words),
    ]
    spans = "".join(
        f'<span title="{name}: {value} words" style="width:{100 * value / words:.2f}%;'
        f'background:{COLOURS[name]}"></span>'
        for name, value in pieces
        if value
    )
    return f'<div class="bar" role="img" aria-label="{counts.percent:.0f}% translated">{spans}</div>'


MIN_PACE_DAYS = 7  # less history than a week tells no pace


def _pace_line(pace: Pace | None, history: bool, finished: bool = False) -> str:
    if not history:
        return '<div class="pace">Pace: no history (not a git repository)</div>'
    if pace is None:
        return '<div class="pace">Pace: no history yet</div>'
    if pace.days < MIN_PACE_DAYS:
        return f'<div class="pace">Pace: not enough history yet ({pace.days} day(s); a week is needed)</div>'
    words = f"<b>{pace.words_per_day:.0f}</b> words a day over the last {pace.days} days"
    if finished:
        return f'<div class="pace">Pace: {words}; finished</div>'
    left = (
        "done at this pace: never (no progress)"
        if pace.days_left is None
        else (f"about {pace.days_left:.0f} days left at this pace")
    )
    return f'<div class="pace">Pace: {words}; {left}</div>'


def _language_card(result: ReportResult, code: str) -> str:
    counts = result.totals[code]
    label = LanguageLabel.of(code)
    direction = ' dir="rtl"' if label.rtl else ""
    dot = '<span class="dot" style="background:{}"></span>'
    # as the bar shows them: reviewed, then translated but not reviewed (the two add up)
    facts = [
        f"{dot.format(COLOURS['reviewed'])}<b>{counts.reviewed_words}</b> reviewed",
        f"{dot.format(COLOURS['translated'])}<b>{counts.translated_words - counts.reviewed_words}</b>"
        " translated, not reviewed",
        f"{dot.format(COLOURS['fuzzy'])}<b>{counts.fuzzy_words}</b> fuzzy",
        f"{dot.format(COLOURS['untranslated'])}<b>{counts.untranslated_words}</b> untranslated",
        f"<b>{counts.finished}</b>/{counts.documents} documents done",
    ]
    if counts.errors:
        facts.append(f'<span class="errors"><b>{counts.errors}</b> with check errors</span>')
    if counts.machine:
        facts.append(f'<span class="warning"><b>{counts.machine}</b> machine drafts to read</span>')
    return (
        f'<section class="card" id="lang-{_e(code)}"><h3><span>{_e(code)} {_e(label.english)} '
        f'<span class="native"{direction}>{_e(label.native)}</span></span>'
        f'<span class="pct">{counts.percent:.1f}%</span></h3>{_bar(counts)}'
        f'<div class="facts">{"".join(f"<span>{fact}</span>" for fact in facts)}</div>'
        f"{_pace_line(result.pace.get(code), result.history, counts.complete)}</section>"
    )


def _heat_colour(percent: float) -> str:
    hue = 120 * percent / 100  # red to green
    light = 42 if percent >= 99.95 else 88 - percent * 0.3
    return f"hsl({hue:.0f} 62% {light:.0f}%)"


def _heatmap(result: ReportResult) -> str:
    head = "".join(f'<th scope="col">{_e(code)}</th>' for code in result.languages)
    rows = []
    for document in result.documents:
        cells = []
        for code in result.languages:
            counts = result.cells.get((document, code))
            if counts is None:
                cells.append('<td title="unreadable">–</td>')
                continue
            done = " done" if counts.complete else ""
            text = f"{counts.percent:.0f}%" + (" ⚠" if counts.errors else "")
            listed = (document, code) in result.segments
            link = f"#{_anchor(document, code) if listed else 'lang-' + _e(code)}"
            cells.append(
                f'<td class="{done.strip()}" style="background:{_heat_colour(counts.percent)}" '
                f'title="{_e(document)} [{_e(code)}]: {counts.percent:.1f}%"><a href="{link}">{text}</a></td>'
            )
        rows.append(f'<tr><th scope="row">{_e(document)}</th>{"".join(cells)}</tr>')
    return (
        f'<table class="heat"><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<p class="legend">Percent of words translated; ⚠ a check error; a cell links to its segments.</p>'
    )


def _stale(result: ReportResult) -> str:
    if not result.stale:
        return "<p>No published output is behind its source or translation.</p>"
    items = "".join(
        f"<li><b>{_e(record.language)}</b> {_e(record.document)}: {_e(record.reason or '')}"
        + (f" (since build {_e(record.stale_since)})" if record.stale_since else "")
        + "</li>"
        for record in result.stale
    )
    return f'<ul class="stale">{items}</ul>'


def _state_cell(row: SegmentRow) -> str:
    """A row's state, in its colour; with a check error in the error colour, whatever the state
    (a translated unit with a broken link is not green)."""
    if row.errors:
        return f'<td class="state error">{_e(row.state)} · {_e(", ".join(row.errors))}</td>'
    if row.warnings:
        shown = "<br>".join(_e(warning) for warning in row.warnings)
        return f'<td class="state warning">{_e(row.state)}<br><small>{shown}</small></td>'
    colour = COLOURS.get(row.state, "#d64545")
    draft = f"<br><small>{_e(row.draft)}</small>" if row.draft else ""
    return f'<td class="state" style="color:{colour}">{_e(row.state)}{draft}</td>'


def _segments(result: ReportResult) -> str:
    blocks = []
    for (document, code), rows in result.segments.items():
        direction = ' dir="rtl"' if LanguageLabel.of(code).rtl else ""
        lines = "".join(
            f"<tr><td>{row.number}</td>{_state_cell(row)}"
            f"<td>{_e(row.unit.msgid)}</td><td{direction}>{_e(row.translation)}</td></tr>"
            for row in rows
            if row.state != "translated" or row.errors or row.warnings
        )
        head = (
            '<thead><tr><th class="n">#</th><th class="s">state</th>'
            "<th>source</th><th>translation</th></tr></thead>"
        )
        blocks.append(
            f'<details id="{_anchor(document, code)}"><summary>{_e(document)} [{_e(code)}]</summary>'
            f'<table class="segments">{head}<tbody>{lines}</tbody></table></details>'
        )
    return "".join(blocks) or "<p>Every document is finished.</p>"


def report_html(result: ReportResult) -> str:
    """The whole page."""
    cards = "".join(_language_card(result, code) for code in result.languages)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(result.project)}: translation board</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{_e(result.project)}</h1>"
        f'<p class="sub">{len(result.documents)} documents in {len(result.languages)} languages'
        f"{' · as of ' + _e(result.generated) if result.generated else ''}</p>"
        f'<div class="languages">{cards}</div>'
        f'<h2>Documents × languages</h2><div class="scroll">{_heatmap(result)}</div>'
        f"<h2>Stale publications</h2>{_stale(result)}"
        f"<h2>What is left</h2>{_segments(result)}"
        "<footer>Made by transflow from the project's PO files; works offline.</footer>"
        "</main></body></html>\n"
    )


def badge_svg(code: str, percent: float) -> str:
    """A flat badge "fr 82%" (shields style), coloured by progress."""
    left, right = code, f"{percent:.0f}%"
    left_width, right_width = 10 + 7 * len(left), 10 + 7 * len(right)
    width = left_width + right_width
    colour = "#2e9e5b" if percent >= 99.95 else "#e0a800" if percent >= 50 else "#d64545"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{_e(left)}: {_e(right)}"><title>{_e(left)}: {_e(right)}</title>'
        f'<rect width="{left_width}" height="20" rx="3" fill="#555"/>'
        f'<rect x="{left_width}" width="{right_width}" height="20" rx="3" fill="{colour}"/>'
        f'<rect x="{left_width}" width="4" height="20" fill="{colour}"/>'
        '<g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11" '
        'text-anchor="middle">'
        f'<text x="{left_width / 2}" y="14">{_e(left)}</text>'
        f'<text x="{left_width + right_width / 2}" y="14">{_e(right)}</text></g></svg>\n'
    )


def board_files(result: ReportResult, html_file: Path | None, badges_dir: Path | None) -> dict[Path, str]:
    """The board's files and their text: one HTML page, one SVG badge per language."""
    files: dict[Path, str] = {}
    if html_file is not None:
        files[html_file] = report_html(result)
    if badges_dir is not None:
        for code, counts in result.totals.items():
            files[badges_dir / f"{code}.svg"] = badge_svg(code, counts.percent)
    return files


def board_lines(result: ReportResult, html_file: Path | None, badges_dir: Path | None) -> list[str]:
    """What ``report`` says it wrote (paths as the user gave them)."""
    lines = []
    if html_file is not None:
        lines.append(f"board written to {html_file}")
    if badges_dir is not None:
        lines.append(f"{len(result.totals)} badge(s) written to {badges_dir}")
    return lines
