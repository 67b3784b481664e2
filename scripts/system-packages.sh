#!/usr/bin/env bash
# Installs the Debian packages that `make run` (and, with "test", `make test`) needs, but only
# those that are missing: a prepared machine needs no root and no network, and a Node.js that
# came from elsewhere is not replaced by Debian's.
set -euo pipefail
python=${PYTHON:-python3}
missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
"$python" -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ "${1:-}" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null || missing+=(npm)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "Installing Debian packages: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
