import type { Ctx, ProgramSpec } from '../context';
import { confirm, distribution, findPackage, packageIndex, readOr, removeFiles, reportedRate, resolve, transferTime, unpack, type Package, type PackageIndex } from '../../packages/index';

const DB = '/var/lib/rpm/installed';
const FILES = '/var/lib/rpm/files';

/** yum's sizes: powers of 1024, `306 k`, `1.1 M`, `19 M`. */
export function yumSize(bytes: number): string {
  const symbols = [' ', 'k', 'M', 'G', 'T'];
  let n = bytes;
  let depth = 0;
  while (n > 999 && depth < symbols.length - 1) {
    n /= 1024;
    depth++;
  }
  if (depth === 0) return `${Math.round(n)} ${symbols[0]}`;
  return `${n < 9.95 ? n.toFixed(1) : n.toFixed(0)} ${symbols[depth]}`;
}

/** The RPM database: installed packages as `name version arch` lines. */
function installedRpms(ctx: Ctx): Map<string, { version: string; arch: string }> {
  const out = new Map<string, { version: string; arch: string }>();
  for (const line of readOr(ctx, DB).split('\n')) {
    const [name, version, arch] = line.split(' ');
    if (name) out.set(name, { version, arch });
  }
  return out;
}

function writeDb(ctx: Ctx, db: Map<string, { version: string; arch: string }>): void {
  ctx.fs.writeFile(ctx.proc, DB, [...db].map(([n, v]) => `${n} ${v.version} ${v.arch}\n`).join(''));
}

/** `2:vim-common-7.4.629-8.el7_9.x86_64`: the epoch comes first, as yum prints a package. */
function nevra(p: { name: string; version: string; arch: string }): string {
  const m = /^(\d+):(.*)$/.exec(p.version);
  return m ? `${m[1]}:${p.name}-${m[2]}.${p.arch}` : `${p.name}-${p.version}.${p.arch}`;
}
/** `vim-common-7.4.629-8.el7_9.x86_64`, as rpm -q prints it (no epoch). */
export function rpmName(name: string, version: string, arch: string): string {
  return `${name}-${version.replace(/^\d+:/, '')}.${arch}`;
}

const RULE = '='.repeat(80);

/** yum's transaction table, columns widened to 80 as yum does for a pipe. */
function transactionTable(groups: [string, Package[]][]): string {
  const all = groups.flatMap(([, ps]) => ps);
  const w = [Math.max(7, ...all.map((p) => p.name.length)), Math.max(4, ...all.map((p) => p.arch.length)), Math.max(7, ...all.map((p) => p.version.length)), Math.max(10, ...all.map((p) => p.repo.length)), 5];
  let spare = 80 - (w.reduce((a, b) => a + b, 0) + 6);
  for (let i = 0; spare > 0; i = (i + 1) % 4, spare--) w[i === 1 ? 3 : i]++;
  const row = (c: string[]) => ` ${c[0].padEnd(w[0])} ${c[1].padEnd(w[1])} ${c[2].padEnd(w[2])} ${c[3].padEnd(w[3])} ${c[4].padStart(w[4])}`;
  let out = `${RULE}\n${row(['Package', 'Arch', 'Version', 'Repository', 'Size'])}\n${RULE}\n`;
  for (const [title, ps] of groups) {
    if (!ps.length) continue;
    out += `${title}\n`;
    for (const p of ps) out += `${row([p.name, p.arch, p.version, p.repo, yumSize(p.download)])}\n`;
  }
  return out + '\n';
}

/** `name.arch version` entries, two to a line, as yum's Installed: section lists them. */
function summaryList(ps: Package[]): string {
  const items = ps.map((p) => `${p.name}.${p.arch} ${/^\d+:/.test(p.version) ? p.version : `0:${p.version}`}`);
  let out = '';
  for (let i = 0; i < items.length; i += 2) out += `  ${items.slice(i, i + 2).map((s, j) => (j === 0 && i + 1 < items.length ? s.padEnd(38) : s)).join(' ')}\n`;
  return out;
}

