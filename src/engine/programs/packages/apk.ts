import type { Ctx, ProgramSpec } from '../context';
import { distribution, findPackage, packageIndex, readOr, removeFiles, resolve, transferTime, unpack, type Package, type PackageIndex } from '../../packages/index';

const INSTALLED = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
const FILES = '/lib/apk/db/files';

/** The installed database: `P:name` / `V:version` stanzas. */
function installedApks(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of readOr(ctx, INSTALLED).split(/\n\n+/)) {
    const name = /^P:(.+)$/m.exec(stanza)?.[1];
    if (name) out.set(name, /^V:(.+)$/m.exec(stanza)?.[1] ?? '');
  }
  return out;
}

/** `OK: 13 MiB in 19 packages`: what is installed, in MiB. */
function okLine(ctx: Ctx, index: PackageIndex, db: Map<string, string>): string {
  const base = 7.8e6;
  const bytes = base + [...db.keys()].reduce((n, name) => n + (index.packages.get(name)?.installed ?? 0), 0);
  return `OK: ${Math.round(bytes / 1048576)} MiB in ${db.size} packages\n`;
}

async function fetchIndexes(ctx: Ctx, index: PackageIndex): Promise<string> {
  let out = '';
  for (const r of index.repositories ?? []) out += `fetch ${r}/x86_64/APKINDEX.tar.gz\n`;
  await transferTime(ctx, 2.6e6);
  return out;
}

async function add(ctx: Ctx, index: PackageIndex, names: string[]): Promise<number> {
  let out = await fetchIndexes(ctx, index);
  const db = installedApks(ctx);
  const missing = names.filter((n) => !findPackage(index, n));
  if (missing.length) {
    await ctx.out(out);
    await ctx.err(`ERROR: unable to select packages:\n${missing.map((n) => `  ${n} (no such package):\n    required by: world[${n}]\n`).join('')}`);
    return missing.length;
  }
  const wanted = names.map((n) => findPackage(index, n)!);
  const plan = resolve(index, wanted, (n) => db.has(n));
  await transferTime(ctx, plan.reduce((n, x) => n + x.pkg.download, 0));
  plan.forEach(({ pkg }, i) => {
    out += `(${i + 1}/${plan.length}) Installing ${pkg.name} (${pkg.version})\n`;
    const paths = unpack(ctx, pkg);
    ctx.fs.writeFile(ctx.proc, INSTALLED, readOr(ctx, INSTALLED).replace(/\n*$/, '\n\n').replace(/^\n\n$/, '') + `P:${pkg.name}\nV:${pkg.version}\nA:x86_64\nS:${pkg.download}\nI:${pkg.installed}\nT:${pkg.description}\n${pkg.depends.length ? `D:${pkg.depends.join(' ')}\n` : ''}\n`);
    if (!ctx.fs.exists(ctx.proc, FILES)) ctx.fs.mkdir(ctx.proc, FILES, 0o755);
    ctx.fs.writeFile(ctx.proc, `${FILES}/${pkg.name}`, paths.join('\n') + '\n');
    db.set(pkg.name, pkg.version);
  });
  const world = new Set(readOr(ctx, WORLD).split('\n').filter(Boolean));
  for (const w of wanted) world.add(w.name);
  ctx.fs.writeFile(ctx.proc, WORLD, [...world].sort().join('\n') + '\n');
  if (plan.length) out += 'Executing busybox-1.36.1-r29.trigger\n';
  out += okLine(ctx, index, db);
  await ctx.out(out);
  return 0;
}

