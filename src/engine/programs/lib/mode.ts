import type { Stat } from '../../vfs/backend';

const TYPE_CHAR: Record<Stat['type'], string> = { file: '-', dir: 'd', symlink: 'l', chardev: 'c', blockdev: 'b', fifo: 'p', socket: 's' };

/** `drwxr-xr-x`, with setuid/setgid/sticky bits as s/S and t/T, as ls -l and stat print it. */
export function modeString(st: Pick<Stat, 'type' | 'mode'>): string {
  const m = st.mode;
  const rwx = (bits: number, special: boolean, ch: string) =>
    (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? 'x' : '-');
  return TYPE_CHAR[st.type] + rwx((m >> 6) & 7, !!(m & 0o4000), 's') + rwx((m >> 3) & 7, !!(m & 0o2000), 's') + rwx(m & 7, !!(m & 0o1000), 't');
}

/** The file type as stat(1) words it. */
export function typeWords(st: Pick<Stat, 'type' | 'size'>): string {
  switch (st.type) {
    case 'file': return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'dir': return 'directory';
    case 'symlink': return 'symbolic link';
    case 'chardev': return 'character special file';
    case 'blockdev': return 'block special file';
    case 'fifo': return 'fifo';
    case 'socket': return 'socket';
  }
}

/**
 * Applies a chmod(1) mode — octal (`755`) or symbolic (`u+x,go-w`, `a=r`, `+X`, `g=u`) — to `mode`,
 * as GNU's mode_compile and mode_adjust do. Returns undefined for an invalid mode.
 */
export function applyMode(spec: string, mode: number, isDir: boolean, umask = 0o022): number | undefined {
  if (/^[0-7]+$/.test(spec)) {
    const v = parseInt(spec, 8);
    if (v > 0o7777) return undefined;
    // Directories keep set-user-ID and set-group-ID unless a fifth digit is given (00755).
    return isDir && spec.length < 5 ? v | (mode & 0o6000) : v;
  }
  let m = mode;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)$/.exec(clause);
    if (!match) return undefined;
    const who = match[1];
    let affected = 0;
    if (who === '' || who.includes('a')) affected = 0o7777;
    if (who.includes('u')) affected |= 0o4700;
    if (who.includes('g')) affected |= 0o2070;
    if (who.includes('o')) affected |= 0o1007;
    for (const op of match[2].match(/[-+=](?:[ugo]|[rwxXst]*)/g) ?? []) {
      const perms = op.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
        bits = ((m >> shift) & 7) * 0o111;
      } else {
        for (const p of perms) {
          if (p === 'r') bits |= 0o444;
          else if (p === 'w') bits |= 0o222;
          else if (p === 'x') bits |= 0o111;
          else if (p === 'X') bits |= isDir || m & 0o111 ? 0o111 : 0;
          else if (p === 's') bits |= 0o6000;
          else if (p === 't') bits |= 0o1000;
        }
      }
      let eff = bits & affected;
      // Without a who letter the umask's bits are left alone.
      if (who === '') eff &= ~umask | 0o7000;
      if (op[0] === '+') m |= eff;
      else if (op[0] === '-') m &= ~eff;
      else {
        const preserved = isDir && !perms.includes('s') ? 0o6000 : 0;
        m = (m & ~(affected & ~preserved)) | eff;
      }
    }
  }
  return m & 0o7777;
}
