import { sha256 } from '../storage/digest';

/** A manifest as a registry returns it: its bytes and the digest they hash to. */
export interface StoredManifest {
  digest: string;
  bytes: Uint8Array;
}

/** The OCI image manifest fields a client reads. */
export interface ManifestJson {
  schemaVersion: number;
  mediaType: string;
  config: { mediaType: string; digest: string; size: number };
  layers: { mediaType: string; digest: string; size: number }[];
}

/**
 * A registry's error, with the code the Distribution API gives it (`MANIFEST_UNKNOWN`,
 * `NAME_UNKNOWN`, `DENIED`, `UNAUTHORIZED`, `BLOB_UNKNOWN`).
 */
export class RegistryError extends Error {
  constructor(readonly code: 'MANIFEST_UNKNOWN' | 'NAME_UNKNOWN' | 'DENIED' | 'UNAUTHORIZED' | 'BLOB_UNKNOWN', message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Who a request comes from: the credentials `docker login` stored, if any. */
export interface RegistryAuth {
  username?: string;
  password?: string;
}

/**
 * What a registry serves, as the Distribution API (v2) exposes it: manifests by tag or digest
 * and blobs (configs and layers) by digest, per repository.
 * @sim partial: calls are direct, not HTTP; the wire protocol's status codes become RegistryErrors.
 */
export interface Registry {
  /** GET /v2/ with credentials: throws UNAUTHORIZED for bad ones. */
  login(auth: RegistryAuth): void;
  /** GET /v2/<repo>/manifests/<ref>. */
  getManifest(repo: string, ref: string, auth: RegistryAuth): StoredManifest;
  /** GET /v2/<repo>/blobs/<digest>. */
  getBlob(repo: string, digest: string, auth: RegistryAuth): Uint8Array;
  /** HEAD /v2/<repo>/blobs/<digest>: whether a push may skip this blob. */
  hasBlob(repo: string, digest: string, auth: RegistryAuth): boolean;
  /** POST+PUT /v2/<repo>/blobs/uploads/: stores a blob, checking its digest. */
  putBlob(repo: string, digest: string, data: Uint8Array, auth: RegistryAuth): void;
  /** PUT /v2/<repo>/manifests/<tag>: returns the manifest's digest. */
  putManifest(repo: string, tag: string, bytes: Uint8Array, auth: RegistryAuth): string;
}

/** `sha256:<hex>` of bytes, as registries address content. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${sha256(bytes)}`;
}