async function del(ctx: Ctx, index: PackageIndex, names: string[]): Promise<number> {
  const db = installedApks(ctx);
  const world = new Set(readOr(ctx, WORLD).split('\n').filter(Boolean));
  let out = '';
  const gone: Package[] = [];
  for (const n of names) {
    if (!world.has(n)) {
      out += `WARNING: No such package: ${n}\n`;
      continue;
    }
    world.delete(n);
    const p = index.packages.get(n);
    if (p) gone.push(p);
  }
  // Dependencies nothing in the world still needs go too.
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const d of index.packages.get(name)?.depends ?? []) visit(d);
  };
  for (const w of world) visit(w);
  for (const name of db.keys()) if (index.packages.has(name) && !needed.has(name) && !gone.some((g) => g.name === name)) gone.push(index.packages.get(name)!);
  gone.forEach((p, i) => {
    out += `(${i + 1}/${gone.length}) Purging ${p.name} (${db.get(p.name)})\n`;
    removeFiles(ctx, readOr(ctx, `${FILES}/${p.name}`).split('\n').filter(Boolean));
    db.delete(p.name);
  });
  ctx.fs.writeFile(ctx.proc, INSTALLED, readOr(ctx, INSTALLED).split(/\n\n+/).filter((s) => !gone.some((g) => s.startsWith(`P:${g.name}\n`))).join('\n\n'));
  ctx.fs.writeFile(ctx.proc, WORLD, [...world].sort().join('\n') + '\n');
  if (gone.length) out += 'Executing busybox-1.36.1-r29.trigger\n';
  out += okLine(ctx, index, db);
  await ctx.out(out);
  return 0;
}

/**
 * apk: Alpine's package manager (add, del, update, info, search), over the simulated Alpine 3.20
 * index. Like the real one in a fresh container, it fetches the indexes each time it adds.
 */
export const apk: ProgramSpec = {
  name: 'apk',
  summary: 'Alpine Package Keeper',
  usage: 'apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]',
  dir: '/sbin',
  onHost: false,
  async run(ctx: Ctx) {
    const rest = ctx.args.filter((a) => !a.startsWith('-'));
    const [cmd, ...names] = rest;
    const index = packageIndex(distribution(ctx));
    if (!cmd) {
      await ctx.out('apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n\nPackage installation and removal:\n  add        Add packages to WORLD and commit changes\n  del        Remove packages from WORLD and commit changes\n\nSystem maintenance:\n  update     Update repository indexes\n\nQuerying package information:\n  info       Give detailed information about packages or repositories\n  search     Search for packages by name or description\n');
      return 1;
    }
    if (!index) {
      await ctx.err('ERROR: Unable to read database state: No such file or directory\n');
      return 1;
    }
    if (['add', 'del', 'update', 'upgrade'].includes(cmd) && ctx.proc.cred.uid !== 0) {
      await ctx.err('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
      return 99;
    }
    if (cmd === 'add') {
      if (!names.length) {
        await ctx.out(okLine(ctx, index, installedApks(ctx)));
        return 0;
      }
      return add(ctx, index, names);
    }
    if (cmd === 'del') return del(ctx, index, names);
    if (cmd === 'update') {
      await ctx.out(await fetchIndexes(ctx, index) + 'v3.20.3-198-g6c5f6d4a71b [https://dl-cdn.alpinelinux.org/alpine/v3.20/main]\nv3.20.3-197-gfb0b5b0a1f4 [https://dl-cdn.alpinelinux.org/alpine/v3.20/community]\nOK: 24172 distinct packages available\n');
      return 0;
    }
    if (cmd === 'info') {
      const db = installedApks(ctx);
      if (!names.length) {
        await ctx.out([...db.keys()].map((n) => `${n}\n`).join(''));
        return 0;
      }
      for (const n of names) {
        const p = index.packages.get(n);
        if (p) await ctx.out(`${p.name}-${p.version} description:\n${p.description}\n\n${p.name}-${p.version} webpage:\nhttps://pkgs.alpinelinux.org/package/v3.20/${p.repo}/x86_64/${p.name}\n\n${p.name}-${p.version} installed size:\n${Math.round(p.installed / 1024)} KiB\n\n`);
      }
      return 0;
    }
    if (cmd === 'search') {
      const term = names[0] ?? '';
      await ctx.out([...index.packages.values()].filter((p) => p.name.includes(term)).map((p) => `${p.name}-${p.version}\n`).join(''));
      return 0;
    }
    await ctx.err(`apk: applet not found: ${cmd}\n`);
    return 1;
  },
};