async function header(ctx: Ctx, index: PackageIndex): Promise<void> {
  const cached = ctx.fs.exists(ctx.proc, '/var/cache/yum/x86_64/7/base/repomd.xml');
  let out = 'Loaded plugins: fastestmirror, ovl\n';
  out += cached ? 'Loading mirror speeds from cached hostfile\n' : 'Determining fastest mirrors\n';
  out += ' * base: mirror.centos.org\n * extras: mirror.centos.org\n * updates: mirror.centos.org\n';
  if (!cached) {
    const repos = index.repos ?? [];
    for (const [id, repomd] of repos) out += `${id.padEnd(57)}| ${yumSize(repomd).padStart(6)}B  00:00:00     \n`;
    await ctx.out(out);
    out = '';
    const parts = repos.map(([id, , primary]) => [`${id}/7/x86_64/primary_db`, primary] as const);
    for (const [i, [what, size]] of parts.entries()) {
      const ms = await transferTime(ctx, size);
      out += `(${i + 1}/${parts.length}): ${what}`.padEnd(57) + `| ${yumSize(size).padStart(6)}B  00:00:${String(Math.floor(ms / 1000)).padStart(2, '0')}     \n`;
    }
    for (const [id] of repos) {
      const dir = `/var/cache/yum/x86_64/7/${id}`;
      for (const d of ['/var/cache/yum/x86_64', '/var/cache/yum/x86_64/7', dir]) if (!ctx.fs.exists(ctx.proc, d)) ctx.fs.mkdir(ctx.proc, d, 0o755);
      ctx.fs.writeFile(ctx.proc, `${dir}/repomd.xml`, '<repomd/>\n');
    }
  }
  await ctx.out(out);
}

async function install(ctx: Ctx, index: PackageIndex, names: string[], yes: boolean): Promise<number> {
  await header(ctx, index);
  const db = installedRpms(ctx);
  const wanted: Package[] = [];
  let out = '';
  for (const n of names) {
    const p = findPackage(index, n);
    if (!p) out += `No package ${n} available.\n`;
    else if (db.has(p.name)) out += `Package ${nevra(p).replace(/^\d+:/, '')} already installed and latest version\n`;
    else wanted.push(p);
  }
  if (!wanted.length) {
    await ctx.out(out);
    if (out.includes('No package')) {
      await ctx.err('Error: Nothing to do\n');
      return 1;
    }
    await ctx.out('Nothing to do\n');
    return 0;
  }
  const plan = resolve(index, wanted, (name) => db.has(name));
  out += 'Resolving Dependencies\n--> Running transaction check\n';
  for (const { pkg } of plan.filter((x) => !x.auto)) out += `---> Package ${pkg.name}.${pkg.arch} ${/^\d+:/.test(pkg.version) ? pkg.version : `0:${pkg.version}`} will be installed\n`;
  const deps = plan.filter((x) => x.auto).map((x) => x.pkg);
  if (deps.length) {
    for (const p of plan.filter((x) => !x.auto).map((x) => x.pkg)) {
      for (const d of p.depends) {
        const dp = deps.find((x) => x.name === d);
        if (dp) out += `--> Processing Dependency: ${d} for package: ${nevra(p)}\n`;
      }
    }
    out += '--> Running transaction check\n';
    for (const p of deps) out += `---> Package ${p.name}.${p.arch} ${/^\d+:/.test(p.version) ? p.version : `0:${p.version}`} will be installed\n`;
  }
  out += '--> Finished Dependency Resolution\n\nDependencies Resolved\n\n';
  const main = plan.filter((x) => !x.auto).map((x) => x.pkg).sort((a, b) => a.name.localeCompare(b.name));
  const sortedDeps = [...deps].sort((a, b) => a.name.localeCompare(b.name));
  out += transactionTable([['Installing:', main], ['Installing for dependencies:', sortedDeps]]);
  const download = plan.reduce((n, x) => n + x.pkg.download, 0);
  const size = plan.reduce((n, x) => n + x.pkg.installed, 0);
  out += `Transaction Summary\n${RULE}\nInstall  ${main.length} Package${main.length === 1 ? '' : 's'}${deps.length ? ` (+${deps.length} Dependent package${deps.length === 1 ? '' : 's'})` : ''}\n\n`;
  out += `Total download size: ${yumSize(download)}\nInstalled size: ${yumSize(size)}\n`;
  await ctx.out(out);
  if (!yes && !(await confirm(ctx, 'Is this ok [y/d/N]: ', false))) {
    await ctx.out('Exiting on user command\n');
    return 1;
  }
  out = 'Downloading packages:\n';
  await ctx.out(out);
  const ms = await transferTime(ctx, download);
  const secs = Math.max(0, Math.round(ms / 1000));
  out = `${'-'.repeat(80)}\nTotal${`${(reportedRate(ctx) / 1024 / 1024).toFixed(1)} MB/s | ${yumSize(download).padStart(5)}B  00:${String(secs).padStart(2, '0')}     `.padStart(75)}\n`;
  out += 'Running transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n';
  const total = plan.length;
  const counter = (i: number) => `${i}/${total}`;
  const line = (verb: string, p: Package, i: number) => `  ${verb} : ${nevra(p)}`.padEnd(80 - counter(i).length - 1) + ` ${counter(i)} \n`;
  if (!ctx.fs.exists(ctx.proc, FILES)) ctx.fs.mkdir(ctx.proc, FILES, 0o755);
  plan.forEach(({ pkg }, i) => {
    const paths = unpack(ctx, pkg);
    ctx.fs.writeFile(ctx.proc, `${FILES}/${pkg.name}`, paths.join('\n') + '\n');
    db.set(pkg.name, { version: pkg.version, arch: pkg.arch });
    out += line('Installing', pkg, i + 1);
  });
  writeDb(ctx, db);
  plan.forEach(({ pkg }, i) => (out += line('Verifying ', pkg, i + 1)));
  out += `\nInstalled:\n${summaryList(main)}\n`;
  if (deps.length) out += `Dependency Installed:\n${summaryList(sortedDeps)}\n`;
  out += 'Complete!\n';
  await ctx.out(out);
  return 0;
}

