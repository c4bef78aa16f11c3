#!/bin/sh
# Regenerate the fonts shipped in theme/fonts/ from Debian packages.
# Needs: apt-get (any user: `apt-get download` only fetches the .deb), dpkg-deb,
# and fontTools with brotli (`pip install fonttools brotli`).
# Usage: sh theme/fonts/build-fonts.sh   (run from anywhere; writes next to this script)
set -eu
# Fixed timestamps in the font headers so that a rerun gives identical files.
SOURCE_DATE_EPOCH=1666569600  # 2022-10-24, the date of the Inter files in the .deb
export SOURCE_DATE_EPOCH

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 1. Fetch the upstream font files from Debian (bookworm: fonts-inter-variable
#    4.0~beta7+ds-1 carries Inter 3.019; fonts-noto-mono 20201225-1 carries
#    Noto Sans Mono 2.006).
cd "$WORK"
apt-get download fonts-inter-variable fonts-noto-mono
for deb in ./*.deb; do dpkg-deb -x "$deb" root; done
INTER_ROMAN=root/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf
INTER_ITALIC=root/usr/share/fonts/truetype/inter-vf/Inter-italic.var.ttf
NOTO_MONO=root/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf

# 2. Cut static weights out of the variable fonts (WeasyPrint wants static fonts).
instance() { # source weight output
    fonttools varLib.instancer --quiet --update-name-table -o "$3" "$1" "wght=$2"
}
instance "$INTER_ROMAN" 400 Inter-Regular.ttf
instance "$INTER_ROMAN" 600 Inter-SemiBold.ttf
instance "$INTER_ROMAN" 700 Inter-Bold.ttf
instance "$INTER_ITALIC" 400 Inter-Italic.ttf
instance "$INTER_ITALIC" 700 Inter-BoldItalic.ttf
cp "$NOTO_MONO" NotoSansMono-Regular.ttf

# 3. Subset to what Spanish, French, Portuguese and English text needs:
#    Basic Latin, Latin-1, Latin Extended-A, Romanian comma accents, spacing and
#    combining accents (for decomposed input), general punctuation (quotes, dashes,
#    ellipsis, no-break and thin spaces), currency signs, letterlike symbols,
#    arrows, the math operators that appear in measure definitions, a few
#    geometric shapes and check marks used as legend/list markers.
UNICODES="U+0000-00FF,U+0100-017F,U+0192,U+0218-021B,U+0237,U+02BB-02BC,U+02C6-02C7,U+02D8-02DD,U+0300-0308,U+030A-030C,U+0327-0328,U+1E9E,U+2000-206F,U+2070-2079,U+2080-2089,U+20A0-20C0,U+2113,U+2116,U+2122,U+2126,U+2190-2199,U+21D0-21D5,U+2202,U+2206,U+220F,U+2211-2215,U+2219-221A,U+221E,U+2248,U+2260,U+2264-2265,U+25A0-25A1,U+25B2-25B3,U+25B6,U+25BC-25BD,U+25C0,U+25CB-25CF,U+2713-2714,U+2717-2718,U+FEFF,U+FFFD"
# Features: the defaults plus tabular/case-sensitive forms and slashed zero,
# which the tables and charts use (font-variant-numeric: tabular-nums).
FEATURES="*"
for name in Inter-Regular Inter-Italic Inter-SemiBold Inter-Bold Inter-BoldItalic NotoSansMono-Regular; do
    pyftsubset "$name.ttf" --unicodes="$UNICODES" --layout-features="$FEATURES" \
        --name-IDs='*' --name-languages='*' --notdef-outline --no-hinting \
        --output-file="$HERE/$name.ttf"
    pyftsubset "$name.ttf" --unicodes="$UNICODES" --layout-features="$FEATURES" \
        --name-IDs='*' --name-languages='*' --notdef-outline --no-hinting \
        --flavor=woff2 --output-file="$HERE/$name.woff2"
done
ls -l "$HERE"
