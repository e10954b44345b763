import { dockerHub, type Hub } from './hub';
import { digestOf, RegistryError, type Registry, type RegistryAuth, type StoredManifest } from './registry';

/**
 * Docker Hub as a registry: the catalogue's official images (read-only) plus the repositories
 * users push to their own namespace after `docker login`.
 * @sim partial: any username and non-empty password log in; accounts are not stored.
 */
export class HubRegistry implements Registry {
  private readonly pushed = new Map<string, Map<string, StoredManifest>>();
  private readonly pushedBlobs = new Map<string, Uint8Array>();

  constructor(private readonly hub: Hub = dockerHub()) {}

  login(auth: RegistryAuth): void {
    if (!auth.username || !auth.password || !/^[a-z0-9]{2,30}$/.test(auth.username)) {
      throw new RegistryError('UNAUTHORIZED', 'unauthorized: incorrect username or password');
    }
  }

  getManifest(repo: string, ref: string): StoredManifest {
    const own = this.pushed.get(repo);
    if (own) {
      const m = own.get(ref);
      if (!m) throw new RegistryError('MANIFEST_UNKNOWN', 'manifest unknown: manifest unknown');
      return m;
    }
    const m = this.hub.manifest(repo, ref);
    if (m === 'no-repo') throw new RegistryError('DENIED', 'repository does not exist or may require \'docker login\': denied: requested access to the resource is denied');
    if (m === 'no-tag') throw new RegistryError('MANIFEST_UNKNOWN', 'manifest unknown: manifest unknown');
    return { digest: m.digest, bytes: m.bytes };
  }

  getBlob(_repo: string, digest: string): Uint8Array {
    const b = this.hub.blobs.get(digest) ?? this.pushedBlobs.get(digest);
    if (!b) throw new RegistryError('BLOB_UNKNOWN', 'blob unknown to registry');
    return b;
  }

  hasBlob(repo: string, digest: string, auth: RegistryAuth): boolean {
    this.mayPush(repo, auth);
    return this.hub.blobs.has(digest) || this.pushedBlobs.has(digest);
  }

  putBlob(repo: string, digest: string, data: Uint8Array, auth: RegistryAuth): void {
    this.mayPush(repo, auth);
    if (digestOf(data) !== digest) throw new RegistryError('BLOB_UNKNOWN', 'digest invalid: provided digest did not match uploaded content');
    this.pushedBlobs.set(digest, data);
  }

  putManifest(repo: string, tag: string, bytes: Uint8Array, auth: RegistryAuth): string {
    this.mayPush(repo, auth);
    const digest = digestOf(bytes);
    const tags = this.pushed.get(repo) ?? new Map<string, StoredManifest>();
    tags.set(tag, { digest, bytes });
    tags.set(digest, { digest, bytes });
    this.pushed.set(repo, tags);
    return digest;
  }

  /** Only a logged-in user may push, and only to their own namespace. */
  private mayPush(repo: string, auth: RegistryAuth): void {
    if (!auth.username || repo.split('/')[0] !== auth.username) throw new RegistryError('DENIED', 'denied: requested access to the resource is denied');
  }
}

let hubRegistry: HubRegistry | undefined;

/** The Docker Hub every simulated host reaches. */
export function hubRegistryInstance(): HubRegistry {
  hubRegistry ??= new HubRegistry();
  return hubRegistry;
}
