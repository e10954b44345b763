import type { Vfs } from '../vfs/vfs';
import type { Process } from '../kernel/process';
import { isSysError } from '../kernel/errors';
import { digestOf, RegistryError, type Registry, type StoredManifest } from './registry';

const dec = new TextDecoder();

/**
 * A private registry's storage, laid out in its container's filesystem as Distribution's
 * filesystem driver lays it out under `rootdirectory`:
 *
 *     docker/registry/v2/blobs/sha256/ab/abcd…/data                     the blob's bytes
 *     docker/registry/v2/repositories/NAME/_layers/sha256/abcd…/link    the repository may use it
 *     docker/registry/v2/repositories/NAME/_manifests/revisions/sha256/abcd…/link
 *     docker/registry/v2/repositories/NAME/_manifests/tags/TAG/current/link
 *     docker/registry/v2/repositories/NAME/_manifests/tags/TAG/index/sha256/abcd…/link
 *
 * so `find /var/lib/registry` inside the registry container shows what was pushed.
 * @sim partial: no authentication (registry:2's default configuration has none).
 */
export class FilesystemRegistry implements Registry {
  constructor(private readonly fs: Vfs, private readonly who: Process, private readonly root: string) {}

  private get v2(): string {
    return `${this.root.replace(/\/$/, '')}/docker/registry/v2`;
  }
  private blobPath(digest: string): string {
    const hex = digest.slice(7);
    return `${this.v2}/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`;
  }
  private repoDir(repo: string): string {
    return `${this.v2}/repositories/${repo}`;
  }

  private mkdirs(path: string): void {
    let cur = '';
    for (const part of path.split('/').filter(Boolean)) {
      cur += `/${part}`;
      if (!this.fs.exists(this.who, cur)) this.fs.mkdir(this.who, cur, 0o755);
    }
  }
  private write(path: string, data: Uint8Array | string): void {
    this.mkdirs(path.slice(0, path.lastIndexOf('/')));
    this.fs.writeFile(this.who, path, data, { mode: 0o644 });
  }
  private read(path: string): Uint8Array | undefined {
    try {
      return this.fs.readFile(this.who, path);
    } catch (e) {
      if (isSysError(e, 'ENOENT') || isSysError(e, 'ENOTDIR')) return undefined;
      throw e;
    }
  }
  private link(path: string): string | undefined {
    const b = this.read(path);
    return b ? dec.decode(b) : undefined;
  }

  login(): void {}

  getManifest(repo: string, ref: string): StoredManifest {
    const dir = this.repoDir(repo);
    if (!this.fs.exists(this.who, dir)) throw new RegistryError('NAME_UNKNOWN', 'name unknown: repository name not known to registry');
    const digest = ref.startsWith('sha256:')
      ? (this.link(`${dir}/_manifests/revisions/sha256/${ref.slice(7)}/link`) ? ref : undefined)
      : this.link(`${dir}/_manifests/tags/${ref}/current/link`);
    const bytes = digest ? this.read(this.blobPath(digest)) : undefined;
    if (!digest || !bytes) throw new RegistryError('MANIFEST_UNKNOWN', 'manifest unknown: manifest unknown');
    return { digest, bytes };
  }

  getBlob(repo: string, digest: string): Uint8Array {
    const linked = this.link(`${this.repoDir(repo)}/_layers/sha256/${digest.slice(7)}/link`);
    const bytes = linked ? this.read(this.blobPath(digest)) : undefined;
    if (!bytes) throw new RegistryError('BLOB_UNKNOWN', 'blob unknown: blob unknown to registry');
    return bytes;
  }

  hasBlob(repo: string, digest: string): boolean {
    if (this.link(`${this.repoDir(repo)}/_layers/sha256/${digest.slice(7)}/link`)) return true;
    // A blob another repository holds is linked in (a cross-repository mount) rather than re-sent.
    if (this.read(this.blobPath(digest))) {
      this.write(`${this.repoDir(repo)}/_layers/sha256/${digest.slice(7)}/link`, digest);
      return true;
    }
    return false;
  }

  putBlob(repo: string, digest: string, data: Uint8Array): void {
    if (digestOf(data) !== digest) throw new RegistryError('BLOB_UNKNOWN', 'digest invalid: provided digest did not match uploaded content');
    this.write(this.blobPath(digest), data);
    this.write(`${this.repoDir(repo)}/_layers/sha256/${digest.slice(7)}/link`, digest);
  }

  putManifest(repo: string, tag: string, bytes: Uint8Array): string {
    const digest = digestOf(bytes);
    const dir = this.repoDir(repo);
    this.write(this.blobPath(digest), bytes);
    this.write(`${dir}/_manifests/revisions/sha256/${digest.slice(7)}/link`, digest);
    this.write(`${dir}/_manifests/tags/${tag}/current/link`, digest);
    this.write(`${dir}/_manifests/tags/${tag}/index/sha256/${digest.slice(7)}/link`, digest);
    return digest;
  }
}
