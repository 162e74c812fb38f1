#!/usr/bin/env bash
# Starts the compose stack's Kafka broker (KRaft) with SASL/SCRAM: every service has its own user, created
# when the log directory is formatted on first start. Passwords come from the environment only.
set -euo pipefail
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD}"
config=/tmp/server.properties
cat > "$config" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
log.dirs=/var/lib/kafka/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
PROPS
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPS
users=(--add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]")
for service in intake case referral notification; do
  variable="$(echo "$service" | tr a-z A-Z)_KAFKA_PASSWORD"
  users+=(--add-scram "SCRAM-SHA-512=[name=${service},password=${!variable:?set $variable}]")
done
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${KAFKA_CLUSTER_ID:-village-compose-kraft1}" \
  --config "$config" "${users[@]}"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
