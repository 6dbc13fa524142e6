#!/usr/bin/env bash
# Refreshes the vendored bpmn.io browser bundles under src/main/resources/static/vendor/ from the npm
# registry (`npm pack`, no install, no build) and rewrites their SHA-256 list, which
# VendoredFilesTest checks on every test run. Only this script needs npm; the build and the tests do not.
#   scripts/refresh-vendor.sh            # the pinned version below
#   scripts/refresh-vendor.sh 1.24.0 18.31.1   # other @bpmn-io/form-js / bpmn-js versions (check the form schema version it reads)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FORM_JS_VERSION="${1:-1.23.0}"
BPMN_JS_VERSION="${2:-18.31.1}"
target=src/main/resources/static/vendor/form-js
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@bpmn-io/form-js@${FORM_JS_VERSION}" >/dev/null && tar xzf ./*.tgz)
rm -rf "$target"
mkdir -p "$target/assets/flatpickr"
cp "$work/package/dist/form-viewer.umd.js" "$target/"
cp "$work/package/dist/assets/form-js.css" "$target/assets/"
cp "$work/package/dist/assets/flatpickr/light.css" "$target/assets/flatpickr/"
# MIT plus the bpmn.io watermark clause: the "Powered by bpmn.io" link must stay fully visible.
cp "$work/package/LICENSE" "$target/LICENSE"
echo "@bpmn-io/form-js ${FORM_JS_VERSION} (npm pack; dist/form-viewer.umd.js, dist/assets/form-js.css, dist/assets/flatpickr/light.css)" \
  > "$target/VERSION"

# bpmn-js: the navigated viewer (view, scroll, zoom; no modelling) for the case and process pages.
bpmn="$work/bpmn-js"
mkdir -p "$bpmn"
(cd "$bpmn" && npm pack --silent "bpmn-js@${BPMN_JS_VERSION}" >/dev/null && tar xzf ./*.tgz)
target=src/main/resources/static/vendor/bpmn-js
rm -rf "$target"
mkdir -p "$target/assets/bpmn-font/css" "$target/assets/bpmn-font/font"
cp "$bpmn/package/dist/bpmn-navigated-viewer.production.min.js" "$target/"
cp "$bpmn/package/dist/assets/bpmn-js.css" "$bpmn/package/dist/assets/diagram-js.css" "$target/assets/"
cp "$bpmn/package/dist/assets/bpmn-font/css/bpmn.css" "$target/assets/bpmn-font/css/"
cp "$bpmn/package/dist/assets/bpmn-font/font/"bpmn.woff2 "$bpmn/package/dist/assets/bpmn-font/font/"bpmn.woff "$target/assets/bpmn-font/font/"
cp "$bpmn/package/LICENSE" "$target/LICENSE"
echo "bpmn-js ${BPMN_JS_VERSION} (npm pack; dist/bpmn-navigated-viewer.production.min.js, dist/assets/{bpmn-js,diagram-js}.css, dist/assets/bpmn-font/{css/bpmn.css,font/bpmn.woff2,font/bpmn.woff})" \
  > "$target/VERSION"

(cd src/main/resources/static/vendor && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort \
  | xargs sha256sum > SHA256SUMS)
echo "vendored @bpmn-io/form-js ${FORM_JS_VERSION} and bpmn-js ${BPMN_JS_VERSION}; checksums in src/main/resources/static/vendor/SHA256SUMS"
