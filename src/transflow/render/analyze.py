"""What ``transflow analyze`` found: a table for people, schema transflow.analyze/1 for machines."""

from __future__ import annotations

from rich import box
from rich.table import Table

from ..bands import BANDS, Analysis
from ..commands.analyze import AnalyzeResult
from .common import language_json

ANALYZE_SCHEMA = "transflow.analyze/1"


def analyze_json(result: AnalyzeResult) -> dict[str, object]:
    return {
        "schema": ANALYZE_SCHEMA,
        "documents": result.documents,
        "rows": [
            {
                "language": language_json(code),
                "translated": analysis.translated,
                "bands": analysis.bands,
                "to_translate": analysis.to_translate,
                "total": analysis.total,
            }
            for code, analysis in result.by_language.items()
        ],
    }


def analyze_table(result: AnalyzeResult, project_name: str) -> Table:
    """Words per language by match band, with totals."""
    results = result.by_language
    title = f"{project_name}: {len(result.documents)} documents"
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        show_footer=True,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("lang", footer="total", no_wrap=True)
    totals = Analysis()
    for analysis in results.values():
        totals.add(analysis)
    table.add_column("done", justify="right", footer=str(totals.translated))
    bands = [band for band in BANDS if band != "machine draft" or totals.bands[band]]
    for band in bands:
        header = {"repetitions": "rep.", "no match": "none", "machine draft": "MT"}.get(
            band, band.rstrip("%")
        )
        table.add_column(header, justify="right", footer=str(totals.bands[band]))
    table.add_column("to do", justify="right", footer=str(totals.to_translate))
    table.add_column("all", justify="right", footer=str(totals.total))
    table.caption = "words by match band (%); rep. = repeated in this batch" + (
        "; MT = machine drafts to read" if "machine draft" in bands else ""
    )
    for code, analysis in results.items():
        table.add_row(
            code,
            str(analysis.translated),
            *(str(analysis.bands[band]) for band in bands),
            str(analysis.to_translate),
            str(analysis.total),
        )
    return table
