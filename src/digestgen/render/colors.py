"""WCAG 2.1 contrast, so brand colours never make text unreadable."""

from __future__ import annotations


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.1 definition)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    white, black = "#ffffff", "#111111"
    return (
        white if contrast_ratio(white, background) >= contrast_ratio(black, background) else black
    )


def ensure_contrast(color: str, background: str, minimum: float = 4.5) -> str:
    """``color``, darkened or lightened just enough to reach ``minimum`` against ``background``."""
    if contrast_ratio(color, background) >= minimum:
        return color
    target = readable_on(background)
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    tr, tg, tb = (int(target[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(1, 21):
        k = step / 20
        mixed = "#" + "".join(
            f"{round(c + (t - c) * k):02x}" for c, t in ((r, tr), (g, tg), (b, tb))
        )
        if contrast_ratio(mixed, background) >= minimum:
            return mixed
    return target
