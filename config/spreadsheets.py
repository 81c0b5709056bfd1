"""One rule for text written into a CSV or XLSX cell (OWASP "CSV injection").

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula. Text that vendors, buyers or the public typed is written with a leading apostrophe,
the spreadsheet's own "this is text" mark, and so is text that already starts with one, so that
reading the file back and removing one leading apostrophe (catalog/bulk.py does) gives the same
text. A signed plain number such as +6281234567890 or -5 is not a formula and stays as it is.
Values that are not text (numbers, dates, None) pass through unchanged.
"""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][0-9]+(\.[0-9]+)?")


def spreadsheet_text(value):
    if not isinstance(value, str) or not value.startswith((*FORMULA_START, "'")):
        return value
    if _SIGNED_NUMBER.fullmatch(value):
        return value
    return "'" + value
