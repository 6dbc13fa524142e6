#!/usr/bin/env bash
# Refreshes the vendored bpmn.io browser bundles under src/main/resources/static/vendor/ from the npm
# registry (`npm pack`, no install, no build) and rewrites their SHA-256 list, which
# VendoredFilesTest checks on every test run. Only this script needs npm; the build and the tests do not.
#   scripts/refresh-vendor.sh            # the pinned version below
#   scripts/refresh-vendor.sh 1.24.0     # another @bpmn-io/form-js version (check the form schema version it reads)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FORM_JS_VERSION="${1:-1.23.0}"
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

(cd src/main/resources/static/vendor && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort \
  | xargs sha256sum > SHA256SUMS)
echo "vendored @bpmn-io/form-js ${FORM_JS_VERSION}; checksums in src/main/resources/static/vendor/SHA256SUMS"
