import type { Ctx, ProgramSpec } from './context';
import { findInPath } from './lib/path-search';
import { readGroups, readPasswd } from './lib/users';

/** Debian's sudoers `secure_path`: the PATH commands run with and are looked up in. */
const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Variables sudo's env_reset keeps from the caller (its default env_keep list, abridged). */
const KEEP = /^(TERM|LANG|LANGUAGE|LC_\w+|DISPLAY|COLORS|LS_COLORS|TZ|XAUTHORITY|XAUTHORIZATION|PS1|PS2|HOSTNAME|COLUMNS|LINES)$/;

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]
            [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] file ...
`;

/**
 * sudo [-u USER] [-E] COMMAND [ARG]...: runs a command as root (or USER) for members of group
 * `sudo`, with sudo's env_reset environment and Debian's secure_path.
 * @sim partial: sudoers is fixed to Debian's `%sudo ALL=(ALL:ALL) NOPASSWD: ALL` — nobody is asked
 * for a password; no -i, -s, -l, -e.
 */
export const sudo: ProgramSpec = {
  name: 'sudo',
  summary: 'execute a command as another user',
  usage: 'sudo [-u user] [-E] command [arg ...]',
  description: 'sudo allows a permitted user to execute a command as the superuser or another user.\n\n  -E, --preserve-env   preserve user environment when running command\n  -u, --user=user      run command as specified user name or ID\n  -V, --version        display version information and exit',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let target = 'root';
    let preserve = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (a === '-u' || a === '--user') target = args[++i] ?? '';
      else if (a.startsWith('--user=')) target = a.slice(7);
      else if (a.startsWith('-u') && a.length > 2) target = a.slice(2);
      else if (a === '-E' || a === '--preserve-env') preserve = true;
      else if (a === '-V' || a === '--version') {
        await ctx.out('Sudo version 1.9.13p3\n');
        return 0;
      } else if (a === '-h' || a === '--help') {
        await ctx.out(`sudo - ${sudo.summary}\n\n${USAGE}`);
        return 0;
      } else if (a.startsWith('-')) {
        await ctx.err(`sudo: invalid option -- '${a.slice(1, 2)}'\n${USAGE}`);
        return 1;
      } else break;
    }
    const cmd = args.slice(i);
    if (cmd.length === 0) {
      await ctx.err(USAGE);
      return 1;
    }
    const passwd = readPasswd(ctx);
    const me = passwd.find((p) => p.uid === ctx.proc.cred.uid);
    const myName = me?.name ?? String(ctx.proc.cred.uid);
    const groups = readGroups(ctx);
    const sudoGid = groups.find((g) => g.name === 'sudo')?.gid;
    const allowed = ctx.proc.cred.uid === 0 || (sudoGid !== undefined && (ctx.proc.cred.groups.includes(sudoGid) || ctx.proc.cred.gid === sudoGid));
    if (!allowed) {
      await ctx.err(`${myName} is not in the sudoers file.\n`);
      return 1;
    }
    const runAs = /^#\d+$/.test(target) ? passwd.find((p) => p.uid === Number(target.slice(1))) : passwd.find((p) => p.name === target);
    if (!runAs) {
      await ctx.err(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`);
      return 1;
    }
    const path = findInPath(ctx, cmd[0], SECURE_PATH);
    if (!path) {
      await ctx.err(`sudo: ${cmd[0]}: command not found\n`);
      return 1;
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(ctx.env)) if (preserve || KEEP.test(k)) env[k] = v;
    Object.assign(env, {
      PATH: SECURE_PATH,
      HOME: runAs.home,
      SHELL: runAs.shell,
      LOGNAME: runAs.name,
      USER: runAs.name,
      MAIL: `/var/mail/${runAs.name}`,
      SUDO_COMMAND: [path, ...cmd.slice(1)].join(' '),
      SUDO_USER: myName,
      SUDO_UID: String(ctx.proc.cred.uid),
      SUDO_GID: String(ctx.proc.cred.gid),
    });
    const memberOf = groups.filter((g) => g.members.includes(runAs.name)).map((g) => g.gid);
    const cred = { uid: runAs.uid, gid: runAs.gid, groups: [runAs.gid, ...memberOf.filter((g) => g !== runAs.gid)] };
    let child;
    try {
      child = ctx.spawn({ argv: cmd, path, env, cred });
    } catch (e) {
      await ctx.err(`sudo: unable to execute ${path}: ${(e as Error).message}\n`);
      return 1;
    }
    const r = await ctx.wait(child);
    if (r?.kind !== 'exited') return 1;
    return r.status.signal !== undefined ? 128 + r.status.signal : r.status.code;
  },
};
