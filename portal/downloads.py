"""The one way a page offers a CSV file to download."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_download(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A UTF-8 CSV attachment named ``filename``: the header row, then ``rows``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
