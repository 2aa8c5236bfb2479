"""Numbers, sizes, scores and dates as each language writes them, formatted by Babel from the
Unicode CLDR (``3 000`` with French's narrow no-break space, ``3,000`` in English), never by
the machine's locale; and the few joints of a sentence each language punctuates its way.
"""

from __future__ import annotations

from datetime import date

from digestgen.text.catalog import import_babel
from digestgen.text.language import NARROW_NBSP, NBSP, Language


def number(value: int, language: Language) -> str:
    """``2 935`` (a narrow no-break space) in French, ``2,935`` in English."""
    import_babel()
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language)


def decimal(value: float, language: Language) -> str:
    """A score with one decimal: ``0,0`` / ``0.0``."""
    import_babel()
    from babel.numbers import format_decimal

    return format_decimal(value, format="0.0", locale=language)


def kilobytes(size: int, language: Language) -> str:
    """A size in kilobytes with one decimal: ``23,2 Ko`` / ``23.2 KB``."""
    import_babel()
    from babel.numbers import format_decimal

    amount = format_decimal(size / 1024, format="#,##0.0", locale=language)
    return f"{amount}{NBSP}Ko" if language == "fr" else f"{amount} KB"


def long_date(day: date, language: Language) -> str:
    """``mercredi 5 décembre 2018`` / ``Wednesday 5 December 2018`` (the day and its month
    held together by a no-break space; French's first of the month is ``1er``)."""
    import_babel()
    from babel.dates import format_date

    day_of_month = "'1er'" if language == "fr" and day.day == 1 else "d"
    return format_date(day, f"EEEE {day_of_month}{NBSP}MMMM y", locale=language)


def month_names(language: Language) -> dict[str, int]:
    """The month names a page in ``language`` may write, wide and abbreviated, lower-cased
    and without their abbreviation's dot: ``{"décembre": 12, "déc": 12, …}``."""
    import_babel()
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for month, name in get_month_names(width, locale=language).items():
            names[name.lower().rstrip(".")] = month
    return names


def day_names(language: Language) -> dict[str, int]:
    """The weekday names of ``language``, lower-cased: Monday is 0."""
    import_babel()
    from babel.dates import get_day_names

    return {name.lower(): day for day, name in get_day_names("wide", locale=language).items()}


def clauses(items: list[str], language: Language) -> str:
    """Clauses joined by semicolons, French ones with their no-break space."""
    return (NARROW_NBSP + "; " if language == "fr" else "; ").join(items)
