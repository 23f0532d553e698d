// Where each service lives: the PROD and TEST hosts, or any base URL (the simulator, a proxy).

export const ENDPOINT_HOSTS = {
  PROD: 'https://office-server.sogenactif.com',
  TEST: 'https://office-server-sogenactif.test.sips-services.com',
} as const;

export type EnvironmentName = keyof typeof ENDPOINT_HOSTS;
/** 'PROD', 'TEST' or a base URL such as http://127.0.0.1:8080 (the simulator). */
export type Environment = EnvironmentName | (string & {});

export interface EndpointOptions {
  /**
   * Allow plain http:// to a host other than loopback (a deliberate opt-in: the seal alone does not protect a payment).
   */
  readonly allowInsecureHttp?: boolean;
}

/**
 * Loopback hosts, where plain http:// is accepted (the simulator, a local proxy): 127.0.0.0/8, ::1 (bracketed
 * or not) and the name `localhost` itself. A name under `.localhost` is not trusted: whether it resolves to
 * this machine depends on the resolver, and a name is not an address.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Base URL of an environment, without a trailing slash. Never echoes credentials found in the URL. */
export function baseUrl(environment: Environment, options: EndpointOptions = {}): string {
  if (environment === 'PROD' || environment === 'TEST') return ENDPOINT_HOSTS[environment as EnvironmentName];
  let url: URL;
  try {
    url = new URL(environment);
  } catch {
    // The text may hold a password or a key: it is never repeated.
    throw new TypeError(`environment must be 'PROD', 'TEST' or an http(s) base URL (the value given is not a URL)`);
  }
  if (url.username || url.password) throw new TypeError('environment URL must not carry credentials (user:password@)');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`environment URL must use http or https, got "${url.protocol.slice(0, 20)}"`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw new TypeError(
      `environment URL uses plain http:// to ${url.hostname.slice(0, 100)}` +
        `: only https, or http to a loopback address, unless allowInsecureHttp is set`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}

/** https://<host>/services/v2/<service> */
export function serviceUrl(environment: Environment, service: string, options: EndpointOptions = {}): string {
  return `${baseUrl(environment, options)}/services/v2/${service}`;
}

/**
 * Where a foreign contract's operation is sent: its WSDL's soap:address as written for 'PROD' and 'TEST' (names
 * of Sogenactif hosts, which a foreign service does not live on), or with the scheme, host and port of an
 * environment given as a base URL (a local test server, a proxy), the base URL's path prefixed to the address's.
 */
export function addressUrl(environment: Environment, address: string, options: EndpointOptions = {}): string {
  let target: URL;
  try {
    target = new URL(address);
  } catch {
    throw new TypeError(`the operation's soap:address is not a URL: ${address.slice(0, 200)}`);
  }
  if (environment === 'PROD' || environment === 'TEST') return target.toString();
  return `${baseUrl(environment, options)}${target.pathname}${target.search}`;
}
