#!/usr/bin/env bash
# Starts the compose stack's MongoDB as a one-member replica set with authentication. A replica set with
# authentication needs a key file for its members; it is made once and kept with the data.
set -euo pipefail
keyfile=/data/db/replica-set.key
if [ ! -f "$keyfile" ]; then
  head -c 756 /dev/urandom | base64 | tr -d '\n' > "$keyfile"
fi
chmod 400 "$keyfile"
chown mongodb:mongodb "$keyfile" 2>/dev/null || true
exec docker-entrypoint.sh mongod --replSet rs0 --bind_ip_all --keyFile "$keyfile"
