#!/usr/bin/env bash
# Builds the widget demo page into <out-dir>, ready for `demo --static <out-dir>` under the strict CSP
# (`script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`), then prints the gzip sizes (the first
# download, then each language file, fetched from <out-dir>/i18n/ only when its language shows).
#
#   authn-web/build.sh <out-dir>
#
# Needs on PATH: trunk 0.21.14 and wasm-bindgen (same version as Cargo.lock). wasm-opt comes from the npm
# binaryen in tests/js (run `npm ci` there), or $WASM_OPT. Honours CARGO_TARGET_DIR.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 <out-dir>" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
wasm_opt=${WASM_OPT:-$root/tests/js/node_modules/.bin/wasm-opt}
if [[ ! -x $wasm_opt ]]; then
  echo "wasm-opt not found at $wasm_opt (run npm ci in tests/js or set WASM_OPT)" >&2
  exit 1
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

# 1. trunk: release build with the size-tuned cargo profile (data-cargo-profile-release in index.html),
#    no inline loader, stable file names, no integrity hashes (see Trunk.toml).
(cd "$root" && trunk build --release --offline --config "$root/Trunk.toml" --dist "$out")

wasm="$out/authn-web-demo_bg.wasm"
js="$out/authn-web-demo.js"
for f in "$wasm" "$js" "$out/loader.js" "$out/index.html" "$out/i18n/en.json" "$out/i18n/ar.json"; do
  [[ -f $f ]] || { echo "missing build output: $f" >&2; exit 1; }
done

# 2. wasm-opt -Oz (trunk's own wasm-opt is off: data-wasm-opt="0").
"$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers "$wasm" -o "$wasm.opt"
mv "$wasm.opt" "$wasm"

# trunk leaves its (inert) <link data-trunk rel=rust> in place when it injects no scripts: drop it.
sed -i -E 's#<link [^>]*data-trunk[^>]*>##g' "$out/index.html"

# 3. CSP check of the page: no inline scripts, no inline styles, no integrity hashes left behind.
html="$out/index.html"
if grep -o '<script[^>]*>' "$html" | grep -qv 'src='; then
  echo "CSP: inline <script> in $html" >&2; exit 1
fi
if grep -qiE '<style|style=' "$html"; then
  echo "CSP: inline style in $html" >&2; exit 1
fi
if grep -q 'integrity=' "$html"; then
  sed -i 's/ integrity="[^"]*"//g' "$html"
fi
if grep -qE 'eval\(|new Function' "$js" "$out/loader.js"; then
  echo "CSP: eval or new Function in the JS glue" >&2; exit 1
fi

# 4. Sizes (gzip -9), what a browser downloads for the widget.
gz() { gzip -9 -c "$1" | wc -c; }
total=0
printf '%-28s %10s %10s\n' file bytes gzip
for f in "$wasm" "$js" "$out/loader.js" "$out"/*.css; do
  raw=$(wc -c <"$f")
  zipped=$(gz "$f")
  total=$((total + zipped))
  printf '%-28s %10d %10d\n' "$(basename "$f")" "$raw" "$zipped"
done
printf '%-28s %10s %10d  (%d KB)\n' total '' "$total" $(((total + 1023) / 1024))
# Each language other than English: fetched only when a page shows it (en.json is compiled in).
printf '\n%-28s %10s %10s\n' 'language file (on demand)' bytes gzip
for f in "$out"/i18n/*.json; do
  [[ $(basename "$f") == en.json ]] && continue
  printf '%-28s %10d %10d\n' "i18n/$(basename "$f")" "$(wc -c <"$f")" "$(gz "$f")"
done
