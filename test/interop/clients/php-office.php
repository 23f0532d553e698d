<?php
// PHP's SoapClient as a merchant would use it against the simulator: its own seal code and its own
// lexical forms. Usage: php php-office.php BASE_URL MERCHANT_ID SECRET_KEY REFERENCE
// Runs a payment, a partial cancel, a lookup and a refusal; prints the replies and the exact request
// texts it sent (__getLastRequest) as one JSON object.
[, $base, $merchantId, $key, $reference] = $argv;

/** Values in key order (byte order, as strcmp), containers in place with their own keys sorted, lists in order. */
function flatten($value, array &$out): void {
    if ($value === null) return;
    if ($value instanceof SoapVar) {
        $out[] = (string) $value->enc_value;
        return;
    }
    if (is_array($value)) {
        $isList = array_keys($value) === range(0, count($value) - 1);
        if (!$isList) ksort($value, SORT_STRING);
        foreach ($value as $item) flatten($item, $out);
        return;
    }
    $out[] = (string) $value;
}

function seal(array $fields, string $key): string {
    ksort($fields, SORT_STRING);
    $parts = [];
    foreach ($fields as $name => $value) {
        if (in_array($name, ['keyVersion', 'sealAlgorithm', 'seal'], true)) continue;
        flatten($value, $parts);
    }
    return hash_hmac('sha256', implode('', $parts), $key);
}

$clients = [];
$sent = [];
function call(string $service, string $operation, array $fields): array {
    global $base, $merchantId, $key, $clients, $sent;
    $clients[$service] ??= new SoapClient("$base/services/v2/$service?wsdl", ['trace' => true, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE, 'encoding' => 'UTF-8']);
    $fields['merchantId'] = $merchantId;
    $fields['keyVersion'] = 1;
    $fields['seal'] = seal($fields, $key);
    $reply = $clients[$service]->__soapCall($operation, [['input' => $fields]]);
    $sent[] = $clients[$service]->__getLastRequest();
    // The reply's seal, checked by this script's own code over the text of the reply's elements.
    $document = new DOMDocument();
    $document->loadXML($clients[$service]->__getLastResponse());
    $received = elementFields($document->getElementsByTagNameNS('*', 'output')->item(0));
    $result = json_decode(json_encode($reply->output ?? $reply), true);
    $result['sealVerifiedByPhpScript'] = hash_equals(seal($received, $key), $received['seal'] ?? '');
    return $result;
}

/** A reply element's children as the text they carried: leaves as text, containers as arrays. */
function elementFields(DOMElement $element): array {
    $out = [];
    foreach ($element->childNodes as $child) {
        if (!$child instanceof DOMElement) continue;
        $hasElements = false;
        foreach ($child->childNodes as $grandChild) $hasElements = $hasElements || $grandChild instanceof DOMElement;
        $value = $hasElements ? elementFields($child) : $child->textContent;
        $name = $child->localName;
        if (array_key_exists($name, $out)) $out[$name] = array_merge(is_array($out[$name]) && array_is_list($out[$name]) ? $out[$name] : [$out[$name]], [$value]);
        else $out[$name] = $value;
    }
    return $out;
}

// PHP's own forms: DATE_ATOM date-times (no fraction, +01:00), amounts as PHP ints or, for the cancel, a
// SoapVar carrying the text "+1100" (the sign xs:long allows), UTF-8 text beyond Latin-1, a nested contact.
$when = (new DateTimeImmutable('2026-11-27 20:05:09', new DateTimeZone('Europe/Paris')))->format(DATE_ATOM);
$common = ['currencyCode' => '978', 'orderChannel' => 'INTERNET', 'interfaceVersion' => 'IR_WS_2.55', 'cardExpiryDate' => '203012', 'merchantTransactionDateTime' => $when];
$payment = call('checkout', 'cardOrder', $common + [
    'amount' => 3100, 'cardNumber' => '5017679110380400', 'transactionReference' => $reference,
    'orderId' => 'Zamówienie №7 — Łódź €', 'holderContact' => ['firstname' => 'Józef', 'lastname' => 'Øster'],
]);
$cancel = call('cashManagement', 'cancel', [
    'operationAmount' => new SoapVar('+1100', XSD_STRING), 'currencyCode' => '978', 'operationOrigin' => 'PHP', 'interfaceVersion' => 'CR_WS_2.55', 'transactionReference' => $reference,
]);
$lookup = call('diagnostic', 'getTransactionData', ['interfaceVersion' => 'DR_WS_2.55', 'transactionReference' => $reference]);
$refusal = call('checkout', 'cardOrder', $common + ['amount' => 990, 'cardNumber' => '4100000000000514', 'transactionReference' => $reference . 'R']);
echo json_encode(['payment' => $payment, 'cancel' => $cancel, 'lookup' => $lookup, 'refusal' => $refusal, 'sent' => $sent, 'php' => PHP_VERSION], JSON_UNESCAPED_UNICODE), "\n";
