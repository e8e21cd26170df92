#!/usr/bin/python3
"""Merges the latin and vietnamese subsets of @fontsource/tinos into one
font per style, for certificates (WOFF2, inlined for Chromium) and for
documents LibreOffice turns into PDF (TrueType, found through a fontconfig
file of our own).

Why: with two subset files Chromium switches font at every toned letter,
which doubles the PDF's text operators and embeds six fonts instead of
three (a 200-page batch went over 400 KB). One face per style keeps each
line in one font. Run with Debian's python3-fonttools and python3-brotli:
    /usr/bin/python3 build/fonts/merge-tinos.py
Tinos is © Google, Apache License 2.0 (see LICENSE-Tinos.txt).
"""
import os
import sys
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, '..', '..', 'node_modules', '@fontsource', 'tinos', 'files')
tmp = os.path.join(here, '.tmp')
os.makedirs(tmp, exist_ok=True)
for weight in ('400', '700'):
    for style in ('normal', 'italic'):
        parts = []
        for subset in ('latin', 'vietnamese'):
            f = TTFont(os.path.join(src, f'tinos-{subset}-{weight}-{style}.woff2'))
            f.flavor = None
            path = os.path.join(tmp, f'{subset}-{weight}-{style}.ttf')
            f.save(path)
            parts.append(path)
        merged = Merger().merge(parts)
        # TrueType for LibreOffice (its PDF export embeds sfnt files only), WOFF2 for Chromium.
        ttf = os.path.join(here, f'tinos-vi-{weight}-{style}.ttf')
        merged.save(ttf)
        merged.flavor = 'woff2'
        out = os.path.join(here, f'tinos-vi-{weight}-{style}.woff2')
        merged.save(out)
        print(out, os.path.getsize(out), ttf, os.path.getsize(ttf), 'glyphs', len(merged.getGlyphOrder()))
for p in os.listdir(tmp):
    os.remove(os.path.join(tmp, p))
os.rmdir(tmp)
sys.exit(0)
