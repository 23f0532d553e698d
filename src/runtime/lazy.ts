// Loads each service's generated modules on first use, not when the package is loaded: the descriptors of
// all nine services are most of the package's code (hundreds of KB of JavaScript), and a program often calls
// one or two services. CommonJS only (this runtime is compiled to CommonJS; the generated code itself stays
// free of require, so it compiles as ESM or CommonJS in users' projects).
import type { Invoke } from './descriptor';
import type { ServiceClients } from '../../generated';
import { generatedExports, serviceClientFactories } from '../../generated/manifest';

type GeneratedFolder = keyof typeof generatedExports;

/** The module of one folder of generated/ ('.' is the root index, which loads every service). */
export function loadGenerated<T = Record<string, unknown>>(folder: GeneratedFolder): T {
  // Literal prefixes, so that the module paths stay relative to this file in dist/ and in the sources.
  return (folder === '.' ? require('../../generated') : require(`../../generated/${folder}`)) as T;
}

/** Defines every value of generated/ on `target` as an enumerable getter that loads its folder on first read. */
export function defineGeneratedExports(target: object): void {
  // One descriptor object for the 184 names (defineProperty reads it when called): less garbage at load.
  const descriptor: PropertyDescriptor = { enumerable: true, configurable: true, get: undefined };
  for (const folder of Object.keys(generatedExports) as GeneratedFolder[]) {
    for (const name of generatedExports[folder]) {
      if (Object.prototype.hasOwnProperty.call(target, name)) continue;
      const get = (): unknown => loadGenerated(folder)[name];
      descriptor.get = get;
      Object.defineProperty(target, name, descriptor);
    }
  }
}

/** The service clients, each built (and its service's modules loaded) on first access. */
export function createLazyServiceClients<T extends object>(target: T, invoke: Invoke): T & ServiceClients {
  for (const service of Object.keys(serviceClientFactories) as (keyof typeof serviceClientFactories)[]) {
    Object.defineProperty(target, service, {
      enumerable: true,
      configurable: true,
      get() {
        const factory =
          loadGenerated<Record<string, (invoke: Invoke) => unknown>>(service)[serviceClientFactories[service]]!;
        const client = factory(invoke);
        Object.defineProperty(target, service, {
          value: client,
          enumerable: true,
          configurable: false,
          writable: false,
        });
        return client;
      },
    });
  }
  return target as T & ServiceClients;
}
