/**
 * Package indexes and installation: what apt-get, yum and apk work with. Each distribution's
 * index is data (one JSON file per release); installing a package writes its files into the
 * container's filesystem, so its layer grows and its commands appear, and records it in that
 * distribution's database.
 * @sim partial: packages come from the indexes built into the simulator (no network); file
 * contents are stand-ins of the real sizes; maintainer scripts do not run.
 */
import type { Ctx } from '../programs/context';
import { isSysError } from '../kernel/errors';
import { expandFiles, writeFiles, type FileSpec } from '../images/files';
import alpine from './alpine.json';
import centos7 from './centos-7.json';
import debian from './debian.json';
import noble from './ubuntu-noble.json';
import jammy from './ubuntu-jammy.json';

/** One package of an index. */
export interface Package {
  name: string;
  version: string;
  arch: string;
  /** Bytes on disk once installed, and of the download. */
  installed: number;
  download: number;
  depends: string[];
  provides?: string[];
  description: string;
  /** The repository or component it comes from (main, base, updates, community). */
  repo: string;
  programs?: Record<string, string[]>;
  links?: Record<string, string>;
  sizes?: Record<string, number>;
  files?: FileSpec[];
}

/** An index: its packages by name, plus the release's sources as the data file gives them. */
export interface PackageIndex {
  packages: Map<string, Package>;
  /** Debian and Ubuntu: [URI, suite, InRelease bytes, Packages bytes]. */
  suites?: [string, string, number, number][];
  /** CentOS: [repo id, repomd bytes, primary_db bytes]. */
  repos?: [string, number, number][];
  /** Alpine: repository URLs. */
  repositories?: string[];
}

interface IndexFile {
  packages: Record<string, Omit<Package, 'name'>>;
  suites?: [string, string, number, number][];
  repos?: [string, number, number][];
  repositories?: string[];
}

const INDEXES: Record<string, IndexFile> = {
  'debian:bookworm': debian as unknown as IndexFile,
  'ubuntu:noble': noble as unknown as IndexFile,
  'ubuntu:jammy': jammy as unknown as IndexFile,
  'centos:7': centos7 as unknown as IndexFile,
  'alpine:3.20': alpine as unknown as IndexFile,
};

/** The distribution the filesystem holds, from /etc/os-release: `debian:bookworm`, `centos:7`… */
export function distribution(ctx: Ctx): string | null {
  let text: string;
  try {
    text = ctx.fs.readText(ctx.proc, '/etc/os-release');
  } catch (e) {
    if (isSysError(e)) return null;
    throw e;
  }
  const field = (k: string) => new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '';
  const id = field('ID');
  const release = id === 'alpine' ? field('VERSION_ID').split('.').slice(0, 2).join('.') : id === 'centos' ? field('VERSION_ID') : field('VERSION_CODENAME');
  return `${id}:${release}`;
}

/** The package index for a distribution, or null when the simulator has none. */
export function packageIndex(dist: string | null): PackageIndex | null {
  const f = dist ? INDEXES[dist] : undefined;
  if (!f) return null;
  return {
    packages: new Map(Object.entries(f.packages).map(([name, p]) => [name, { name, ...p }])),
    suites: f.suites,
    repos: f.repos,
    repositories: f.repositories,
  };
}

/** The package called `name`, or one that provides it (`vim` → vim-enhanced on CentOS). */
export function findPackage(index: PackageIndex, name: string): Package | undefined {
  return index.packages.get(name) ?? [...index.packages.values()].find((p) => p.provides?.includes(name));
}

/**
 * The packages to install for `wanted`, dependencies first, leaving out what `installed` says is
 * there; each marked as asked for or pulled in as a dependency.
 */
export function resolve(index: PackageIndex, wanted: Package[], installed: (name: string) => boolean): { pkg: Package; auto: boolean }[] {
  const out: { pkg: Package; auto: boolean }[] = [];
  const seen = new Set<string>();
  const visit = (p: Package, auto: boolean) => {
    if (seen.has(p.name)) return;
    seen.add(p.name);
    for (const d of p.depends) {
      const dep = findPackage(index, d);
      if (dep && !installed(dep.name)) visit(dep, true);
    }
    if (!installed(p.name)) out.push({ pkg: p, auto });
  };
  for (const p of wanted) visit(p, false);
  // Asked-for packages keep their place even when another one needed them first.
  for (const o of out) if (wanted.some((w) => w.name === o.pkg.name)) o.auto = false;
  return out;
}

/** Writes a package's files into the caller's filesystem; returns the paths, as file lists keep them. */
export function unpack(ctx: Ctx, p: Package): string[] {
  return writeFiles(ctx.fs, ctx.proc, expandFiles({ programs: p.programs, links: p.links, sizes: p.sizes, files: p.files }));
}

/** Removes what a package's file list names (files and links; directories left when not empty). */
export function removeFiles(ctx: Ctx, paths: string[]): void {
  for (const p of [...paths].reverse()) {
    try {
      const st = ctx.fs.lstat(ctx.proc, p);
      if (st.type === 'dir') ctx.fs.rmdir(ctx.proc, p);
      else ctx.fs.unlink(ctx.proc, p);
    } catch (e) {
      if (!isSysError(e)) throw e;
    }
  }
}

/** Reads a text file, or '' when it is missing. */
export function readOr(ctx: Ctx, path: string): string {
  try {
    return ctx.fs.readText(ctx.proc, path);
  } catch (e) {
    if (isSysError(e)) return '';
    throw e;
  }
}

/** Sleeps as long as moving `bytes` over the host's link takes (not at all when it is instant). */
export async function transferTime(ctx: Ctx, bytes: number): Promise<number> {
  const rate = ctx.kernel.linkRate;
  if (!Number.isFinite(rate)) return 0;
  const ms = (bytes / rate) * 1000;
  await ctx.sleep(ms);
  return ms;
}

/** The link rate to report in summaries (`Fetched … in 1s (10.2 MB/s)`): the real one, or 50 MB/s. */
export function reportedRate(ctx: Ctx): number {
  return Number.isFinite(ctx.kernel.linkRate) ? ctx.kernel.linkRate : 50e6;
}

/**
 * Asks `question` and reads one line of answer: true when it matches `yes` (an empty answer
 * counts as yes when `emptyIsYes`, as apt's `[Y/n]` does); end of input is no.
 */
export async function confirm(ctx: Ctx, question: string, emptyIsYes: boolean): Promise<boolean> {
  await ctx.out(question);
  for await (const l of ctx.lines(0)) {
    const a = l.trim();
    return /^y(es)?$/i.test(a) || (emptyIsYes && a === '');
  }
  return false;
}
