#!/bin/sh
# The init step of docker-compose.yml: prepares Fauna as the README's "Preparing Fauna" does (collections with
# history_days, ts/ref indexes, sample documents, a read-only role and a key), then creates the connector from
# config/fauna-source.json with the key's secret through the Connect REST API.
set -eu
apk add --no-cache curl jq >/dev/null

FAUNA_URL="${FAUNA_URL:-http://fauna:8443}"
FAUNA_ADMIN_SECRET="${FAUNA_ADMIN_SECRET:-secret}"
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"

# Runs one FQL v4 query, written in Fauna's wire JSON, with the admin secret.
fql() {
  curl -sS --fail-with-body -X POST -H "Authorization: Bearer $FAUNA_ADMIN_SECRET" \
    -H "Content-Type: application/json" --data @"$1" "$FAUNA_URL/"
}

until curl -sf "$FAUNA_URL/ping" >/dev/null; do echo "waiting for Fauna at $FAUNA_URL"; sleep 2; done
for query in /fauna-setup/0[1-4]-*.json; do
  echo "Fauna: $(basename "$query")"
  fql "$query" >/dev/null
done
SECRET="$(fql /fauna-setup/05-key.json | jq -r '.resource.secret')"
echo "Fauna: created the connector's key (role kafka-connect-readonly)"

until curl -sf "$CONNECT_URL/connectors" >/dev/null; do echo "waiting for Kafka Connect at $CONNECT_URL"; sleep 2; done
jq --arg endpoint "$FAUNA_URL" --arg secret "$SECRET" \
  '. + {"fauna.endpoint": $endpoint, "fauna.secret": $secret}' /config/fauna-source.json \
  | curl -sS --fail-with-body -X PUT -H "Content-Type: application/json" --data @- \
    "$CONNECT_URL/connectors/fauna-source/config"
echo
echo "Connector fauna-source created: curl $CONNECT_URL/connectors/fauna-source/status"
