"""The site's one way of writing dates, "7 December 2026", on its pages and in admin (`|date`,
`date_format`): Django's British formats would write "7 Dec 2026, 5:02 p.m.". Every other
format is Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
