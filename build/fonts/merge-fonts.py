#!/usr/bin/python3
"""Builds the certificate fonts in build/fonts from the @fontsource packages.

Tinos (Times New Roman's metrics) and Arimo (Arial's): the latin and
vietnamese subsets are merged into one face per style. With two subset faces
Chromium switches font at every toned letter, which doubles the PDF's text
operators and embeds twice the fonts (a 200-page batch went over 400 KB).
Tinos is also written as TrueType: LibreOffice, which turns plans into PDF,
embeds sfnt files only.

Playfair Display carries a Reserved Font Name under the OFL, so its files are
copied unmodified (two subset faces joined by unicode-range in the CSS).

Run with Debian's python3-fonttools and python3-brotli:
    /usr/bin/python3 build/fonts/merge-fonts.py
Tinos and Arimo are © Google (Apache License 2.0 / OFL 1.1), Playfair Display
© The Playfair Display Project Authors (OFL 1.1): see the LICENSE-* files.
"""
import os
import shutil
import sys
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

here = os.path.dirname(os.path.abspath(__file__))
modules = os.path.join(here, '..', '..', 'node_modules', '@fontsource')
tmp = os.path.join(here, '.tmp')
os.makedirs(tmp, exist_ok=True)
STYLES = [(w, s) for w in ('400', '700') for s in ('normal', 'italic')]

def merge(package, out_prefix, ttf):
    src = os.path.join(modules, package, 'files')
    for weight, style in STYLES:
        parts = []
        for subset in ('latin', 'vietnamese'):
            f = TTFont(os.path.join(src, f'{package}-{subset}-{weight}-{style}.woff2'))
            f.flavor = None
            path = os.path.join(tmp, f'{package}-{subset}-{weight}-{style}.ttf')
            f.save(path)
            parts.append(path)
        merged = Merger().merge(parts)
        if ttf:
            merged.save(os.path.join(here, f'{out_prefix}-{weight}-{style}.ttf'))
        merged.flavor = 'woff2'
        out = os.path.join(here, f'{out_prefix}-{weight}-{style}.woff2')
        merged.save(out)
        print(out, os.path.getsize(out), 'glyphs', len(merged.getGlyphOrder()))

def copy(package):
    src = os.path.join(modules, package, 'files')
    for weight, style in STYLES:
        for subset in ('latin', 'vietnamese'):
            name = f'{package}-{subset}-{weight}-{style}.woff2'
            shutil.copyfile(os.path.join(src, name), os.path.join(here, name))
            print(os.path.join(here, name), os.path.getsize(os.path.join(here, name)))

merge('tinos', 'tinos-vi', ttf=True)
merge('arimo', 'arimo-vi', ttf=False)
copy('playfair-display')
shutil.copyfile(os.path.join(modules, 'arimo', 'LICENSE'), os.path.join(here, 'LICENSE-Arimo.txt'))
shutil.copyfile(os.path.join(modules, 'playfair-display', 'LICENSE'), os.path.join(here, 'LICENSE-PlayfairDisplay.txt'))
shutil.rmtree(tmp)
sys.exit(0)
