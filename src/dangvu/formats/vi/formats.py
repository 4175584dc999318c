"""Vietnamese number and date formats for templates: "1.050", "12,5", "09/10/2020".

Django's own Vietnamese formats leave NUMBER_GROUPING unset, so `intcomma` and localized numbers would print
"8000" instead of "8.000"; documents use the same convention through `dangvu.core.text.number`.
"""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
