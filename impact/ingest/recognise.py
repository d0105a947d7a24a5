"""Which contract or publication reader claims a file: by its header, or a workbook's sheets.

A contract's header wins over a reader's (an analyst's own extract is never mistaken for a
publication); a file nothing claims is refused with the closest contract and the columns it
lacks, so the analyst can see what to add.
"""

from __future__ import annotations

from pathlib import Path

from impact import contracts, sources
from impact.contracts import Contract
from impact.ingest import forms
from impact.ingest.header import read_header
from impact.ingest.results import NOT_RECOGNISED, FileReport, FileResult, file_problem
from impact.sources.workbook import sheet_names


def recognise(
    report: FileReport, form: str, path: Path
) -> tuple[list[str], Contract | None, sources.Reader | None, FileResult | None]:
    """The header (or a workbook's sheets), and the contract or reader that claims it.

    The last item is the result to return instead when nothing claims the file.
    """
    if form == forms.WORKBOOK:
        sheets = sheet_names(path)
        reader = sources.match_reader(sheets, form=forms.WORKBOOK)
        if reader is None:
            listed = ", ".join(f"'{s}'" for s in sheets)
            message = f"the workbook's sheets ({listed}) match no publication this dashboard reads"
            return sheets, None, None, file_problem(report, NOT_RECOGNISED, message)
        return sheets, None, reader, None
    header = read_header(path)
    contract = contracts.match_contract(header)
    reader = None if contract else sources.match_reader(header)
    if contract is None and reader is None:
        closest, missing = contracts.closest_contract(header)
        report.closest_contract = closest.name
        report.missing_columns = missing
        message = (
            f"the header matches no extract contract; closest is '{closest.name}', "
            f"which also needs column(s): {', '.join(missing)}"
        )
        return header, None, None, file_problem(report, NOT_RECOGNISED, message)
    return header, contract, reader, None
