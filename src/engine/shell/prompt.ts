import type { Shell } from './interp';

/** Expands bash's prompt escapes (\u, \h, \w, \$, \[ \], colours) in PS1/PS2. */
export function expandPrompt(sh: Shell, ps: string): string {
  const home = sh.getVar('HOME') ?? '';
  const cwd = sh.getVar('PWD') ?? sh.proc.cwd;
  const tilde = home && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
  const now = new Date(sh.ctx.kernel.clock.now());
  const two = (n: number) => String(n).padStart(2, '0');
  const user = sh.getVar('USER') ?? (sh.proc.cred.uid === 0 ? 'root' : 'user');
  const host = sh.proc.ns.uts.hostname;
  return ps.replace(/\\(0[0-7]{2}|[0-7]{3}|.)/g, (m, c: string) => {
    if (/^[0-7]{3}$/.test(c)) return String.fromCharCode(parseInt(c, 8));
    switch (c) {
      case 'u': return user;
      case 'h': return host.split('.')[0];
      case 'H': return host;
      case 'w': return tilde;
      case 'W': return tilde === '~' || tilde === '/' ? tilde : tilde.split('/').pop()!;
      case '$': return sh.proc.cred.uid === 0 ? '#' : '$';
      case 's': return sh.name;
      case 'v': return '5.2';
      case 'V': return '5.2.15';
      case 'n': return '\n';
      case 'e': return '\x1b';
      case 'a': return '\x07';
      case 't': return `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
      case '[': case ']': return '';
      case '\\': return '\\';
      default: return m;
    }
  });
}
