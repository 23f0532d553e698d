// Where each service lives: the PROD and TEST hosts, or any base URL (the simulator, a proxy).

export const ENDPOINT_HOSTS = {
  PROD: 'https://office-server.sogenactif.com',
  TEST: 'https://office-server-sogenactif.test.sips-services.com',
} as const;

export type EnvironmentName = keyof typeof ENDPOINT_HOSTS;
/** 'PROD', 'TEST' or a base URL such as http://127.0.0.1:8080 (the simulator). */
export type Environment = EnvironmentName | (string & {});

/** Base URL of an environment, without a trailing slash. */
export function baseUrl(environment: Environment): string {
  if (environment === 'PROD' || environment === 'TEST') return ENDPOINT_HOSTS[environment as EnvironmentName];
  let url: URL;
  try {
    url = new URL(environment);
  } catch {
    throw new TypeError(`environment must be 'PROD', 'TEST' or an http(s) base URL, got "${environment}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`environment URL must use http or https, got "${url.protocol}"`);
  if (url.username || url.password) throw new TypeError('environment URL must not carry credentials');
  return url.toString().replace(/\/+$/, '');
}

/** https://<host>/services/v2/<service> */
export function serviceUrl(environment: Environment, service: string): string {
  return `${baseUrl(environment)}/services/v2/${service}`;
}
