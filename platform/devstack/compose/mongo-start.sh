#!/usr/bin/env bash
# Starts the production form's MongoDB: a one-member replica set with authentication, accepting TLS connections
# only (certificate and CA from secret files). The replica set's member key file is made once and kept with the
# data; the replica set is initiated once, by mongo-initiate.js, which reads the root password from its file.
set -euo pipefail
keyfile=/data/db/replica-set.key
if [ ! -f "$keyfile" ]; then
  (umask 077 && head -c 756 /dev/urandom | base64 | tr -d '\n' > "$keyfile")
fi
chmod 400 "$keyfile"
chown mongodb:mongodb "$keyfile" 2>/dev/null || true
tls=(--tls --tlsCAFile /run/secrets/village_ca.pem --host mongo)
(
  until mongosh --quiet "${tls[@]}" --eval 'db.hello().ok' > /dev/null 2>&1; do sleep 1; done
  mongosh --quiet "${tls[@]}" --file /village/mongo-initiate.js
) &
exec docker-entrypoint.sh mongod --replSet rs0 --bind_ip_all --keyFile "$keyfile" \
  --tlsMode requireTLS --tlsCertificateKeyFile /run/secrets/mongo_tls.pem --tlsCAFile /run/secrets/village_ca.pem \
  --tlsAllowConnectionsWithoutCertificates
