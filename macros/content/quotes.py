"""Whether a quote states the figure it is quoted for: the number in digits or in words, a term's own words, or words
for "none". A quote that confirms a figure without stating it says how in its evidence's `confirms_by`."""

from __future__ import annotations

import re
from typing import Literal

Unit = Literal["age", "hours", "years"]

# Words that say a thing is not required ("shall not be required", "exempt from", "No, the State ... only licenses").
NONE_WORDS: tuple[str, ...] = ("no", "not", "none", "nor", "exempt", "exempted", "exempts", "exemption")

# A renewal term may be said without its number: "renewed biennially", "expire annually".
TERM_WORDS: dict[int, tuple[str, ...]] = {
    1: ("annual", "annually", "yearly", "every year", "each year"),
    2: ("biennial", "biennially"),
}

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_in_words(number: int) -> str:
    """A whole number from 0 to 999 as the law spells it: 'eight', 'twenty-four', 'one hundred twenty'."""
    if not 0 <= number < 1000:
        raise ValueError(f"{number}: only 0 to 999 are spelled")
    hundreds, rest = divmod(number, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest or not hundreds:
        tens, ones = divmod(rest, 10)
        words.append(_ONES[rest] if rest < 20 else _TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    return " ".join(words)


def ways_to_say(value: float, unit: Unit) -> tuple[str, ...]:
    """Every form that states a value: its digits, its words (a whole number under 1000) and, for a term in years,
    the term's own words."""
    if value != int(value):
        return (f"{value:g}",)
    number = int(value)
    forms = [str(number)]
    if number < 1000:
        forms.append(number_in_words(number))
    if unit == "years":
        forms += TERM_WORDS.get(number, ())
    return tuple(forms)


def _pattern(form: str) -> str:
    """A form as a pattern that matches it as a whole number or whole words: '8' not in '18', 'eight' not in
    'eighteen'; a hyphen or a space between words matches either ('twenty four', 'two-year')."""
    if form[0].isdigit():
        return rf"(?<![\d.,]){re.escape(form)}(?!\d|[.,]\d)"
    words = [re.escape(word) for word in re.split(r"[\s-]+", form)]
    return r"(?<![a-z])" + r"[\s-]+".join(words) + r"(?![a-z])"


def says_any(quote: str, forms: tuple[str, ...]) -> bool:
    """True when the quote holds one of the forms, as a whole number or whole words (case aside)."""
    return any(re.search(_pattern(form), quote, flags=re.IGNORECASE) for form in forms)


def stating_forms(status: str, values: tuple[float, ...], words: str | None, unit: Unit) -> tuple[str, ...]:
    """The forms a quote may use to state a figure: any of its values (a range's ends, a dispute's figures), its
    words ('age of majority'), or for 'none required' a word for none. No forms for a figure not found."""
    if status == "none-required":
        return NONE_WORDS
    forms = [form for value in values for form in ways_to_say(value, unit)]
    return (*forms, words) if words else tuple(forms)
