// The sealing gateway, in-process: startGateway() serves the Office interface to callers without the key (legacy
// SOAP toolkits, curl), and does every call through createClient. `sogenactif-gateway` (bin.ts) runs it as a service.
export { startGateway, type GatewayClientOptions, type GatewayOptions, type RunningGateway } from './server';
export { loadTokensFile, type CallerToken } from './callers';
export { GATEWAY_ERRORS, GATEWAY_NS, type GatewayErrorCode } from './answers';
export { gatewayContract, GATEWAY_FILLED_FIELDS } from './contract';
