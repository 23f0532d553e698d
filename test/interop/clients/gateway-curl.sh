#!/usr/bin/env bash
# A merchant system with nothing but curl paying through the sealing gateway's JSON interface: NO seal code, no
# key, no merchantId. Usage: bash gateway-curl.sh GATEWAY_URL REFERENCE
# Runs a payment, a refusal, a partial cancel, a lookup and a payment whose reply the simulator drops (orderId
# FAULT_DROP_...); prints one line per call: the name, the HTTP status, the body.
set -euo pipefail
base=$1 reference=$2
post() { # name path json
  local status body
  body=$(curl -sS -o - -w '\n%{http_code}' -H 'Content-Type: application/json' -H "X-Request-Id: curl-$1-$reference" --data "$3" "$base/rs-services/v2/$2")
  status=${body##*$'\n'}
  printf '%s %s %s\n' "$1" "$status" "${body%$'\n'*}"
}
card='"currencyCode":"978","orderChannel":"INTERNET","cardExpiryDate":"203012"'
post payment checkout/cardOrder "{$card,\"amount\":4200,\"cardNumber\":\"4200000000000000\",\"transactionReference\":\"$reference\"}"
post refusal checkout/cardOrder "{$card,\"amount\":990,\"cardNumber\":\"4100000000000514\",\"transactionReference\":\"${reference}R\"}"
post cancel cashManagement/cancel "{\"operationAmount\":1200,\"currencyCode\":\"978\",\"operationOrigin\":\"CURL\",\"transactionReference\":\"$reference\"}"
post lookup diagnostic/getTransactionData "{\"transactionReference\":\"$reference\"}"
post dropped checkout/cardOrder "{$card,\"amount\":1500,\"cardNumber\":\"4200000000000000\",\"transactionReference\":\"${reference}D\",\"orderId\":\"FAULT_DROP_$reference\"}"
