# Sourced by check-notebook.sh and refresh-notebooks-data.sh: the notebook's Python venv, created under
# $HOME/.cache and reused; pip runs again only when notebooks-data/requirements.txt changes.
# Sets NOTEBOOK_VENV (override with the environment variable of that name).
NOTEBOOK_VENV="${NOTEBOOK_VENV:-$HOME/.cache/newsnlp/notebook-py}"
notebook_venv() {
  local req="notebooks-data/requirements.txt" stamp="$NOTEBOOK_VENV/.requirements.sha256" want
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  [[ -x "$NOTEBOOK_VENV/bin/python" ]] || python3 -m venv "$NOTEBOOK_VENV"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    "$NOTEBOOK_VENV/bin/pip" install -q --disable-pip-version-check -r "$req"
    echo "$want" >"$stamp"
  fi
}

# The newsnlp Python package of this checkout (python/) in the venv. pip runs every time, since the Rust code may
# have changed; with a warm target folder ($CARGO_TARGET_DIR) cargo has nothing to build and it takes seconds.
notebook_package() {
  "$NOTEBOOK_VENV/bin/pip" install -q --disable-pip-version-check ./python
}

# The newsnlp binary: $NEWSNLP_BIN, or a release build in $CARGO_TARGET_DIR (default ./target).
newsnlp_bin() {
  if [[ -n "${NEWSNLP_BIN:-}" ]]; then
    echo "$NEWSNLP_BIN"
  else
    cargo build --release --quiet >&2
    echo "${CARGO_TARGET_DIR:-target}/release/newsnlp"
  fi
}

# The figures the notebook saves, by name.
NOTEBOOK_FIGURES=(top-entities cooccurrence-network topics-over-time entities-over-time places-map quoted-speakers)
