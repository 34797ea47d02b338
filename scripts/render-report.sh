#!/usr/bin/env bash
# Renders a report the way a reader sees it: DOCX → PDF with LibreOffice,
# then chosen pages → PNG with pdftoppm, to look at the layout.
#
#   scripts/render-report.sh REPORT.docx [OUT_DIR] [PAGES...]
#
# Needs the Debian packages libreoffice-writer (or libreoffice-writer-nogui),
# poppler-utils and fonts-liberation (metric-compatible with Times New Roman).
# Not run in CI. Pages default to the first and the last (the appendix ends
# the document; pass its first page number to see its head).
set -euo pipefail
docx=${1:?usage: scripts/render-report.sh REPORT.docx [OUT_DIR] [PAGES...]}
out=${2:-target/report-render}
shift $(( $# > 1 ? 2 : 1 ))
mkdir -p "$out"
for tool in soffice pdftoppm pdfinfo; do
    command -v "$tool" > /dev/null || { echo "missing $tool (apt-get install libreoffice-writer poppler-utils)" >&2; exit 1; }
done
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$docx" > /dev/null
pdf="$out/$(basename "${docx%.*}").pdf"
count=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(1 "$count")
for p in "${pages[@]}"; do
    pdftoppm -png -r 70 -f "$p" -l "$p" "$pdf" "$out/page-$p"
done
echo "$pdf: $count pages; PNG of pages ${pages[*]} in $out"
