# Sourced by bin/run and bin/test: make sure .venv exists and holds the pinned requirements.
# Usage: . bin/_venv.sh [requirements-file]
_req="${1:-requirements.txt}"
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    echo "python3 -m venv failed: installing python3-venv (Debian/Ubuntu)..." >&2
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    elif command -v sudo >/dev/null; then
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    else
      echo "Please install python3-venv, then run this again." >&2
      exit 1
    fi
    python3 -m venv .venv
  fi
fi
_stamp=".venv/.installed-$(basename "$_req")"
_sum=$(cat requirements*.txt | sha256sum | cut -c1-16)
if [ ! -f "$_stamp" ] || [ "$(cat "$_stamp")" != "$_sum" ]; then
  echo "Installing Python packages from $_req ..." >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$_req"
  echo "$_sum" > "$_stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
