import type { Ctx, ProgramSpec } from '../context';
import { confirm, distribution, findPackage, packageIndex, readOr, removeFiles, reportedRate, resolve, transferTime, unpack, type Package, type PackageIndex } from '../../packages/index';

const STATUS = '/var/lib/dpkg/status';
const INFO = '/var/lib/dpkg/info';
const LISTS = '/var/lib/apt/lists';

/** apt's sizes (SizeToStr): `8890 kB`, `41.9 MB`, `124 kB`, `512 B`. */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let v = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (v < 100 && i !== 0) return `${v.toFixed(1)} ${ext[i]}B`;
    if (v < 10000) return `${Math.round(v)} ${ext[i]}B`;
    v /= 1000;
  }
  return `${Math.round(v)} PB`;
}

/** dpkg's database: the packages /var/lib/dpkg/status lists as installed, with their versions. */
function installedDebs(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of readOr(ctx, STATUS).split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    if (name && /^Status: install ok installed$/m.test(stanza)) out.set(name, /^Version: (.+)$/m.exec(stanza)?.[1] ?? '');
  }
  return out;
}

/** The index apt knows: only what `apt-get update` fetched into /var/lib/apt/lists. */
function knownIndex(ctx: Ctx, index: PackageIndex): PackageIndex | null {
  const lists = ctx.fs.exists(ctx.proc, LISTS) ? ctx.fs.readdir(ctx.proc, LISTS).filter((f) => f.endsWith('_Packages')) : [];
  return lists.length ? index : null;
}

function listName(uri: string, suite: string): string {
  return `${uri.replace(/^https?:\/\//, '').replace(/\//g, '_')}_dists_${suite}_main_binary-amd64_Packages`;
}

function mirror(index: PackageIndex): [string, string] {
  const s = index.suites![0];
  return [s[0], s[1]];
}

/** What apt-get and apt print while reading their state (`... Done` on a terminal). */
function reading(ctx: Ctx, tree: boolean): string {
  const done = ctx.isatty(1) ? ' Done' : '';
  return `Reading package lists...${done}\n` + (tree ? `Building dependency tree...${done}\nReading state information...${done}\n` : '');
}

/** Lists names as apt does: wrapped at 80 columns, two spaces in. */
function wrap(names: string[]): string {
  let out = '';
  let line = ' ';
  for (const n of names) {
    if (line.length + n.length + 1 > 79) {
      out += `${line}\n`;
      line = ' ';
    }
    line += ` ${n}`;
  }
  return `${out}${line}\n`;
}

async function update(ctx: Ctx, index: PackageIndex): Promise<number> {
  const had = knownIndex(ctx, index) !== null;
  let out = '';
  let fetched = 0;
  const suites = index.suites ?? [];
  suites.forEach(([uri, suite, inRelease], i) => {
    out += had ? `Hit:${i + 1} ${uri} ${suite} InRelease\n` : `Get:${i + 1} ${uri} ${suite} InRelease [${aptSize(inRelease)}]\n`;
    if (!had) fetched += inRelease;
  });
  if (!had) {
    suites.forEach(([uri, suite, , packages], i) => {
      out += `Get:${suites.length + i + 1} ${uri} ${suite}/main amd64 Packages [${aptSize(packages)}]\n`;
      fetched += packages;
    });
  }
  const ms = await transferTime(ctx, fetched);
  for (const [uri, suite] of suites) ctx.fs.writeFile(ctx.proc, `${LISTS}/${listName(uri, suite)}`, `Package index of ${suite}\n`);
  if (!had) out += `Fetched ${aptSize(fetched)} in ${Math.max(0, Math.round(ms / 1000))}s (${aptSize(reportedRate(ctx))}/s)\n`;
  out += reading(ctx, false);
  if (ctx.name === 'apt') out += `${ctx.isatty(1) ? 'Building dependency tree... Done\nReading state information... Done\n' : 'Building dependency tree...\nReading state information...\n'}All packages are up to date.\n`;
  await ctx.out(out);
  return 0;
}

