import type { Daemon } from './daemon';
import type { Process } from '../kernel/process';
import { ApiError, JsonStream, type JsonMessage } from './api';
import { familiarName, parseReference } from '../images/reference';
import { contentSize, ImageError, type Image } from '../images/store';
import { digestOf, RegistryError, type Registry, type RegistryAuth } from '../registry/registry';
import { connectRegistry } from './registries';
import { moveBlobs } from './transfer';

const enc = new TextEncoder();
/** Docker pushes up to five layers at a time (max-concurrent-uploads). */
const MAX_UPLOADS = 5;

/**
 * POST /images/{name}/push?tag=…: uploads an image's layers the registry lacks (top layer
 * first, as Docker lists them), then its config and a manifest, and streams the progress:
 * `Preparing`, `Layer already exists` or `Pushing` … `Pushed`, and `TAG: digest: … size: N`.
 * @sim partial: layers travel uncompressed as OCI tar layers.
 */
export function push(d: Daemon, client: Process, name: string, tag: string, auth: RegistryAuth): JsonStream {
  const ref = parseReference(`${name}:${tag}`);
  return new JsonStream(pushJob(d, client, ref.domain, ref.path, tag, auth));
}

async function* pushJob(d: Daemon, client: Process, domain: string, repo: string, tag: string, auth: RegistryAuth): AsyncGenerator<JsonMessage> {
  yield { status: `The push refers to repository [${domain}/${repo}]` };
  const name = familiarName({ domain, path: repo });
  let image: Image;
  let registry: Registry;
  try {
    try {
      image = d.images.resolve(`${name}:${tag}`);
    } catch (e) {
      if (e instanceof ImageError) throw new ApiError(404, `An image does not exist locally with the tag: ${name}`);
      throw e;
    }
    registry = connectRegistry(d, domain, client);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    yield { error: e.message, errorDetail: { message: e.message } };
    return;
  }
  const tars = d.images.layerTars(image);
  const layers = tars.map((tar, i) => ({ tar, digest: digestOf(tar), id: image.config.rootfs.diff_ids[i].slice(7, 19), size: contentSize(tar) })).reverse();
  for (const l of layers) yield { status: 'Preparing', progressDetail: {}, id: l.id };
  const upload: typeof layers = [];
  try {
    for (const l of layers) {
      if (registry.hasBlob(repo, l.digest, auth)) yield { status: 'Layer already exists', progressDetail: {}, id: l.id };
      else upload.push(l);
    }
    yield* moveBlobs(client, d.kernel.linkRate, upload, 'Pushing', (t) => {
      const l = upload.find((u) => u.id === t.id)!;
      registry.putBlob(repo, l.digest, l.tar, auth);
      return ['Pushed'];
    }, undefined, MAX_UPLOADS);
    const configDigest = digestOf(image.configBytes);
    if (!registry.hasBlob(repo, configDigest, auth)) registry.putBlob(repo, configDigest, image.configBytes, auth);
    const manifest = enc.encode(JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: image.configBytes.length },
      layers: [...layers].reverse().map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: l.digest, size: l.tar.length })),
    }));
    const digest = registry.putManifest(repo, tag, manifest, auth);
    d.images.addRepoDigest(image.id, `${name}@${digest}`);
    yield { status: `${tag}: digest: ${digest} size: ${manifest.length}` };
    yield { aux: { Tag: tag, Digest: digest, Size: manifest.length } };
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    const message = e.code === 'DENIED' ? 'denied: requested access to the resource is denied' : e.message;
    yield { error: message, errorDetail: { message } };
  }
}