async function remove(ctx: Ctx, index: PackageIndex, names: string[], yes: boolean): Promise<number> {
  const db = installedRpms(ctx);
  let out = 'Loaded plugins: fastestmirror, ovl\n';
  const gone: Package[] = [];
  for (const n of names) {
    const p = findPackage(index, n);
    const name = p?.name ?? n;
    if (!db.has(name)) out += `No Match for argument: ${n}\n`;
    else gone.push(p ?? { name, version: db.get(name)!.version, arch: db.get(name)!.arch, installed: 0, download: 0, depends: [], description: '', repo: 'installed' });
  }
  if (!gone.length) {
    await ctx.out(out + 'No Packages marked for removal\n');
    return 0;
  }
  out += 'Resolving Dependencies\n--> Running transaction check\n';
  for (const p of gone) out += `---> Package ${p.name}.${p.arch} ${/^\d+:/.test(p.version) ? p.version : `0:${p.version}`} will be erased\n`;
  out += '--> Finished Dependency Resolution\n\nDependencies Resolved\n\n';
  out += transactionTable([['Removing:', gone.map((p) => ({ ...p, repo: '@base', download: p.installed }))]]);
  out += `Transaction Summary\n${RULE}\nRemove  ${gone.length} Package${gone.length === 1 ? '' : 's'}\n\nInstalled size: ${yumSize(gone.reduce((n, p) => n + p.installed, 0))}\n`;
  await ctx.out(out);
  if (!yes && !(await confirm(ctx, 'Is this ok [y/N]: ', false))) {
    await ctx.out('Exiting on user command\n');
    return 1;
  }
  out = 'Downloading packages:\nRunning transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n';
  gone.forEach((p, i) => {
    removeFiles(ctx, readOr(ctx, `${FILES}/${p.name}`).split('\n').filter(Boolean));
    db.delete(p.name);
    out += `  Erasing    : ${nevra(p)}`.padEnd(80 - `${i + 1}/${gone.length}`.length - 1) + ` ${i + 1}/${gone.length} \n`;
  });
  writeDb(ctx, db);
  out += `\nRemoved:\n${summaryList(gone)}\nComplete!\n`;
  await ctx.out(out);
  return 0;
}

