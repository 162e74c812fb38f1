#!/usr/bin/env bash
# Starts the production form's Kafka broker from kafka/server.properties: SASL_SSL with SCRAM for every client,
# each service its own user, the controller on the broker's loopback only, and ACLs under which each service
# writes only its own topic and reads only what it consumes. Every password and the TLS key are read from
# secret files (/run/secrets); none is taken from the environment, and the long-running broker gets none on its
# command line. Topics are created here, not by the services, which may not create topics.
set -euo pipefail
secrets=${VILLAGE_SECRETS:-/run/secrets}
data=/var/lib/kafka/data
work=$(mktemp -d)
chmod 700 "$work"
secret() { tr -d '\r\n' < "$secrets/$1"; }
# a value inside the JAAS line's double quotes, inside a .properties file
jaas_value() { printf '%s' "$1" | sed -e 's/\\/\\\\\\\\/g' -e 's/"/\\\\"/g'; }

# Kafka's own tools read a SCRAM password from a comma-separated list, so a comma cannot be given to them
# (any other character can: the apps write their JAAS lines themselves, escaped)
for name in kafka_admin_password intake_kafka_password case_kafka_password referral_kafka_password \
    notification_kafka_password reporting_kafka_password; do
  case "$(secret "$name")" in
    *,*) echo "The secret $name holds a comma, which Kafka's tools cannot read in a SCRAM password:" \
           "choose one without (./village secrets makes them from letters, digits, - and _)." >&2
         exit 1 ;;
    "") echo "The secret $name is empty." >&2
         exit 1 ;;
  esac
done

admin_password=$(secret kafka_admin_password)
config="$work/server.properties"
sed -e "s|@CONTROLLER_PORT@|9093|g" -e "s|@PORT@|9092|g" -e "s|@HOST@|${KAFKA_HOST:-kafka}|g" \
    -e "s|@KEYSTORE@|$secrets/kafka_keystore.pem|g" -e "s|@TRUSTSTORE@|$secrets/village_ca.pem|g" \
    -e "s|@LOG_DIRS@|$data|g" /village/kafka/server.properties > "$work/template"
escaped=$(jaas_value "$admin_password")
template=$(< "$work/template")
umask 077
printf '%s\n' "${template//@ADMIN_PASSWORD@/"$escaped"}" > "$config"
rm -f "$work/template"

cat > "$work/admin.properties" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
ssl.truststore.type=PEM
ssl.truststore.location=$secrets/village_ca.pem
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(jaas_value "$admin_password")";
PROPS
chmod 600 "$work/admin.properties"
cp "$work/admin.properties" /tmp/admin.properties

if [ ! -f "$data/meta.properties" ]; then
  # the admin's SCRAM credential must exist before the broker starts: written once, by this one-shot format
  /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${KAFKA_CLUSTER_ID:-village-prod-kraft1}" \
    --config "$config" --add-scram "SCRAM-SHA-512=[name=admin,password=\"${admin_password}\"]"
fi
/opt/kafka/bin/kafka-server-start.sh "$config" &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker"' TERM INT

admin() { /opt/kafka/bin/"$1" --bootstrap-server "${KAFKA_HOST:-kafka}:9092" --command-config "$work/admin.properties" "${@:2}"; }
until admin kafka-broker-api-versions.sh > /dev/null 2>&1; do
  kill -0 "$broker" 2>/dev/null || exit 1
  sleep 1
done

# Each service's SCRAM credential, from its secret file (kafka-configs reads it from a file, not its arguments).
for service in intake case referral notification reporting; do
  # a .properties file: a backslash is written twice to be read once
  printf 'SCRAM-SHA-512=[password=%s]\n' "$(secret "${service}_kafka_password" | sed -e 's/\\/\\\\/g')" \
    > "$work/scram.properties"
  admin kafka-configs.sh --alter --entity-type users --entity-name "$service" --add-config-file "$work/scram.properties"
done
rm -f "$work/scram.properties"

for topic in intake.events.v1 case.events.v1 referral.events.v1 notification.events.v1; do
  for name in "$topic" "$topic-dlt"; do
    admin kafka-topics.sh --create --if-not-exists --topic "$name" --partitions "${KAFKA_PARTITIONS:-3}" \
      --replication-factor 1
  done
done

# The ACLs: exactly org.village.events.TopicAccess.rules() (KafkaAuthorizationIT holds this list to it).
acl() {
  local principal=$1 operations=$2 resource=$3 pattern=$4 name=$5 args=()
  IFS=, read -ra ops <<< "$operations"
  for op in "${ops[@]}"; do args+=(--operation "$op"); done
  admin kafka-acls.sh --add --allow-principal "$principal" "${args[@]}" --"$resource" "$name" \
    --resource-pattern-type "$pattern" > /dev/null
}
acl User:intake Write,Describe topic LITERAL intake.events.v1
acl User:intake Read,Describe topic LITERAL case.events.v1
acl User:intake Write,Read,Describe topic LITERAL case.events.v1-dlt
acl User:intake Read group PREFIXED intake-
acl User:case Write,Describe topic LITERAL case.events.v1
acl User:case Read,Describe topic LITERAL intake.events.v1
acl User:case Write,Read,Describe topic LITERAL intake.events.v1-dlt
acl User:case Read,Describe topic LITERAL referral.events.v1
acl User:case Write,Read,Describe topic LITERAL referral.events.v1-dlt
acl User:case Read,Describe topic LITERAL notification.events.v1
acl User:case Write,Read,Describe topic LITERAL notification.events.v1-dlt
acl User:case Read group PREFIXED case-
acl User:referral Write,Describe topic LITERAL referral.events.v1
acl User:referral Read,Describe topic LITERAL case.events.v1
acl User:referral Write,Read,Describe topic LITERAL case.events.v1-dlt
acl User:referral Read,Describe topic LITERAL intake.events.v1
acl User:referral Write,Read,Describe topic LITERAL intake.events.v1-dlt
acl User:referral Read group PREFIXED referral-
acl User:notification Write,Describe topic LITERAL notification.events.v1
acl User:notification Read,Describe topic LITERAL intake.events.v1
acl User:notification Write,Read,Describe topic LITERAL intake.events.v1-dlt
acl User:notification Read,Describe topic LITERAL case.events.v1
acl User:notification Write,Read,Describe topic LITERAL case.events.v1-dlt
acl User:notification Read,Describe topic LITERAL referral.events.v1
acl User:notification Write,Read,Describe topic LITERAL referral.events.v1-dlt
acl User:notification Read,Describe topic LITERAL notification.events.v1
acl User:notification Write,Read,Describe topic LITERAL notification.events.v1-dlt
acl User:notification Read group PREFIXED notification-
acl User:reporting Read,Describe topic LITERAL intake.events.v1
acl User:reporting Write,Read,Describe topic LITERAL intake.events.v1-dlt
acl User:reporting Read,Describe topic LITERAL case.events.v1
acl User:reporting Write,Read,Describe topic LITERAL case.events.v1-dlt
acl User:reporting Read,Describe topic LITERAL referral.events.v1
acl User:reporting Write,Read,Describe topic LITERAL referral.events.v1-dlt
acl User:reporting Read,Describe topic LITERAL notification.events.v1
acl User:reporting Write,Read,Describe topic LITERAL notification.events.v1-dlt
acl User:reporting Read group PREFIXED reporting-

touch /tmp/village-kafka-ready
wait "$broker"
