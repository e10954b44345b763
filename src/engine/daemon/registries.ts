import type { Daemon } from './daemon';
import type { Process } from '../kernel/process';
import { ApiError, type ApiRequest } from './api';
import { isSysError } from '../kernel/errors';
import { hubRegistryInstance } from '../registry/hub-registry';
import type { Registry, RegistryAuth } from '../registry/registry';
import { base64Decode } from '../programs/base64';

/** The names by which the host reaches itself (where published ports listen). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

/** The URL scheme the daemon uses for a registry: plain HTTP for loopback ones (insecure by default). */
export function registryUrl(domain: string): string {
  const host = domain.replace(/:\d+$/, '');
  return `${LOOPBACK.has(host) ? 'http' : 'https'}://${domain === 'docker.io' ? 'registry-1.docker.io' : domain}/v2/`;
}

/**
 * Connects to the registry `domain` names: Docker Hub for docker.io; for `localhost:PORT` (or the
 * host's own name) whatever listens on that port of the host, which is a published container port
 * when a registry container runs; other names do not resolve (the simulated host has no
 * Internet beyond Docker Hub).
 */
export function connectRegistry(d: Daemon, domain: string, client: Process): Registry {
  if (domain === 'docker.io') return hubRegistryInstance();
  const m = /^(.*?)(?::(\d+))?$/.exec(domain)!;
  const host = m[1];
  const port = Number(m[2] ?? (LOOPBACK.has(host) ? 80 : 443));
  if (LOOPBACK.has(host) || host === d.kernel.hostUts.hostname) {
    try {
      return d.kernel.tcp.connect<Registry>(d.kernel.hostNamespaces().net, port, client);
    } catch (e) {
      if (isSysError(e, 'ECONNREFUSED')) throw new ApiError(500, `Get "${registryUrl(domain)}": dial tcp 127.0.0.1:${port}: connect: connection refused`);
      throw e;
    }
  }
  throw new ApiError(500, `Get "${registryUrl(domain)}": dial tcp: lookup ${host} on 10.0.2.3:53: no such host`);
}

/** The credentials the client sent in X-Registry-Auth (base64url JSON), if any. */
export function requestAuth(req: ApiRequest): RegistryAuth {
  const h = req.headers?.['X-Registry-Auth'];
  if (!h) return {};
  try {
    const json = JSON.parse(new TextDecoder().decode(base64Decode(h.replace(/-/g, '+').replace(/_/g, '/')).bytes)) as RegistryAuth;
    return { username: json.username, password: json.password };
  } catch {
    return {};
  }
}
