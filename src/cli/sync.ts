import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Host, Who } from '../engine/index';

/** The student account that owns copied-in files outside root-only directories. */
const STUDENT = { uid: 1000, gid: 1000 };
const ROOT: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0 };

/** Who should own files copied to `simDir`: root under system directories, the student elsewhere. */
export function ownerFor(simDir: string): { uid: number; gid: number } {
  return /^\/(root|etc|usr|var|opt|srv)(\/|$)/.test(simDir) ? { uid: 0, gid: 0 } : STUDENT;
}

function mkdirs(host: Host, dir: string, owner: { uid: number; gid: number }): void {
  const parts = dir.split('/').filter(Boolean);
  let cur = '';
  for (const p of parts) {
    cur += `/${p}`;
    if (!host.vfs.exists(ROOT, cur)) {
      host.vfs.mkdir(ROOT, cur, 0o755);
      host.vfs.chown(ROOT, cur, owner.uid, owner.gid);
    }
  }
}

/** Copies a real directory tree (files with modes, directories, symlinks) into the simulated host. */
export async function copyIn(host: Host, realDir: string, simDir: string): Promise<void> {
  const owner = ownerFor(simDir);
  mkdirs(host, simDir, owner);
  const walk = async (real: string, sim: string): Promise<void> => {
    for (const entry of await fs.readdir(real, { withFileTypes: true })) {
      const r = path.join(real, entry.name);
      const s = `${sim}/${entry.name}`;
      const st = await fs.lstat(r);
      if (entry.isSymbolicLink()) {
        host.vfs.symlink(ROOT, await fs.readlink(r), s);
        host.vfs.chown(ROOT, s, owner.uid, owner.gid, false);
      } else if (entry.isDirectory()) {
        if (!host.vfs.exists(ROOT, s)) host.vfs.mkdir(ROOT, s, st.mode & 0o7777);
        host.vfs.chmod(ROOT, s, st.mode & 0o7777);
        host.vfs.chown(ROOT, s, owner.uid, owner.gid);
        await walk(r, s);
      } else if (entry.isFile()) {
        host.vfs.writeFile(ROOT, s, new Uint8Array(await fs.readFile(r)), { mode: st.mode & 0o7777 });
        host.vfs.chmod(ROOT, s, st.mode & 0o7777);
        host.vfs.chown(ROOT, s, owner.uid, owner.gid);
      }
    }
  };
  await walk(realDir, simDir);
}

/**
 * Writes the simulated directory back over the real one: files, directories and symlinks made or
 * changed inside appear outside, and what was deleted inside is deleted outside.
 */
export async function copyOut(host: Host, simDir: string, realDir: string): Promise<void> {
  const walk = async (sim: string, real: string): Promise<void> => {
    await fs.mkdir(real, { recursive: true });
    const inside = new Set(host.vfs.readdir(ROOT, sim));
    for (const entry of await fs.readdir(real, { withFileTypes: true })) {
      if (!inside.has(entry.name)) await fs.rm(path.join(real, entry.name), { recursive: true, force: true });
    }
    for (const name of inside) {
      const s = `${sim}/${name}`;
      const r = path.join(real, name);
      const st = host.vfs.lstat(ROOT, s);
      const existing = await fs.lstat(r).catch(() => null);
      if (st.type === 'symlink') {
        if (existing) await fs.rm(r, { recursive: true, force: true });
        await fs.symlink(host.vfs.readlink(ROOT, s), r);
      } else if (st.type === 'dir') {
        if (existing && !existing.isDirectory()) await fs.rm(r, { force: true });
        await walk(s, r);
        await fs.chmod(r, st.mode);
      } else if (st.type === 'file') {
        if (existing && (existing.isDirectory() || existing.isSymbolicLink())) await fs.rm(r, { recursive: true, force: true });
        await fs.writeFile(r, host.vfs.readFile(ROOT, s));
        await fs.chmod(r, st.mode);
      }
    }
  };
  await walk(simDir, realDir);
}
