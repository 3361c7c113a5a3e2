#!/usr/bin/env bash
# Drives the goDFS REST gateway with curl, as a user would: health, mkdir, upload, stat, list, download,
# ranges, conditional GET, multipart upload, rename, delete and an error. Exits non-zero on the first
# failure, naming it.
#   GODFS_REST_BASE_URL  gateway (default http://127.0.0.1:8080)
#   REST_SMOKE_PREFIX    folder to work in (default /smoke; removed at the end)
#   GODFS_TEST_API_KEY   sent as "Authorization: Bearer <key>" when set
set -euo pipefail

BASE="${GODFS_REST_BASE_URL:-http://127.0.0.1:8080}"
PREFIX="${REST_SMOKE_PREFIX:-/smoke}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
AUTH=()
[ -n "${GODFS_TEST_API_KEY:-}" ] && AUTH=(-H "Authorization: Bearer ${GODFS_TEST_API_KEY}")

fail() { echo "rest smoke: FAILED: $*" >&2; exit 1; }
# call EXPECTED_STATUS curl-args...: runs curl, body to $WORK/body, headers to $WORK/headers
call() {
  local want="$1"; shift
  local got
  got="$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "${AUTH[@]}" "$@")" || fail "curl $*"
  [ "$got" = "$want" ] || fail "expected $want, got $got for: curl $* -> $(head -c 300 "$WORK/body")"
}
q() { printf '%s' "$1" | sed 's|/|%2F|g'; }  # the path query parameter, with / escaped

call 200 "$BASE/v1/health"
grep -q '"status":"ok"' "$WORK/body" || fail "health body"

curl -sS -o /dev/null "${AUTH[@]}" -X DELETE "$BASE/v1/fs?path=$(q "$PREFIX")&recursive=true" || true
call 204 -X POST -H 'Content-Type: application/json' -d "{\"path\":\"$PREFIX/in\",\"parents\":true}" "$BASE/v1/fs/mkdir"

head -c 3000000 /dev/urandom > "$WORK/local.bin"
call 204 -T "$WORK/local.bin" "$BASE/v1/fs/content?path=$(q "$PREFIX/in/file.bin")"
etag="$(grep -i '^etag:' "$WORK/headers" | cut -d' ' -f2- | tr -d '\r')"
[ -n "$etag" ] || fail "PUT returned no ETag"

call 200 "$BASE/v1/fs/stat?path=$(q "$PREFIX/in/file.bin")"
grep -q '"size":3000000' "$WORK/body" || fail "stat size: $(cat "$WORK/body")"

call 200 "$BASE/v1/fs/list?path=$(q "$PREFIX/in")"
grep -q '"name":"file.bin"' "$WORK/body" || fail "list: $(cat "$WORK/body")"

call 200 "$BASE/v1/fs/content?path=$(q "$PREFIX/in/file.bin")"
cmp -s "$WORK/local.bin" "$WORK/body" || fail "downloaded bytes differ"

call 206 -H 'Range: bytes=1000-1999' "$BASE/v1/fs/content?path=$(q "$PREFIX/in/file.bin")"
cmp -s "$WORK/body" <(tail -c +1001 "$WORK/local.bin" | head -c 1000) || fail "range bytes differ"
call 304 -H "If-None-Match: $etag" "$BASE/v1/fs/content?path=$(q "$PREFIX/in/file.bin")"
call 416 -H 'Range: bytes=9999999-' "$BASE/v1/fs/content?path=$(q "$PREFIX/in/file.bin")"

call 200 -X POST -H 'Content-Type: application/json' -d "{\"path\":\"$PREFIX/joined.bin\"}" "$BASE/v1/fs/multipart"
upload="$(sed -n 's/.*"upload_id":"\([0-9a-f]*\)".*/\1/p' "$WORK/body")"
[ -n "$upload" ] || fail "no upload_id in $(cat "$WORK/body")"
head -c 1000000 "$WORK/local.bin" > "$WORK/p1"
tail -c +1000001 "$WORK/local.bin" > "$WORK/p2"
call 204 -T "$WORK/p2" "$BASE/v1/fs/multipart/$upload?partNumber=2"
call 204 -T "$WORK/p1" "$BASE/v1/fs/multipart/$upload?partNumber=1"
call 200 "$BASE/v1/fs/multipart/$upload/parts"
grep -q '"part_number":2' "$WORK/body" || fail "parts: $(cat "$WORK/body")"
call 200 -X POST -H 'Content-Type: application/json' -d '{"parts":[{"part_number":1},{"part_number":2}]}' \
  "$BASE/v1/fs/multipart/$upload/complete"
call 200 "$BASE/v1/fs/content?path=$(q "$PREFIX/joined.bin")"
cmp -s "$WORK/local.bin" "$WORK/body" || fail "multipart result differs"

call 204 -X POST -H 'Content-Type: application/json' \
  -d "{\"old_path\":\"$PREFIX/joined.bin\",\"new_path\":\"$PREFIX/in/renamed.bin\"}" "$BASE/v1/fs/rename"
call 404 "$BASE/v1/fs/stat?path=$(q "$PREFIX/joined.bin")"
grep -q '"code":"not_found"' "$WORK/body" || fail "404 body: $(cat "$WORK/body")"
call 204 -X DELETE "$BASE/v1/fs?path=$(q "$PREFIX")&recursive=true"
call 404 "$BASE/v1/fs/stat?path=$(q "$PREFIX")"

echo "rest smoke: OK ($BASE)"
