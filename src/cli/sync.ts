/**
 * `--mount REALDIR:SIMDIR`: a real directory copied into the simulated host before the session and
 * written back after it. The engine never touches the real disk (DESIGN.md rule 1), so this is a copy,
 * not a bind mount.
 *
 * @sim partial: hard links are copied as separate files; sockets, FIFOs and device nodes are skipped
 * with a warning; ownership outside is that of the user running dockersim.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Host, Who } from '../engine/index';

/** The student account, which owns what is copied in outside the system directories. */
const STUDENT = { uid: 1000, gid: 1000 };
const ROOT: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0 };

/** Top-level directories that belong to root on Debian; a student cannot write there anyway. */
const SYSTEM_DIRS = ['root', 'etc', 'usr', 'var', 'opt', 'srv', 'bin', 'sbin', 'lib', 'lib64', 'boot', 'run'];

/**
 * Who owns files copied to `simDir`: root under `/` itself and the system directories (where only
 * root could have made them), the student elsewhere (/home, /tmp, /mnt, new top-level directories),
 * so that the login shell can change what was mounted.
 */
export function ownerFor(simDir: string): { uid: number; gid: number } {
  const top = simDir.split('/').filter(Boolean)[0];
  return top === undefined || SYSTEM_DIRS.includes(top) ? { uid: 0, gid: 0 } : STUDENT;
}

type Warn = (message: string) => void;

function lstatSim(host: Host, p: string) {
  try {
    return host.vfs.lstat(ROOT, p);
  } catch {
    return null;
  }
}

/** rm -rf inside the simulated host. */
function removeSim(host: Host, p: string): void {
  const st = lstatSim(host, p);
  if (!st) return;
  if (st.type === 'dir') {
    for (const name of host.vfs.readdir(ROOT, p)) removeSim(host, `${p}/${name}`);
    host.vfs.rmdir(ROOT, p);
  } else {
    host.vfs.unlink(ROOT, p);
  }
}

function mkdirs(host: Host, dir: string, owner: { uid: number; gid: number }): void {
  let cur = '';
  for (const part of dir.split('/').filter(Boolean)) {
    cur += `/${part}`;
    const st = host.vfs.exists(ROOT, cur) ? host.vfs.stat(ROOT, cur) : null;
    if (st?.type === 'dir') continue;
    if (st || lstatSim(host, cur)) throw new Error(`${cur}: exists in the simulated host and is not a directory`);
    host.vfs.mkdir(ROOT, cur, 0o755);
    host.vfs.chown(ROOT, cur, owner.uid, owner.gid);
  }
}

/**
 * Copies a real directory tree (files with their modes and times, directories, symlinks) into the
 * simulated host at `simDir`, creating its parents. What is already there stays unless the copy
 * replaces it.
 */
export async function copyIn(host: Host, realDir: string, simDir: string, warn: Warn = () => {}): Promise<void> {
  const owner = ownerFor(simDir);
  mkdirs(host, simDir, owner);
  const walk = async (real: string, sim: string): Promise<void> => {
    for (const name of await fs.readdir(real)) {
      const r = path.join(real, name);
      const s = `${sim}/${name}`;
      const st = await fs.lstat(r);
      const mode = st.mode & 0o7777;
      const there = lstatSim(host, s);
      // A different kind of entry in the way is replaced, as extracting an archive would.
      const wanted = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'symlink';
      if (there && (there.type !== wanted || wanted === 'symlink')) removeSim(host, s);
      if (st.isSymbolicLink()) {
        host.vfs.symlink(ROOT, await fs.readlink(r), s);
        host.vfs.chown(ROOT, s, owner.uid, owner.gid, false);
      } else if (st.isDirectory()) {
        if (!lstatSim(host, s)) host.vfs.mkdir(ROOT, s, mode);
        // chown before chmod: chown(2) clears set-id bits.
        host.vfs.chown(ROOT, s, owner.uid, owner.gid);
        host.vfs.chmod(ROOT, s, mode);
        await walk(r, s);
        host.vfs.utimes(ROOT, s, st.atimeMs, st.mtimeMs);
      } else if (st.isFile()) {
        host.vfs.writeFile(ROOT, s, new Uint8Array(await fs.readFile(r)), { mode });
        host.vfs.chown(ROOT, s, owner.uid, owner.gid);
        host.vfs.chmod(ROOT, s, mode);
        host.vfs.utimes(ROOT, s, st.atimeMs, st.mtimeMs);
      } else {
        warn(`${r}: not copied in: not a regular file, directory or symbolic link`);
      }
    }
  };
  await walk(realDir, simDir);
}

/**
 * Writes the simulated directory back over the real one: files, directories and symlinks made or
 * changed inside appear outside (with the modes and times they have inside), and what was deleted
 * inside is deleted outside. If SIMDIR itself is gone or no longer a directory, the real directory
 * is left alone: emptying a real directory because of one `rm -rf` in a lesson is too costly a guess.
 */
export async function copyOut(host: Host, simDir: string, realDir: string, warn: Warn = () => {}): Promise<void> {
  if (lstatSim(host, simDir)?.type !== 'dir') {
    warn(`${simDir}: no longer a directory in the simulated host; ${realDir} left as it was`);
    return;
  }
  const walk = async (sim: string, real: string): Promise<void> => {
    await fs.mkdir(real, { recursive: true });
    const inside = new Set(host.vfs.readdir(ROOT, sim));
    for (const name of await fs.readdir(real)) {
      if (inside.has(name)) continue;
      const r = path.join(real, name);
      const st = await fs.lstat(r);
      // Sockets, FIFOs and devices were never copied in, so their absence inside is no deletion.
      if (st.isFile() || st.isDirectory() || st.isSymbolicLink()) await fs.rm(r, { recursive: true, force: true });
    }
    for (const name of inside) {
      const s = `${sim}/${name}`;
      const r = path.join(real, name);
      const st = host.vfs.lstat(ROOT, s);
      const existing = await fs.lstat(r).catch(() => null);
      // Only a directory or file of the same kind is updated in place; anything else (a symlink
      // included, since symlink(2) will not overwrite) is removed first.
      const kindOutside = existing?.isDirectory() ? 'dir' : existing?.isFile() ? 'file' : existing ? 'other' : null;
      if (kindOutside && kindOutside !== st.type) await fs.rm(r, { recursive: true, force: true });
      if (st.type === 'symlink') {
        await fs.symlink(host.vfs.readlink(ROOT, s), r);
      } else if (st.type === 'dir') {
        // A read-only directory outside must take its new entries first; its mode is set after.
        if (existing?.isDirectory()) await fs.chmod(r, (existing.mode & 0o7777) | 0o700);
        await walk(s, r);
        await fs.chmod(r, st.mode & 0o7777);
        await fs.utimes(r, st.atimeMs / 1000, st.mtimeMs / 1000);
      } else if (st.type === 'file') {
        await fs.writeFile(r, host.vfs.readFile(ROOT, s)).catch(async (e: NodeJS.ErrnoException) => {
          // A read-only file outside is replaced rather than written through, as `cp --force` does.
          if (e.code !== 'EACCES' && e.code !== 'EPERM') throw e;
          await fs.rm(r, { force: true });
          await fs.writeFile(r, host.vfs.readFile(ROOT, s));
        });
        await fs.chmod(r, st.mode & 0o7777);
        await fs.utimes(r, st.atimeMs / 1000, st.mtimeMs / 1000);
      } else {
        warn(`${s}: not copied out: a ${st.type}, not a regular file, directory or symbolic link`);
      }
    }
  };
  await walk(simDir, realDir);
}