/** yum: CentOS 7's package manager. */
export const yum: ProgramSpec = {
  name: 'yum',
  summary: 'Yellowdog Updater Modified',
  usage: 'yum [options] COMMAND',
  onHost: false,
  async run(ctx: Ctx) {
    const args = ctx.args;
    const yes = args.includes('-y') || args.includes('--assumeyes');
    const rest = args.filter((a) => !a.startsWith('-'));
    const [cmd, ...names] = rest;
    if (!cmd) {
      await ctx.out('Loaded plugins: fastestmirror, ovl\nYou need to give some command\nUsage: yum [options] COMMAND\n\nList of Commands:\n\ninstall        Install a package or packages on your system\nremove         Remove a package or packages from your system\nlist           List a package or groups of packages\ninfo           Display details about a package or group of packages\nsearch         Search package details for the given string\nclean          Remove cached data\nmakecache      Generate the metadata cache\n');
      return 1;
    }
    const index = packageIndex(distribution(ctx));
    if (!index) {
      await ctx.err('There are no enabled repos.\n');
      return 1;
    }
    const needsRoot = ['install', 'remove', 'erase', 'clean', 'makecache', 'update'].includes(cmd);
    if (needsRoot && ctx.proc.cred.uid !== 0) {
      await ctx.err('Loaded plugins: fastestmirror, ovl\nYou need to be root to perform this command.\n');
      return 1;
    }
    if (cmd === 'install') {
      if (!names.length) {
        await ctx.err('Loaded plugins: fastestmirror, ovl\nError: Need to pass a list of pkgs to install\n Mini usage:\n\ninstall PACKAGE...\n\nInstall a package or packages on your system\n\naliases: install-n, install-na, install-nevra\n');
        return 1;
      }
      return install(ctx, index, names, yes);
    }
    if (cmd === 'remove' || cmd === 'erase') return remove(ctx, index, names, yes);
    if (cmd === 'makecache' || cmd === 'update' || cmd === 'check-update') {
      await header(ctx, index);
      await ctx.out(cmd === 'makecache' ? 'Metadata Cache Created\n' : 'No packages marked for update\n');
      return 0;
    }
    if (cmd === 'clean') {
      await ctx.out('Loaded plugins: fastestmirror, ovl\nCleaning repos: base extras updates\nCleaning up list of fastest mirrors\n');
      for (const id of ['base', 'extras', 'updates']) {
        try {
          ctx.fs.unlink(ctx.proc, `/var/cache/yum/x86_64/7/${id}/repomd.xml`);
        } catch {
          // not cached
        }
      }
      return 0;
    }
    if (cmd === 'list' || cmd === 'search' || cmd === 'info') {
      await header(ctx, index);
      const db = installedRpms(ctx);
      const term = names[0] ?? '';
      let ps = [...index.packages.values()];
      if (cmd === 'list' && term === 'installed') ps = ps.filter((p) => db.has(p.name));
      else if (cmd === 'search') ps = ps.filter((p) => p.name.includes(term) || p.description.toLowerCase().includes(term.toLowerCase()));
      else if (term) ps = ps.filter((p) => p.name === term || p.provides?.includes(term));
      if (!ps.length) {
        await ctx.err(cmd === 'search' ? `No matches found\n` : 'Error: No matching Packages to list\n');
        return 1;
      }
      let out = '';
      if (cmd === 'info') for (const p of ps) out += `${db.has(p.name) ? 'Installed' : 'Available'} Packages\nName        : ${p.name}\nArch        : ${p.arch}\nVersion     : ${p.version.replace(/^\d+:/, '').split('-')[0]}\nRelease     : ${p.version.split('-').slice(1).join('-')}\nSize        : ${yumSize(p.installed)}\nRepo        : ${db.has(p.name) ? 'installed' : p.repo}/7/x86_64\nSummary     : ${p.description}\n\n`;
      else if (cmd === 'search') out += ps.map((p) => `${p.name}.${p.arch} : ${p.description}\n`).join('');
      else out += `${term === 'installed' ? 'Installed' : 'Available'} Packages\n` + ps.map((p) => `${`${p.name}.${p.arch}`.padEnd(40)}${p.version.padEnd(24)}${db.has(p.name) ? '@base' : p.repo}\n`).join('');
      await ctx.out(out);
      return 0;
    }
    await ctx.err(`Loaded plugins: fastestmirror, ovl\nNo such command: ${cmd}. Please use /usr/bin/yum --help\n`);
    return 1;
  },
};

/** rpm: queries the RPM database (-qa, -q, -ql, -qi). */
export const rpm: ProgramSpec = {
  name: 'rpm',
  summary: 'RPM Package Manager',
  usage: 'rpm -q [-a] [-l] [-i] [PACKAGE...]',
  onHost: false,
  async run(ctx: Ctx) {
    const flags = ctx.args.filter((a) => a.startsWith('-')).join('');
    const names = ctx.args.filter((a) => !a.startsWith('-'));
    if (!flags.includes('q')) {
      await ctx.err('rpm: only queries (-q) are supported here\n');
      return 1;
    }
    const db = installedRpms(ctx);
    if (flags.includes('a')) {
      await ctx.out([...db].map(([n, v]) => `${rpmName(n, v.version, v.arch)}\n`).join(''));
      return 0;
    }
    if (!names.length) {
      await ctx.err('rpm: no arguments given for query\n');
      return 1;
    }
    let status = 0;
    for (const n of names) {
      const v = db.get(n);
      if (!v) {
        await ctx.out(`package ${n} is not installed\n`);
        status = 1;
      } else if (flags.includes('l')) await ctx.out(readOr(ctx, `${FILES}/${n}`).split('\n').filter(Boolean).sort().map((p) => `${p}\n`).join('') || '(contains no files)\n');
      else await ctx.out(`${rpmName(n, v.version, v.arch)}\n`);
    }
    return status;
  },
};
