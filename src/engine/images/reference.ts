/**
 * Image references as Docker parses them: `ubuntu` means `docker.io/library/ubuntu:latest`,
 * `localhost:5000/app:v1` names a registry, `name@sha256:…` a digest.
 */

/** A parsed reference. */
export interface Reference {
  /** `docker.io`, `localhost:5000`, … */
  domain: string;
  /** The repository path, `library/ubuntu` for official images. */
  path: string;
  tag?: string;
  digest?: string;
}

/** The error Docker gives for a malformed reference. */
export class ReferenceError extends Error {
  constructor(readonly input: string, reason = 'invalid reference format') {
    super(reason === 'invalid reference format' ? 'invalid reference format' : reason);
    this.name = 'ReferenceError';
  }
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses a reference; throws ReferenceError as Docker would reject it. */
export function parseReference(input: string): Reference {
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new ReferenceError(input);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ReferenceError(input);
  }
  if (rest === '') throw new ReferenceError(input);
  if (/[A-Z]/.test(rest)) throw new ReferenceError(input, 'repository name must be lowercase');
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) domain = parts.shift()!;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (parts.some((p) => !COMPONENT.test(p))) throw new ReferenceError(input);
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  return { domain, path: parts.join('/'), tag, digest };
}

/** The short form Docker shows: `ubuntu`, `student/app`, `localhost:5000/app`. */
export function familiarName(r: Reference): string {
  if (r.domain !== 'docker.io') return `${r.domain}/${r.path}`;
  return r.path.startsWith('library/') ? r.path.slice(8) : r.path;
}

/** `name:tag` with the default tag filled in, the key images are tagged under. */
export function taggedName(input: string): string {
  const r = parseReference(input);
  return `${familiarName(r)}:${r.tag ?? 'latest'}`;
}
