import base from '../images/catalogue/catalogue.json';
import distributions from '../images/catalogue/distributions.json';
import services from '../images/catalogue/services.json';
import { MemfsBackend } from '../vfs/memfs-backend';
import { changesetTar } from '../storage/layer';
import { sha256 } from '../storage/digest';
import { programFile } from '../programs/registry';
import type { ImageConfig } from '../images/store';
import { expandFiles, type FileSpec, type LayerSpec } from '../images/files';

interface CatalogueImage {
  repository: string;
  description?: string;
  stars?: number;
  tags: string[];
  layers: string[];
  config: ImageConfig['config'];
  history: { created_by: string; empty_layer?: boolean }[];
}

const CATALOGUE = [...base.images, ...distributions.images, ...services.images] as CatalogueImage[];

/** What a registry serves for one tag: a manifest (as bytes) and its digest. */
export interface Manifest {
  digest: string;
  bytes: Uint8Array;
  config: { digest: string; bytes: Uint8Array };
  layers: { digest: string; size: number }[];
}

const enc = new TextEncoder();

/** Builds a catalogue layer's tar: its files in a fresh volume, as the changeset tar. */
function buildLayer(files: FileSpec[], created: string): Uint8Array {
  const t = Date.parse(created);
  const fs = new MemfsBackend('ext4', 0xfe01, () => t);
  const attrs = (mode: string | undefined, d: number) => ({ mode: mode ? parseInt(mode, 8) : d, uid: 0, gid: 0 });
  const parents = (p: string) => {
    const parts = p.split('/').filter(Boolean).slice(0, -1);
    let cur = '';
    for (const c of parts) {
      cur += `/${c}`;
      try {
        fs.lstat(cur);
      } catch {
        fs.mkdir(cur, attrs(undefined, 0o755));
      }
    }
  };
  for (const f of files) {
    if (f.dir) {
      parents(f.dir);
      try {
        fs.lstat(f.dir);
      } catch {
        fs.mkdir(f.dir, attrs(f.mode, 0o755));
      }
      fs.chmod(f.dir, attrs(f.mode, 0o755).mode);
    } else if (f.link) {
      parents(f.link);
      fs.symlink(f.target ?? '', f.link, attrs(undefined, 0o777));
    } else if (f.path) {
      parents(f.path);
      const data = f.program ? programFile(f.program) : enc.encode(f.text ?? '');
      fs.writeFile(f.path, data, attrs(f.mode, 0o644));
      fs.chmod(f.path, attrs(f.mode, 0o644).mode);
      if (f.size && f.size > data.length) fs.declareSize(f.path, f.size);
    }
  }
  return changesetTar(fs);
}

/**
 * The simulated Docker Hub: repositories of tagged manifests and a blob store, built from the
 * catalogue (images/catalogue/catalogue.json). Layers shared between images are one blob.
 * @sim partial: layers are served uncompressed, so a layer's digest equals its diffID.
 */
export class Hub {
  readonly blobs = new Map<string, Uint8Array>();
  private readonly repos = new Map<string, Map<string, Manifest>>();

  constructor() {
    const layers = new Map<string, { digest: string; size: number }>();
    const specs = { ...base.layers, ...distributions.layers, ...services.layers } as Record<string, LayerSpec>;
    for (const [name, l] of Object.entries(specs)) {
      const tar = buildLayer(expandFiles(l), l.created);
      const digest = `sha256:${sha256(tar)}`;
      this.blobs.set(digest, tar);
      layers.set(name, { digest, size: tar.length });
    }
    for (const img of CATALOGUE) {
      const ls = img.layers.map((n) => layers.get(n)!);
      const created = img.layers.map((n) => specs[n].created).sort().at(-1)!;
      const config: ImageConfig = {
        architecture: 'amd64',
        os: 'linux',
        created,
        config: img.config,
        rootfs: { type: 'layers', diff_ids: ls.map((l) => l.digest) },
        history: img.history.map((h) => ({ created, created_by: h.created_by, ...(h.empty_layer ? { empty_layer: true } : {}) })),
      };
      const configBytes = enc.encode(JSON.stringify(config));
      const configDigest = `sha256:${sha256(configBytes)}`;
      this.blobs.set(configDigest, configBytes);
      const manifestBytes = enc.encode(JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configBytes.length },
        layers: ls.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: l.digest, size: l.size })),
      }));
      const manifest: Manifest = { digest: `sha256:${sha256(manifestBytes)}`, bytes: manifestBytes, config: { digest: configDigest, bytes: configBytes }, layers: ls };
      // A repository may be several catalogue entries (debian's bookworm and bookworm-slim).
      const tags = this.repos.get(img.repository) ?? new Map<string, Manifest>();
      for (const t of img.tags) tags.set(t, manifest);
      tags.set(manifest.digest, manifest);
      this.repos.set(img.repository, tags);
    }
  }

  /** docker search: official images whose name or description mentions `term`, most stars first. */
  search(term: string): { name: string; description: string; star_count: number; is_official: boolean; is_automated: boolean }[] {
    return CATALOGUE
      .filter((i, n) => CATALOGUE.findIndex((j) => j.repository === i.repository) === n)
      .filter((i) => i.repository.includes(term) || (i.description ?? '').toLowerCase().includes(term))
      .map((i) => ({ name: i.repository.replace(/^library\//, ''), description: i.description ?? '', star_count: i.stars ?? 0, is_official: i.repository.startsWith('library/'), is_automated: false }))
      .sort((a, b) => b.star_count - a.star_count);
  }

  /** The manifest for `repository:tag`; `repo` or `tag` missing says which error to give. */
  manifest(repository: string, tagOrDigest: string): Manifest | 'no-repo' | 'no-tag' {
    const repo = this.repos.get(repository);
    if (!repo) return 'no-repo';
    return repo.get(tagOrDigest) ?? 'no-tag';
  }
}

let hub: Hub | undefined;

/** The one Docker Hub every simulated host reaches (built on first use). */
export function dockerHub(): Hub {
  hub ??= new Hub();
  return hub;
}
