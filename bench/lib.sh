# Shared steps of the benchmarks that run a server on the large data set
# (bench/export, bench/briefing): sourced, not run. Each step prints its failure and
# exits; the caller's EXIT trap calls bench_stop and removes $tmp.
#
# Needs: $bin (the release `accord`), $tmp (a temporary directory), $here (bench/).

pid=""

# bench_large_data DIR: `accord migrate` and `accord demo --scale large` into DIR.
bench_large_data() {
  local data="$1"
  echo "== Data: the large illustrative set in $data"
  "$bin" migrate --data-dir "$data" >>"$tmp/cli.log" 2>&1 || { cat "$tmp/cli.log" >&2; exit 1; }
  "$bin" demo --scale large --data-dir "$data" 2>>"$tmp/cli.log" | sed 's/^/  /' ||
    { cat "$tmp/cli.log" >&2; exit 1; }
}

# bench_reader DIR EMAIL NAME: a TOP SECRET administrator (who sees every record, the
# heaviest case) with a random password kept in $tmp/password.
bench_reader() {
  local data="$1" email="$2" name="$3"
  python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$tmp/password"
  "$bin" user add --email "$email" --name "$name" --role admin --clearance top_secret \
    --password-stdin --data-dir "$data" <"$tmp/password" >>"$tmp/cli.log" 2>&1 ||
    { cat "$tmp/cli.log" >&2; exit 1; }
}

# bench_serve DIR: `accord serve` on a free loopback port, waiting for /healthz; sets
# $pid and $url. The environment passes through (ACCORD_READ_CACHE, …).
bench_serve() {
  local data="$1" port deadline
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  url="http://127.0.0.1:$port"
  echo "== Server: $url"
  ACCORD_SITE_ROOT="$T/site" "$bin" serve --addr "127.0.0.1:$port" --data-dir "$data" >>"$tmp/server.log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "bench: the server did not answer $url/healthz; its log:" >&2
      tail -n 30 "$tmp/server.log" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# bench_stop: ends the server (TERM, then KILL after 5 s).
bench_stop() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}

# bench_rss_kb FIELD: the server's VmRSS or VmHWM in KiB.
bench_rss_kb() {
  awk -v f="$1" '$1 == f":" { print $2 }' "/proc/$pid/status"
}
