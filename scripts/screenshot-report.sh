#!/usr/bin/env bash
# Renders the HTML report of the sample page in headless Chromium, takes PNG screenshots at 1280x800
# (a laptop), 390x844 (a phone) and 1280x800 in the dark scheme into docs/, and checks that the page
# made no network request.
#
#   scripts/screenshot-report.sh [OUT_DIR]        (default: docs)
#   REPORT_FLAGS="--rules my-entities.jsonl" scripts/screenshot-report.sh /tmp/shots   (extra report flags)
#
# Installs Debian's chromium with apt-get when it is missing. Chromium runs offline: no sandbox (root
# in a container), no GPU, no QUIC, no first-run, background networking, component updates or sync,
# and a fresh profile in a temporary folder.
#
# How "no failed requests" is checked, three ways, any of which fails the script:
# 1. Statically: the HTML has no src= attribute, no CSS url() or @import, and every href= is a
#    fragment (#...) or data: URL. The page also carries a Content-Security-Policy (default-src
#    'none'), so the browser itself would refuse any fetch that slipped in.
# 2. Chromium's NetLog (--log-net-log: every request the browser made, the page's and its own): no
#    request may come from the page. A request's URL_REQUEST_START_JOB event names its initiator:
#    the page's carry its origin ("null" for a file: page) and a file:// network isolation key;
#    Chromium's own background requests (network time, account checks, which the flags below do not
#    all stop) carry "not an origin". Those are listed but are not the page's. `SELFTEST=1` first
#    checks a broken copy of the page (an external image, no CSP) and expects it to be caught.
# 3. Chromium's log (--enable-logging=stderr --v=1): no console message about a refused or failed
#    load ("violates the following Content Security Policy", "Refused to", "Failed to load", "ERR_").
#    `SELFTEST=1` also checks a copy with an external image that the CSP blocks.
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
out=${1:-docs}
mkdir -p "$out"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "installing chromium (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  chromium=$(command -v chromium)
fi
echo "$("$chromium" --version 2>/dev/null || echo chromium)"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsnlp/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/newsnlp"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html="$work/report.html"
# shellcheck disable=SC2086 # REPORT_FLAGS is a list of flags
"$bin" report tests/data/cp-2026-01-06-carney-paris.txt --format html -o "$html" ${REPORT_FLAGS:-}

# 1. Static check of the page.
python3 - "$html" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
problems = []
problems += [f"src attribute: {m}" for m in re.findall(r"\ssrc\s*=\s*[\"']?[^\s>]*", page, re.I)]
problems += [f"CSS fetch: {m}" for m in re.findall(r"url\(|@import", page, re.I)]
for target in re.findall(r"\shref\s*=\s*[\"']?([^\"'\s>]*)", page, re.I):
    if not (target.startswith("#") or target.startswith("data:")):
        problems.append(f"href leaves the page: {target}")
if "default-src 'none'" not in page:
    problems.append("no Content-Security-Policy with default-src 'none'")
if problems:
    sys.exit("the page could fetch something:\n  " + "\n  ".join(problems))
print("static check: no src, no url(), no @import, only #fragment and data: links, CSP default-src 'none'")
PY

