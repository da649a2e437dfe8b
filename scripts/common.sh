# Shared settings for scripts/*: sourced, never run on its own.
# Paths: the repository root, the tool cache and the Cargo target directory (T).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ACCORD_TOOLS:-$HOME/.cache/accord/tools}"
T="${CARGO_TARGET_DIR:-target}"
case "$T" in
  /*) ;;
  *) T="$ROOT/$T" ;;
esac
export CARGO_TARGET_DIR="$T"
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"

# The built site (WASM bundle, CSS, images) that the server serves.
export ACCORD_SITE_ROOT="$T/site"

# Compile-checked queries read .sqlx/ when it is there (no database needed to build).
if [[ -d "$ROOT/.sqlx" && -z "${SQLX_OFFLINE:-}" ]]; then
  export SQLX_OFFLINE=true
fi

# The wasm-bindgen version the app is linked against: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}
