import type { Daemon } from './daemon';
import type { Process } from '../kernel/process';
import { ApiError, JsonStream, type JsonMessage } from './api';
import { familiarName, parseReference } from '../images/reference';
import { chainIds, contentSize, type ImageConfig } from '../images/store';
import { RegistryError, type ManifestJson, type Registry, type RegistryAuth } from '../registry/registry';
import { connectRegistry } from './registries';
import { extract, moveBlobs } from './transfer';

const dec = new TextDecoder();

/** A registry's error as the daemon words it for a pull of `name:tag`. */
export function pullError(e: unknown, name: string, want: string): never {
  if (!(e instanceof RegistryError)) throw e;
  if (e.code === 'DENIED') throw new ApiError(404, `pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
  if (e.code === 'UNAUTHORIZED') throw new ApiError(401, `Head "${name}": unauthorized: incorrect username or password`);
  if (e.code === 'MANIFEST_UNKNOWN' || e.code === 'NAME_UNKNOWN') throw new ApiError(404, `manifest for ${name}${want.startsWith('sha256:') ? '@' : ':'}${want} not found: manifest unknown: manifest unknown`);
  throw new ApiError(500, e.message);
}

/**
 * POST /images/create?fromImage=…: pulls an image. The manifest is fetched before the answer
 * starts (so a missing image is an HTTP error); then each layer the daemon lacks is downloaded
 * over the simulated link (three at a time), verified and extracted bottom first, streaming
 * Docker's progress messages. Layers the daemon holds are reported as `Already exists`.
 * @sim partial: layers travel uncompressed (digest = diffID) and are registered once all are in.
 */
export function pull(d: Daemon, client: Process, image: string, tag: string | undefined, auth: RegistryAuth): JsonStream {
  if (image === 'scratch' || image === 'library/scratch') throw new ApiError(400, "'scratch' is a reserved name");
  const ref = parseReference(tag ? `${image}:${tag}` : image);
  const want = ref.digest ?? ref.tag ?? 'latest';
  const name = familiarName(ref);
  const registry = connectRegistry(d, ref.domain, client);
  let manifest: { digest: string; bytes: Uint8Array };
  let m: ManifestJson;
  let configBytes: Uint8Array;
  try {
    manifest = registry.getManifest(ref.path, want, auth);
    m = JSON.parse(dec.decode(manifest.bytes)) as ManifestJson;
    configBytes = registry.getBlob(ref.path, m.config.digest, auth);
  } catch (e) {
    pullError(e, name, want);
  }
  const key = ref.digest ? undefined : `${name}:${want}`;
  const shown = ref.digest ? `${name}@${ref.digest}` : key!;
  return new JsonStream(pullJob(d, client, registry, ref.path, auth, { name, want, key, shown, digest: manifest.digest, m, configBytes }));
}

async function* pullJob(
  d: Daemon, client: Process, registry: Registry, repo: string, auth: RegistryAuth,
  p: { name: string; want: string; key?: string; shown: string; digest: string; m: ManifestJson; configBytes: Uint8Array },
): AsyncGenerator<JsonMessage> {
  yield { status: `Pulling from ${repo}`, id: p.key ? p.want : p.name };
  const config = JSON.parse(dec.decode(p.configBytes)) as ImageConfig;
  const id = `sha256:${p.m.config.digest.slice(7)}`;
  const finish = (fresh: boolean): JsonMessage[] => [
    { status: `Digest: ${p.digest}` },
    { status: `Status: ${fresh ? 'Downloaded newer image for' : 'Image is up to date for'} ${p.shown}` },
  ];
  if (d.images.images.has(id)) {
    // The image is here already: at most a new tag for it.
    const fresh = p.key !== undefined && d.images.tags.get(p.key) !== id;
    if (fresh) d.images.tag(id, p.key!);
    d.images.addRepoDigest(id, `${p.name}@${p.digest}`);
    yield* finish(fresh);
    return;
  }
  const chain = chainIds(config.rootfs.diff_ids);
  const tars: Uint8Array[] = [];
  const missing: { id: string; size: number; index: number }[] = [];
  for (const [i, l] of p.m.layers.entries()) {
    const short = l.digest.slice(7, 19);
    if (d.images.hasLayer(chain[i])) {
      yield { status: 'Already exists', progressDetail: {}, id: short };
      tars.push(new Uint8Array(0));
      continue;
    }
    yield { status: 'Pulling fs layer', progressDetail: {}, id: short };
    let tar: Uint8Array;
    try {
      tar = registry.getBlob(repo, l.digest, auth);
    } catch (e) {
      if (e instanceof RegistryError) {
        yield { error: e.message, errorDetail: { message: e.message } };
        return;
      }
      throw e;
    }
    tars.push(tar);
    missing.push({ id: short, size: contentSize(tar), index: i });
  }
  const rate = d.kernel.linkRate;
  yield* moveBlobs(client, rate, missing, 'Downloading', () => ['Verifying Checksum', 'Download complete'], (t) => extract(client, rate * 4, t));
  // Layers already held are not needed again: addImage reuses them by chain ID.
  const img = d.images.addImage(config, tars.map((t, i) => (t.length ? t : d.snapshots.diff(chain[i]))));
  if (p.key) d.images.tag(img.id, p.key);
  d.images.addRepoDigest(img.id, `${p.name}@${p.digest}`);
  yield* finish(true);
}
