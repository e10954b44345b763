import type { Daemon } from './daemon';
import { ApiError } from './api';
import { parseReference, familiarName } from '../images/reference';
import { dockerHub } from '../registry/hub';
import { pull } from './pull';
import { push } from './push';
import { requestAuth } from './registries';

/** The image routes of the Engine API, each with the handler name the API reference gives it. */
export function registerImageRoutes(d: Daemon): void {
  const store = d.images;
  d.route('GET', '/images/json', 'getImagesJSON', () =>
    [...store.images.values()].map((img) => ({
      Id: img.id,
      ParentId: '',
      RepoTags: store.tagsOf(img.id),
      RepoDigests: [...(store.repoDigests.get(img.id) ?? [])],
      Created: Math.floor(Date.parse(img.config.created) / 1000),
      Size: store.size(img),
      SharedSize: -1,
      Labels: img.config.config.Labels ?? null,
      Containers: -1,
    })).sort((a, b) => b.Created - a.Created),
  );
  d.route('POST', '/images/create', 'postImagesCreate', (req, client) => {
    if (req.query.get('fromImage')) return pull(d, client, req.query.get('fromImage')!, req.query.get('tag') || undefined, requestAuth(req));
    if (req.query.get('fromSrc') !== '-') throw new ApiError(400, 'fromImage or fromSrc=- is required');
    const repo = req.query.get('repo');
    const tag = req.query.get('tag');
    const ref = repo ? `${repo}${tag ? `:${tag}` : ''}` : undefined;
    if (ref) parseReference(ref);
    const image = store.importTar(req.body as Uint8Array, ref, '-');
    return { status: image.id };
  });
  d.route('GET', '/images/get', 'getImagesGet', (req) => store.save(req.query.getAll('names')));
  d.route('POST', '/images/load', 'postImagesLoad', (req) => ({ lines: store.load(req.body as Uint8Array) }));
  d.route('GET', '/images/{name*}/json', 'getImagesByName', (req) => {
    const img = store.resolve(req.params.name);
    const diffs = img.config.rootfs.diff_ids;
    const dir = (key: string) => `/var/lib/docker/overlay2/${d.snapshots.stat(key).id}`;
    return {
      Id: img.id,
      RepoTags: store.tagsOf(img.id),
      RepoDigests: [...(store.repoDigests.get(img.id) ?? [])],
      Parent: '',
      Comment: img.config.history.at(-1)?.comment ?? '',
      Created: img.config.created,
      DockerVersion: '',
      Author: img.config.author ?? '',
      Config: { Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false, OpenStdin: false, StdinOnce: false, Env: null, Cmd: null, Image: '', Volumes: null, WorkingDir: '', Entrypoint: null, OnBuild: null, Labels: null, ...img.config.config },
      Architecture: img.config.architecture,
      Os: img.config.os,
      Size: store.size(img),
      GraphDriver: {
        Data: {
          ...(img.chain.length > 1 ? { LowerDir: img.chain.slice(0, -1).reverse().map((k) => `${dir(k)}/diff`).join(':') } : {}),
          MergedDir: `${dir(img.chain.at(-1)!)}/merged`,
          UpperDir: `${dir(img.chain.at(-1)!)}/diff`,
          WorkDir: `${dir(img.chain.at(-1)!)}/work`,
        },
        Name: 'overlay2',
      },
      RootFS: { Type: 'layers', Layers: diffs },
      Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
    };
  });
  d.route('GET', '/images/{name*}/history', 'getImagesHistory', (req) => {
    const img = store.resolve(req.params.name);
    let layer = img.layerSizes.length;
    const rows = [...img.config.history].reverse().map((h, i) => {
      const size = h.empty_layer ? 0 : img.layerSizes[--layer] ?? 0;
      return { Id: i === 0 ? img.id : '<missing>', Created: Math.floor(Date.parse(h.created) / 1000), CreatedBy: h.created_by ?? '', Tags: i === 0 ? store.tagsOf(img.id) : null, Size: size, Comment: h.comment ?? '' };
    });
    return rows;
  });
  d.route('POST', '/images/{name*}/push', 'postImagesPush', (req, client) => push(d, client, req.params.name, req.query.get('tag') || 'latest', requestAuth(req)));
  d.route('POST', '/images/{name*}/tag', 'postImagesTag', (req) => {
    const img = store.resolve(req.params.name);
    const repo = req.query.get('repo') ?? '';
    const tag = req.query.get('tag') || 'latest';
    const ref = parseReference(`${repo}:${tag}`);
    store.tag(img.id, `${familiarName(ref)}:${ref.tag}`);
    return undefined;
  });
  d.route('DELETE', '/images/{name*}', 'deleteImages', (req) => {
    const ref = req.params.name;
    const img = store.resolve(ref);
    const force = req.query.get('force') === '1';
    const users = [...d.containers.values()].filter((c) => c.imageId === img.id);
    const running = users.find((c) => c.state === 'running');
    const byTag = !/^(sha256:)?[0-9a-f]{4,64}$/.test(ref);
    const lastTag = store.tagsOf(img.id).length <= 1;
    if (users.length && (!byTag || lastTag)) {
      if (running && (force || !byTag)) throw new ApiError(409, `conflict: unable to delete ${img.id.slice(7, 19)} (cannot be forced) - image is being used by running container ${running.id.slice(0, 12)}`);
      if (!force) {
        if (byTag) throw new ApiError(409, `conflict: unable to remove repository reference "${ref}" (must force) - container ${users[0].id.slice(0, 12)} is using its referenced image ${img.id.slice(7, 19)}`);
        throw new ApiError(409, `conflict: unable to delete ${img.id.slice(7, 19)} (must be forced) - image is being used by stopped container ${users[0].id.slice(0, 12)}`);
      }
    }
    return store.remove(ref);
  });

  d.route('POST', '/images/prune', 'postImagesPrune', (req) => {
    const all = req.query.get('all') === '1';
    const used = new Set([...d.containers.values()].map((c) => c.imageId));
    const deleted: { Untagged?: string; Deleted?: string }[] = [];
    let reclaimed = 0;
    for (const img of [...store.images.values()]) {
      if (used.has(img.id)) continue;
      if (!all && store.tagsOf(img.id).length > 0) continue;
      const before = store.size(img);
      const tags = store.tagsOf(img.id);
      for (const t of tags.slice(1)) deleted.push(...store.remove(t));
      deleted.push(...store.remove(tags[0] ?? img.id));
      reclaimed += before;
    }
    return { ImagesDeleted: deleted, SpaceReclaimed: reclaimed };
  });

  d.route('GET', '/images/search', 'getImagesSearch', (req) => {
    const term = (req.query.get('term') ?? '').toLowerCase();
    return dockerHub().search(term);
  });
}
