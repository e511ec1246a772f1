"""
One way of writing dates across the site and the editors' admin: "7 December 2026",
"7 December 2026, 14:05" (FORMAT_MODULE_PATH; Django's own English formats say
"Dec. 7, 2026, 2:05 p.m." in the admin otherwise). Input formats stay Django's: the
admin's date fields keep ISO dates (2026-12-07), which its calendar writes.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
