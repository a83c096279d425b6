"""Charts in one house style, word clouds, and HTML highlighting; Arabic rendering checks.

This module owns pictures. It never computes a count: every chart takes a table made
by :mod:`helpers.analysis` or :mod:`helpers.lexicon`.

Arabic rendering (see the README): matplotlib ≥ 3.11 shapes Arabic itself (with libraqm),
so charts take the plain logical string and a font that covers Arabic (DejaVu Sans or
Amiri). Word clouds are drawn by Pillow, which shapes only when its raqm support and the
system's libfribidi are present; :func:`shaping_status` says which path is used.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["shaping_status", "arabic_font_path"]


@lru_cache(maxsize=1)
def arabic_font_path() -> str:
    """Path of the Amiri Regular font shipped by the ``fontpkg-amiri`` package."""
    import fontpkg_amiri

    return str(fontpkg_amiri.ROOT / "files" / "Amiri-Regular.ttf")


def shaping_status() -> dict[str, str]:
    """How Arabic will be rendered on this machine, as a small dict of facts.

    >>> sorted(shaping_status())[:2]
    ['amiri', 'dejavu_sans']
    """
    import matplotlib
    import PIL
    from matplotlib import font_manager
    from PIL import features

    raqm = features.check("raqm")
    fribidi = bool(features.check("fribidi")) if raqm else False
    mpl_version = tuple(int(x) for x in matplotlib.__version__.split(".")[:2])
    dejavu = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    return {
        "matplotlib": matplotlib.__version__,
        "matplotlib_shapes": "yes" if mpl_version >= (3, 11) else "no: upgrade to matplotlib>=3.11.2",
        "pillow": PIL.__version__,
        "raqm": f"yes ({features.version('raqm')})" if raqm else "no",
        "fribidi": f"yes ({features.version('fribidi')})" if fribidi else "no: install libfribidi0 (Debian/Ubuntu)",
        "wordcloud_path": "shaped by Pillow (plain strings)" if raqm and fribidi
        else "pre-shaped fallback (arabic-reshaper style) — install libfribidi0 for correct word clouds",
        "dejavu_sans": dejavu,
        "amiri": arabic_font_path(),
    }
