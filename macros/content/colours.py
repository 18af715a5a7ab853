"""An edition's colours, and the WCAG contrast check each must pass where the site uses it."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from macros.content.models import Model

WHITE = "#ffffff"
DARK_BACKGROUND = "#1e2129"   # Material's slate scheme background: hsl(225, 15%, 14%)
ACCENT_TINT_ALPHA = 0x1A / 0xFF   # --md-accent-fg-color--transparent marks the reader's state
AA_TEXT = 4.5                  # WCAG 2.x AA contrast for normal text

HexColour = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^#[0-9a-fA-F]{6}$")]


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour, as WCAG 2.x defines it."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background: str, alpha: float) -> str:
    """A colour laid over a background with some opacity, as the browser paints it."""
    mixed = (
        round(alpha * int(colour[i : i + 2], 16) + (1 - alpha) * int(background[i : i + 2], 16))
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{value:02x}" for value in mixed)


class Colours(Model):
    primary: HexColour = "#1b3a5c"       # the header bar (white text on it) and links on white
    accent: HexColour = "#9c3d00"        # hover, focus and warning text on white
    dark_accent: HexColour = "#ffb37a"   # the accent of the dark scheme, on its dark background


def contrast_problems(colours: Colours) -> list[tuple[str, str]]:
    """(field, problem) for every colour that would fail WCAG AA for text where the site uses it."""
    uses = [
        ("primary", WHITE, colours.primary, f"white header text on {colours.primary}"),
        ("accent", colours.accent, WHITE, f"{colours.accent} text and links on white"),
        ("accent", colours.accent, blend(colours.accent, WHITE, ACCENT_TINT_ALPHA),
         f"{colours.accent} text on its own light tint"),
        ("dark_accent", colours.dark_accent, DARK_BACKGROUND,
         f"{colours.dark_accent} text on the dark scheme's background {DARK_BACKGROUND}"),
    ]
    problems = []
    for field, text, background, where in uses:
        ratio = contrast_ratio(text, background)
        if ratio < AA_TEXT:
            problems.append((field, f"{getattr(colours, field)}: {where} has a contrast of {ratio:.2f}:1; "
                                    f"WCAG AA needs {AA_TEXT}:1"))
    return problems
