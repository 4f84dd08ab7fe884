"""Digits for display: Western (0-9) or Arabic-Indic (٠-٩), as the site chooses."""

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_TO_ARABIC_INDIC = str.maketrans("0123456789", ARABIC_INDIC)


def digits_to_arabic_indic(text: str) -> str:
    return text.translate(_TO_ARABIC_INDIC)


def digits_localize(text: str, *, style: str) -> str:
    """Print the ASCII digits of `text` in the site's style ("arabic-indic" or "western").
    The Arabic decimal separator and thousands separator go with Arabic-Indic digits."""
    if style != "arabic-indic":
        return text
    return text.translate(_TO_ARABIC_INDIC).replace(".", "٫").replace(",", "٬")