# Takes one screenshot at WIDTHxHEIGHT, with a NetLog and a verbose log kept for the checks.
shoot() {
  local width=$1 height=$2 name=$3 profile
  shift 3  # any further arguments are extra Chromium flags
  profile=$(mktemp -d -p "$work")
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --disable-extensions --no-default-browser-check --hide-scrollbars \
    --disable-features=NetworkTimeServiceQuerying,MediaRouter,OptimizationHints,Translate \
    --disable-client-side-phishing-detection --disable-domain-reliability --no-pings --metrics-recording-only \
    --user-data-dir="$profile" --enable-logging=stderr --v=1 --log-net-log="$work/$name.netlog.json" \
    --force-device-scale-factor=1 --window-size="$width,$height" "$@" \
    --screenshot="$out/$name.png" "file://$html" >"$work/$name.log" 2>&1 || {
      tail -20 "$work/$name.log" >&2
      echo "chromium failed for $name" >&2
      exit 1
    }
  # 2. and 3. The NetLog and the console.
  python3 - "$work/$name.netlog.json" "$work/$name.log" "$out/$name.png" "$width" "$height" <<'PY'
import json, re, struct, sys
netlog_path, log_path, png, width, height = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
netlog = json.load(open(netlog_path, encoding="utf-8"))
types = {v: k for k, v in netlog["constants"]["logEventTypes"].items()}
# A request's URL_REQUEST_START_JOB names its initiator: the page's requests carry the page's origin
# ("null" for a file: page) and a file:// network isolation key; Chromium's own background requests
# (network time, account checks) carry "not an origin". Every request of the page is a failure here,
# whether it succeeded or not: the page must need nothing.
page_requests, own_requests, errors = {}, {}, {}
for e in netlog["events"]:
    p, src = e.get("params", {}), e["source"]["id"]
    if types[e["type"]] == "URL_REQUEST_START_JOB" and "url" in p:
        by_page = p.get("initiator") != "not an origin" or "file://" in p.get("network_isolation_key", "")
        (page_requests if by_page else own_requests)[src] = p["url"]
    if isinstance(p.get("net_error"), int) and p["net_error"] < 0:
        errors[src] = p["net_error"]
if page_requests:
    failed = {u: errors.get(s) for s, u in page_requests.items()}
    sys.exit(f"{netlog_path}: the page made requests (URL: net error): {failed}")
log = open(log_path, encoding="utf-8", errors="replace").read()
# Console messages only: Chromium's own components log their failed background requests too.
bad = [l for l in log.splitlines()
       if re.search(r"CONSOLE|Refused to", l) and re.search(r"Refused to|Failed to load|ERR_|Content Security Policy|blocked", l)]
if bad:
    sys.exit(f"{log_path}: the console reports refused or failed loads:\n" + "\n".join(bad[:10]))
with open(png, "rb") as f:
    head = f.read(24)
if head[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{png} is not a PNG")
w, h = struct.unpack(">II", head[16:24])
if (w, h) != (width, height):
    sys.exit(f"{png} is {w}x{h}, expected {width}x{height}")
hosts = sorted({re.sub(r"^[a-z]+://([^/]+).*$", r"\1", u) for u in own_requests.values()})
print(f"{png}: {w}x{h}; the page made no request; no console error about a load; "
      f"Chromium's own background requests, not the page's: {len(own_requests)} ({', '.join(hosts) or 'none'})")
PY
}

if [ "${SELFTEST:-0}" = 1 ]; then
  # The checks must catch a page that fetches: an external image, and no CSP to stop it.
  sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
      -e 's|<main class="page">|<main class="page"><img src="http://example.invalid/x.png" alt="">|' "$html" >"$work/broken.html"
  if (html="$work/broken.html"; out="$work"; shoot 640 480 broken) >"$work/selftest.out" 2>&1; then
    echo "self-test FAILED: a page with an external image passed the checks" >&2
    exit 1
  fi
  echo "self-test: a page with an external image is caught: $(grep -o 'the page made requests.*' "$work/selftest.out" | head -c 200)"
  # With the CSP kept, the browser blocks the image and says so on the console.
  sed -e 's|<main class="page">|<main class="page"><img src="http://example.invalid/x.png" alt="">|' "$html" >"$work/blocked.html"
  if (html="$work/blocked.html"; out="$work"; shoot 640 480 blocked) >"$work/selftest2.out" 2>&1; then
    echo "self-test FAILED: a page whose image the CSP blocks passed the checks" >&2
    exit 1
  fi
  echo "self-test: an image blocked by the CSP is caught: $(grep -o 'Content Security Policy directive: [^.]*' "$work/selftest2.out" | head -1)"
fi

shoot 1280 800 report-1280x800
shoot 390 844 report-390x844
shoot 1280 800 report-1280x800-dark --force-dark-mode --blink-settings=preferredColorScheme=0
