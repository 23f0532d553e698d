<?php
// A legacy PHP merchant system paying through the sealing gateway: PHP's SoapClient generated from the gateway's
// WSDL, and NO seal code, no key, no merchantId (the gateway holds one merchant). Usage:
//   php gateway-php.php GATEWAY_URL REFERENCE
// Runs a payment, a refusal, a partial cancel, a lookup and a payment whose reply the simulator drops
// (orderId FAULT_DROP_...); prints the replies and the gateway's fault for the dropped one as one JSON object.
[, $base, $reference] = $argv;

$clients = [];
function client(string $service): SoapClient {
    global $base, $clients;
    return $clients[$service] ??= new SoapClient("$base/services/v2/$service?wsdl", ['trace' => true, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE, 'encoding' => 'UTF-8']);
}

function call(string $service, string $operation, array $fields): array {
    try {
        $reply = client($service)->__soapCall($operation, [['input' => $fields]]);
        return json_decode(json_encode($reply->output ?? $reply), true);
    } catch (SoapFault $fault) {
        // The gateway's documented fault: faultcode gw:<code>, the detail in its own namespace.
        $document = new DOMDocument();
        $document->loadXML(client($service)->__getLastResponse());
        $detail = [];
        foreach ($document->getElementsByTagNameNS('urn:sogenactif-office:gateway:v1', '*') as $element) {
            $hasElements = false;
            foreach ($element->childNodes as $child) $hasElements = $hasElements || $child instanceof DOMElement;
            if (!$hasElements) $detail[$element->localName] = $element->textContent;
        }
        return ['fault' => $fault->faultcode, 'faultstring' => $fault->faultstring, 'detail' => $detail];
    }
}

$common = ['currencyCode' => '978', 'orderChannel' => 'INTERNET', 'cardExpiryDate' => '203012'];
$payment = call('checkout', 'cardOrder', $common + ['amount' => 3100, 'cardNumber' => '5017679110380400', 'transactionReference' => $reference, 'orderId' => 'Zamówienie №7']);
$refusal = call('checkout', 'cardOrder', $common + ['amount' => 990, 'cardNumber' => '4100000000000514', 'transactionReference' => $reference . 'R']);
$cancel = call('cashManagement', 'cancel', ['operationAmount' => 1100, 'currencyCode' => '978', 'operationOrigin' => 'PHP', 'transactionReference' => $reference]);
$lookup = call('diagnostic', 'getTransactionData', ['transactionReference' => $reference]);
$dropped = call('checkout', 'cardOrder', $common + ['amount' => 1500, 'cardNumber' => '4200000000000000', 'transactionReference' => $reference . 'D', 'orderId' => 'FAULT_DROP_' . $reference]);
echo json_encode(['payment' => $payment, 'refusal' => $refusal, 'cancel' => $cancel, 'lookup' => $lookup, 'dropped' => $dropped, 'php' => PHP_VERSION], JSON_UNESCAPED_UNICODE), "\n";
