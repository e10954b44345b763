import type { Snapshotter } from '../storage/snapshotter';
import { sha256 } from '../storage/digest';
import { writeTar, readTar, TarError, type TarEntry } from '../storage/tar';
import { LayerError } from '../storage/layer';
import { taggedName } from './reference';

/** An OCI image configuration (the parts Docker fills in). */
export interface ImageConfig {
  architecture: string;
  os: string;
  created: string;
  author?: string;
  config: {
    Env?: string[];
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object>;
    Volumes?: Record<string, object>;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
  };
  rootfs: { type: 'layers'; diff_ids: string[] };
  history: { created: string; created_by?: string; comment?: string; empty_layer?: boolean; author?: string }[];
}

/** An image in the store. */
export interface Image {
  /** `sha256:` + the digest of the config blob. */
  id: string;
  config: ImageConfig;
  configBytes: Uint8Array;
  /** Snapshot keys of its layers, bottom first (the chain IDs). */
  chain: string[];
  /** Bytes of each layer's tar content, bottom first. */
  layerSizes: number[];
}

/** An image store error, with the HTTP status the daemon answers it with. */
export class ImageError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** containerd's chain ID: the first layer's diffID, then sha256 of "parent child". */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) out.push(out.length === 0 ? d : `sha256:${sha256(`${out[out.length - 1]} ${d}`)}`);
  return out;
}

const MEDIA = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
};
const KNOWN_LAYER_TYPES = new Set([MEDIA.layer, 'application/vnd.docker.image.rootfs.diff.tar']);

/**
 * The daemon's images: configs addressed by digest, tags pointing at them, and layers held once
 * in the snapshotter under their chain IDs, however many images share them.
 */
export class ImageStore {
  readonly images = new Map<string, Image>();
  /** `name:tag` → image ID. */
  readonly tags = new Map<string, string>();
  /** Image ID → `name@sha256:…` for images pulled from a registry (their manifest digests). */
  readonly repoDigests = new Map<string, Set<string>>();

  constructor(private readonly snapshots: Snapshotter, private readonly now: () => number) {}

  /** Finds an image by `name[:tag]`, full or short ID; throws 404 as Docker does. */
  resolve(ref: string): Image {
    const byTag = (() => {
      try {
        return this.tags.get(taggedName(ref));
      } catch {
        return undefined;
      }
    })();
    if (byTag) return this.images.get(byTag)!;
    const hex = ref.replace(/^sha256:/, '');
    if (/^[a-f0-9]{4,64}$/.test(hex)) {
      const hits = [...this.images.keys()].filter((id) => id.slice(7).startsWith(hex));
      if (hits.length === 1) return this.images.get(hits[0])!;
    }
    throw new ImageError(404, `No such image: ${ref}`);
  }

  /** Whether the layer with this chain ID is already held. */
  hasLayer(chainId: string): boolean {
    return this.snapshots.walk().some((s) => s.key === chainId);
  }

  /** Adds layers (tars, bottom first) and a config; returns the image. Layers already held are reused. */
  addImage(config: ImageConfig, layers: Uint8Array[]): Image {
    const configBytes = enc.encode(JSON.stringify(config));
    const id = `sha256:${sha256(configBytes)}`;
    const chain = chainIds(config.rootfs.diff_ids);
    chain.forEach((key, i) => {
      if (this.snapshots.walk().some((s) => s.key === key)) return;
      this.snapshots.apply(key, layers[i], i === 0 ? undefined : chain[i - 1]);
    });
    const image: Image = { id, config, configBytes, chain, layerSizes: layers.map(contentSize) };
    this.images.set(id, image);
    return image;
  }

