"""Dates as the site's pages write them, "7 December 2026": Django's British formats would write
"7 Dec 2026, 5:02 p.m." wherever admin shows a date or time, beside the site's own words. Every
other format is Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