async function install(ctx: Ctx, full: PackageIndex, names: string[], yes: boolean): Promise<number> {
  let out = reading(ctx, true);
  const index = knownIndex(ctx, full);
  const db = installedDebs(ctx);
  const wanted: Package[] = [];
  for (const n of names) {
    const p = index ? findPackage(index, n) : undefined;
    if (!p) {
      await ctx.out(out);
      await ctx.err(`E: Unable to locate package ${n}\n`);
      return 100;
    }
    if (db.has(p.name)) out += `${p.name} is already the newest version (${p.version}).\n`;
    else wanted.push(p);
  }
  const plan = resolve(index!, wanted, (n) => db.has(n));
  if (!plan.length) {
    await ctx.out(out + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const extra = plan.filter((x) => x.auto).map((x) => x.pkg.name).sort();
  if (extra.length) out += `The following additional packages will be installed:\n${wrap(extra)}`;
  out += `The following NEW packages will be installed:\n${wrap(plan.map((x) => x.pkg.name).sort())}`;
  out += `0 upgraded, ${plan.length} newly installed, 0 to remove and 0 not upgraded.\n`;
  const download = plan.reduce((n, x) => n + x.pkg.download, 0);
  const size = plan.reduce((n, x) => n + x.pkg.installed, 0);
  out += `Need to get ${aptSize(download)} of archives.\nAfter this operation, ${aptSize(size)} of additional disk space will be used.\n`;
  await ctx.out(out);
  if (!yes && !(await confirm(ctx, 'Do you want to continue? [Y/n] ', true))) {
    await ctx.out('Abort.\n');
    return 1;
  }
  out = '';
  const sorted = [...plan].sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
  sorted.forEach(({ pkg }, i) => {
    const [uri, suite] = mirror(full);
    out += `Get:${i + 1} ${uri} ${suite}/main amd64 ${pkg.name} ${pkg.arch} ${pkg.version} [${aptSize(pkg.download)}]\n`;
  });
  const ms = await transferTime(ctx, download);
  out += 'debconf: delaying package configuration, since apt-utils is not installed\n';
  out += `Fetched ${aptSize(download)} in ${Math.max(0, Math.round(ms / 1000))}s (${aptSize(reportedRate(ctx))}/s)\n`;
  let files = 0;
  let first = true;
  for (const [i, { pkg }] of plan.entries()) {
    out += `Selecting previously unselected package ${pkg.name}${pkg.arch === 'amd64' ? ':amd64' : ''}.\n`;
    if (first) {
      out += `(Reading database ... ${6090 + files} files and directories currently installed.)\n`;
      first = false;
    }
    out += `Preparing to unpack .../${i}-${pkg.name}_${pkg.version.replace(/:/g, '%3a')}_${pkg.arch}.deb ...\nUnpacking ${pkg.name}${pkg.arch === 'amd64' ? ':amd64' : ''} (${pkg.version}) ...\n`;
    const paths = unpack(ctx, pkg);
    files += paths.length;
    ctx.fs.writeFile(ctx.proc, `${INFO}/${pkg.name}.list`, paths.join('\n') + '\n');
    const before = readOr(ctx, STATUS).replace(/\n*$/, '\n\n').replace(/^\n\n$/, '');
    ctx.fs.writeFile(ctx.proc, STATUS, `${before}Package: ${pkg.name}\nStatus: install ok installed\nPriority: optional\nSection: ${pkg.repo}\nInstalled-Size: ${Math.round(pkg.installed / 1024)}\nArchitecture: ${pkg.arch}\nVersion: ${pkg.version}\nDescription: ${pkg.description}\n\n`);
  }
  for (const { pkg } of plan) out += `Setting up ${pkg.name}${pkg.arch === 'amd64' ? ':amd64' : ''} (${pkg.version}) ...\n`;
  out += 'Processing triggers for libc-bin (2.36-9+deb12u9) ...\n';
  await ctx.out(out);
  return 0;
}

async function remove(ctx: Ctx, full: PackageIndex, names: string[], yes: boolean, purge: boolean): Promise<number> {
  let out = reading(ctx, true);
  const db = installedDebs(ctx);
  const gone = names.filter((n) => db.has(n));
  for (const n of names.filter((x) => !db.has(x))) {
    if (!findPackage(full, n)) {
      await ctx.out(out);
      await ctx.err(`E: Unable to locate package ${n}\n`);
      return 100;
    }
    out += `Package '${n}' is not installed, so not removed\n`;
  }
  if (!gone.length) {
    await ctx.out(out + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const freed = gone.reduce((n, g) => n + (full.packages.get(g)?.installed ?? 0), 0);
  out += `The following packages will be REMOVED:\n${wrap(gone.map((g) => (purge ? `${g}*` : g)))}0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\nAfter this operation, ${aptSize(freed)} disk space will be freed.\n`;
  await ctx.out(out);
  if (!yes && !(await confirm(ctx, 'Do you want to continue? [Y/n] ', true))) {
    await ctx.out('Abort.\n');
    return 1;
  }
  out = `(Reading database ... 6090 files and directories currently installed.)\n`;
  let status = readOr(ctx, STATUS);
  for (const g of gone) {
    out += `Removing ${g}${full.packages.get(g)?.arch === 'amd64' ? ':amd64' : ''} (${db.get(g)}) ...\n`;
    removeFiles(ctx, readOr(ctx, `${INFO}/${g}.list`).split('\n').filter(Boolean));
    status = status.split(/\n\n/).filter((st) => !new RegExp(`^Package: ${g.replace(/[+.]/g, '\\$&')}$`, 'm').test(st)).join('\n\n');
    try {
      ctx.fs.unlink(ctx.proc, `${INFO}/${g}.list`);
    } catch {
      // no list
    }
  }
  ctx.fs.writeFile(ctx.proc, STATUS, status);
  await ctx.out(out);
  return 0;
}

/** The shared front of apt-get and apt. */
async function aptMain(ctx: Ctx): Promise<number> {
  const args = ctx.args;
  const yes = args.some((a) => a === '-y' || a === '--yes' || a === '--assume-yes' || /^-[a-z]*y/.test(a) && !a.startsWith('--'));
  const rest = args.filter((a) => !a.startsWith('-'));
  const [cmd, ...names] = rest;
  if (ctx.name === 'apt' && !ctx.isatty(1)) await ctx.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  if (!cmd) {
    await ctx.out(`apt 2.6.1 (amd64)\nUsage: ${ctx.name} [options] command\n\nMost used commands:\n  update - Retrieve new lists of packages\n  install - Install new packages (pkg is libc6 not libc6.deb)\n  remove - Remove packages\n  purge - Remove packages and config files\n`);
    return 1;
  }
  const index = packageIndex(distribution(ctx));
  if (!index) {
    await ctx.err('E: The package lists or status file could not be parsed or opened.\n');
    return 100;
  }
  if (['update', 'install', 'remove', 'purge', 'upgrade'].includes(cmd) && ctx.proc.cred.uid !== 0) {
    await ctx.err(cmd === 'update'
      ? 'Reading package lists... Done\nE: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n'
      : 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
    return 100;
  }
  if (cmd === 'update') return update(ctx, index);
  if (cmd === 'install') {
    if (!names.length) {
      await ctx.out(reading(ctx, true) + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    }
    return install(ctx, index, names, yes);
  }
  if (cmd === 'remove' || cmd === 'purge') return remove(ctx, index, names, yes, cmd === 'purge');
  if (cmd === 'upgrade') {
    await ctx.out(reading(ctx, true) + 'Calculating upgrade...' + (ctx.isatty(1) ? ' Done' : '') + '\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  if (ctx.name === 'apt' && (cmd === 'search' || cmd === 'show' || cmd === 'list')) return aptCacheCommand(ctx, index, cmd, names);
  await ctx.err(`E: Invalid operation ${cmd}\n`);
  return 100;
}

async function aptCacheCommand(ctx: Ctx, full: PackageIndex, cmd: string, names: string[]): Promise<number> {
  const index = knownIndex(ctx, full);
  const db = installedDebs(ctx);
  if (cmd === 'search' || cmd === 'list') {
    const term = names[0] ?? '';
    const hits = index ? [...index.packages.values()].filter((p) => p.name.includes(term) || (cmd === 'search' && p.description.toLowerCase().includes(term.toLowerCase()))) : [];
    const [, suite] = full.suites?.[0] ?? ['', ''];
    await ctx.out(ctx.name === 'apt-cache'
      ? hits.map((p) => `${p.name} - ${p.description}\n`).join('')
      : (cmd === 'list' ? 'Listing...\n' : 'Sorting...\nFull Text Search...\n') + hits.map((p) => `${p.name}/${suite} ${p.version} ${p.arch}${db.has(p.name) ? ' [installed]' : ''}\n${cmd === 'search' ? `  ${p.description}\n\n` : ''}`).join(''));
    return 0;
  }
  if (cmd === 'show' || cmd === 'policy') {
    for (const n of names) {
      const p = index ? findPackage(index, n) : undefined;
      if (!p) {
        await ctx.err(cmd === 'show' ? `E: No packages found\n` : '');
        return cmd === 'show' ? 100 : 0;
      }
      await ctx.out(cmd === 'show'
        ? `Package: ${p.name}\nVersion: ${p.version}\nArchitecture: ${p.arch}\nInstalled-Size: ${Math.round(p.installed / 1024)}\nDepends: ${p.depends.join(', ')}\nSection: ${p.repo}\nDownload-Size: ${aptSize(p.download)}\nDescription: ${p.description}\n\n`
        : `${p.name}:\n  Installed: ${db.get(p.name) ?? '(none)'}\n  Candidate: ${p.version}\n`);
    }
    return 0;
  }
  await ctx.err(`E: Invalid operation ${cmd}\n`);
  return 100;
}

/** apt-get: Debian's and Ubuntu's package tool for scripts. */
export const aptGet: ProgramSpec = { name: 'apt-get', summary: 'APT package handling utility -- command-line interface', usage: 'apt-get [options] command', onHost: false, run: aptMain };
/** apt: the same, for people (and its warning for scripts). */
export const apt: ProgramSpec = { name: 'apt', summary: 'command-line interface', usage: 'apt [options] command', onHost: false, run: aptMain };
/** apt-cache: queries the package lists (search, show, policy). */
export const aptCache: ProgramSpec = {
  name: 'apt-cache',
  summary: 'query the APT cache',
  usage: 'apt-cache [options] command',
  onHost: false,
  async run(ctx: Ctx) {
    const [cmd, ...names] = ctx.args.filter((a) => !a.startsWith('-'));
    const index = packageIndex(distribution(ctx));
    if (!index || !cmd) {
      await ctx.err('E: No packages found\n');
      return 100;
    }
    return aptCacheCommand(ctx, index, cmd, names);
  },
};

/** dpkg: -l lists installed packages, -L a package's files, -s its status. */
export const dpkg: ProgramSpec = {
  name: 'dpkg',
  summary: 'package manager for Debian',
  usage: 'dpkg -l | -L PACKAGE | -s PACKAGE',
  onHost: false,
  async run(ctx: Ctx) {
    const [flag, ...names] = ctx.args;
    const db = installedDebs(ctx);
    if (flag === '-l' || flag === '--list') {
      const shown = [...db].filter(([n]) => !names.length || names.includes(n));
      let out = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
      out += `||/ ${'Name'.padEnd(30)} ${'Version'.padEnd(24)} ${'Architecture'.padEnd(12)} Description\n+++-${'='.repeat(30)}-${'='.repeat(24)}-${'='.repeat(12)}-${'='.repeat(40)}\n`;
      for (const [n, v] of shown.sort(([a], [b]) => a.localeCompare(b))) out += `ii  ${n.padEnd(30)} ${v.padEnd(24)} ${'amd64'.padEnd(12)} ${n}\n`;
      await ctx.out(out);
      return 0;
    }
    if ((flag === '-L' || flag === '-s' || flag === '--status' || flag === '--listfiles') && names[0]) {
      if (!db.has(names[0])) {
        await ctx.err(`dpkg-query: package '${names[0]}' is not installed${flag === '-L' || flag === '--listfiles' ? '' : ' and no information is available'}\n${flag === '-s' || flag === '--status' ? 'Use dpkg --info (= dpkg-deb --info) to examine archive files.\n' : ''}`);
        return 1;
      }
      if (flag === '-L' || flag === '--listfiles') await ctx.out(readOr(ctx, `${INFO}/${names[0]}.list`) || '/.\n');
      else await ctx.out(readOr(ctx, STATUS).split(/\n\n/).find((s) => s.startsWith(`Package: ${names[0]}\n`)) + '\n');
      return 0;
    }
    await ctx.err('dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse \'apt\' or \'aptitude\' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through \'less\' or \'more\' !\n');
    return 2;
  },
};