  /** docker import: a single-layer image from a root filesystem tar. */
  importTar(tar: Uint8Array, ref: string | undefined, source: string): Image {
    let entries: TarEntry[];
    try {
      entries = readTar(tar);
    } catch (e) {
      if (e instanceof TarError) throw new ImageError(500, e.message);
      throw e;
    }
    const layer = writeTar(entries.map((e) => ({ ...e, path: e.path.replace(/^(\.\/|\/)+/, '') })).filter((e) => e.path !== '' && e.path !== './'));
    const diffId = `sha256:${sha256(layer)}`;
    const created = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, (m) => `${m.slice(0, 4)}000000Z`);
    const config: ImageConfig = {
      architecture: 'amd64',
      os: 'linux',
      created,
      config: {},
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, created_by: '', comment: `Imported from ${source}` }],
    };
    let image: Image;
    try {
      image = this.addImage(config, [layer]);
    } catch (e) {
      if (e instanceof LayerError) throw new ImageError(500, e.message);
      throw e;
    }
    if (ref) this.tag(image.id, ref);
    return image;
  }

  /** docker commit: a new image of `parent` plus one layer, sharing the parent's layers. */
  addCommitted(config: ImageConfig, parent: Image, layer: Uint8Array, ref?: string): Image {
    const configBytes = enc.encode(JSON.stringify(config));
    const id = `sha256:${sha256(configBytes)}`;
    const chain = chainIds(config.rootfs.diff_ids);
    const key = chain.at(-1)!;
    if (!this.snapshots.walk().some((s) => s.key === key)) this.snapshots.apply(key, layer, parent.chain.at(-1));
    const image: Image = { id, config, configBytes, chain, layerSizes: [...parent.layerSizes, contentSize(layer)] };
    this.images.set(id, image);
    if (ref) this.tag(id, ref);
    return image;
  }

  /** docker tag: points `name:tag` at an image. */
  tag(id: string, ref: string): void {
    this.tags.set(taggedName(ref), id);
  }

  /** The tags of an image. */
  tagsOf(id: string): string[] {
    return [...this.tags.entries()].filter(([, v]) => v === id).map(([k]) => k).sort();
  }

  /** The layer tars of an image, bottom first. */
  layerTars(image: Image): Uint8Array[] {
    return image.chain.map((key) => this.snapshots.diff(key));
  }

  /** Total size of an image's layers' contents. */
  size(image: Image): number {
    return image.layerSizes.reduce((a, b) => a + b, 0);
  }

  /**
   * docker save: the images as Docker 25+ writes them — an OCI image layout (oci-layout,
   * index.json, blobs/sha256/…) plus the legacy manifest.json and repositories.
   */
  save(refs: string[]): Uint8Array {
    const blobs = new Map<string, Uint8Array>();
    const put = (data: Uint8Array) => {
      const hex = sha256(data);
      blobs.set(hex, data);
      return { digest: `sha256:${hex}`, size: data.length, path: `blobs/sha256/${hex}` };
    };
    const indexManifests: unknown[] = [];
    const legacy: { Config: string; RepoTags: string[] | null; Layers: string[] }[] = [];
    const repositories: Record<string, Record<string, string>> = {};
    const seen = new Set<string>();
    for (const ref of refs) {
      const image = this.resolve(ref);
      const named = this.tags.has((() => { try { return taggedName(ref); } catch { return ''; } })()) ? [taggedName(ref)] : [];
      if (seen.has(image.id) && named.length === 0) continue;
      seen.add(image.id);
      const cfg = put(image.configBytes);
      const layers = this.layerTars(image).map(put);
      const manifest = enc.encode(JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.manifest,
        config: { mediaType: MEDIA.config, digest: cfg.digest, size: cfg.size },
        layers: layers.map((l) => ({ mediaType: MEDIA.layer, digest: l.digest, size: l.size })),
      }));
      const m = put(manifest);
      const annotations: Record<string, string> = {};
      if (named[0]) {
        const [name, tag] = [named[0].slice(0, named[0].lastIndexOf(':')), named[0].slice(named[0].lastIndexOf(':') + 1)];
        annotations['io.containerd.image.name'] = `${name.includes('/') ? (name.includes('.') || name.includes(':') ? name : `docker.io/${name}`) : `docker.io/library/${name}`}:${tag}`;
        annotations['org.opencontainers.image.ref.name'] = tag;
        (repositories[name] ??= {})[tag] = image.id.slice(7);
      }
      indexManifests.push({ mediaType: MEDIA.manifest, digest: m.digest, size: m.size, ...(named[0] ? { annotations } : {}) });
      legacy.push({ Config: cfg.path, RepoTags: named.length ? named : null, Layers: layers.map((l) => l.path) });
    }
    const t = Math.floor(this.now() / 1000);
    const file = (path: string, data: Uint8Array): TarEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: t, data });
    const entries: TarEntry[] = [
      { path: 'blobs/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: t },
      { path: 'blobs/sha256/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: t },
      ...[...blobs.keys()].sort().map((hex) => file(`blobs/sha256/${hex}`, blobs.get(hex)!)),
      file('index.json', enc.encode(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests: indexManifests }) + '\n')),
      file('manifest.json', enc.encode(JSON.stringify(legacy) + '\n')),
      file('oci-layout', enc.encode(JSON.stringify({ imageLayoutVersion: '1.0.0' }))),
      file('repositories', enc.encode(JSON.stringify(repositories) + '\n')),
    ];
    return writeTar(entries);
  }

  /**
   * docker load: reads what save writes (the OCI layout, or the legacy manifest.json alone).
   * Everything is checked before anything is stored: digests, media types, layer tars.
   */
  load(archive: Uint8Array): string[] {
    let entries: TarEntry[];
    try {
      entries = readTar(archive);
    } catch (e) {
      if (e instanceof TarError) throw new ImageError(500, e.message);
      throw e;
    }
    const files = new Map(entries.filter((e) => e.type === 'file').map((e) => [e.path.replace(/^\.\//, ''), e.data ?? new Uint8Array(0)]));
    const json = (path: string): unknown => {
      const f = files.get(path);
      if (!f) throw new ImageError(500, `open ${path}: no such file or directory`);
      try {
        return JSON.parse(dec.decode(f));
      } catch {
        throw new ImageError(500, `invalid JSON in ${path}`);
      }
    };
    const blob = (digest: string, expectedSize?: number): Uint8Array => {
      const path = `blobs/sha256/${digest.replace(/^sha256:/, '')}`;
      const data = files.get(path);
      if (!data) throw new ImageError(500, `failed to open blob ${digest}: content digest ${digest}: not found`);
      const actual = `sha256:${sha256(data)}`;
      if (actual !== digest) throw new ImageError(500, `digest mismatch: expected ${digest}, got ${actual}`);
      if (expectedSize !== undefined && expectedSize !== data.length) throw new ImageError(500, `size mismatch for ${digest}: expected ${expectedSize}, got ${data.length}`);
      return data;
    };
    type Planned = { config: ImageConfig; layers: Uint8Array[]; tags: string[] };
    const planned: Planned[] = [];
    if (files.has('index.json')) {
      const index = json('index.json') as { manifests?: { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }[] };
      for (const d of index.manifests ?? []) {
        if (d.mediaType !== MEDIA.manifest && d.mediaType !== 'application/vnd.docker.distribution.manifest.v2+json') throw new ImageError(500, `unknown media type ${d.mediaType}`);
        const m = JSON.parse(dec.decode(blob(d.digest, d.size))) as { config: { mediaType: string; digest: string; size: number }; layers: { mediaType: string; digest: string; size: number }[] };
        if (m.config.mediaType !== MEDIA.config && m.config.mediaType !== 'application/vnd.docker.container.image.v1+json') throw new ImageError(500, `unknown media type ${m.config.mediaType}`);
        const config = JSON.parse(dec.decode(blob(m.config.digest, m.config.size))) as ImageConfig;
        const layers = m.layers.map((l) => {
          if (!KNOWN_LAYER_TYPES.has(l.mediaType)) throw new ImageError(500, `unknown media type ${l.mediaType}`);
          return blob(l.digest, l.size);
        });
        const name = d.annotations?.['io.containerd.image.name'];
        planned.push({ config, layers, tags: name ? [taggedName(name)] : [] });
      }
    } else if (files.has('manifest.json')) {
      const legacy = json('manifest.json') as { Config: string; RepoTags: string[] | null; Layers: string[] }[];
      for (const m of legacy) {
        const cfgBytes = files.get(m.Config);
        if (!cfgBytes) throw new ImageError(500, `open ${m.Config}: no such file or directory`);
        const config = JSON.parse(dec.decode(cfgBytes)) as ImageConfig;
        const layers = m.Layers.map((p) => {
          const data = files.get(p);
          if (!data) throw new ImageError(500, `open ${p}: no such file or directory`);
          return data;
        });
        planned.push({ config, layers, tags: (m.RepoTags ?? []).map(taggedName) });
      }
    } else {
      throw new ImageError(500, 'open manifest.json: no such file or directory');
    }
    // Every layer's diffID must match the config before anything is stored.
    for (const p of planned) {
      if (p.layers.length !== p.config.rootfs?.diff_ids?.length) throw new ImageError(500, 'invalid manifest, layers length mismatch: expected ' + (p.config.rootfs?.diff_ids?.length ?? 0) + ', got ' + p.layers.length);
      p.layers.forEach((l, i) => {
        const d = `sha256:${sha256(l)}`;
        if (d !== p.config.rootfs.diff_ids[i]) throw new ImageError(500, `layer ${i}: diffID mismatch: config says ${p.config.rootfs.diff_ids[i]}, layer is ${d}`);
        try {
          readTar(l);
        } catch (e) {
          if (e instanceof TarError) throw new ImageError(500, e.message);
          throw e;
        }
      });
    }
    const out: string[] = [];
    for (const p of planned) {
      let image: Image;
      try {
        image = this.addImage(p.config, p.layers);
      } catch (e) {
        if (e instanceof LayerError) throw new ImageError(500, e.message);
        throw e;
      }
      for (const t of p.tags) this.tag(image.id, t);
      out.push(...(p.tags.length ? p.tags.map((t) => `Loaded image: ${t}`) : [`Loaded image ID: ${image.id}`]));
    }
    return out;
  }

  /** Records the registry digest an image was pulled by. */
  addRepoDigest(id: string, ref: string): void {
    const set = this.repoDigests.get(id) ?? new Set<string>();
    set.add(ref);
    this.repoDigests.set(id, set);
  }

  /** docker rmi: untags, and deletes the image when no tag is left; returns Docker's report lines. */
  remove(ref: string): { Untagged?: string; Deleted?: string }[] {
    const image = this.resolve(ref);
    const out: { Untagged?: string; Deleted?: string }[] = [];
    let key: string | undefined;
    try {
      key = taggedName(ref);
    } catch {
      key = undefined;
    }
    const isTagRef = key !== undefined && this.tags.get(key) === image.id;
    if (isTagRef) {
      this.tags.delete(key!);
      out.push({ Untagged: key });
      if (this.tagsOf(image.id).length > 0) return out;
    } else if (this.tagsOf(image.id).length > 1) {
      throw new ImageError(409, `conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`);
    } else {
      for (const t of this.tagsOf(image.id)) {
        this.tags.delete(t);
        out.push({ Untagged: t });
      }
    }
    this.images.delete(image.id);
    this.repoDigests.delete(image.id);
    out.push({ Deleted: image.id });
    // Layers no other image uses go too (top first).
    const used = new Set([...this.images.values()].flatMap((i) => i.chain));
    for (const key of [...image.chain].reverse()) {
      if (used.has(key)) break;
      try {
        this.snapshots.remove(key);
      } catch {
        // A container still stands on this layer; it stays until the container goes.
        break;
      }
      out.push({ Deleted: key });
    }
    return out;
  }
}

/** The bytes of file content in a layer tar (what docker history and images report as size). */
export function contentSize(tar: Uint8Array): number {
  return readTar(tar).reduce((n, e) => n + (e.declaredSize ?? e.data?.length ?? 0), 0);
}
