import type { Vfs, Who } from '../vfs/vfs';

const ROOT: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0 };

/** A login account of the host. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  gecos: string;
}

/** The host's accounts: root, the system users a Debian host has, and the `student` login. */
export const ACCOUNTS: Account[] = [
  { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash', gecos: 'root' },
  { name: 'daemon', uid: 1, gid: 1, home: '/usr/sbin', shell: '/usr/sbin/nologin', gecos: 'daemon' },
  { name: 'bin', uid: 2, gid: 2, home: '/bin', shell: '/usr/sbin/nologin', gecos: 'bin' },
  { name: 'sys', uid: 3, gid: 3, home: '/dev', shell: '/usr/sbin/nologin', gecos: 'sys' },
  { name: 'www-data', uid: 33, gid: 33, home: '/var/www', shell: '/usr/sbin/nologin', gecos: 'www-data' },
  { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent', shell: '/usr/sbin/nologin', gecos: 'nobody' },
  { name: 'student', uid: 1000, gid: 1000, home: '/home/student', shell: '/bin/bash', gecos: 'Student,,,' },
];

const GROUPS: [string, number, string[]][] = [
  ['root', 0, []], ['daemon', 1, []], ['bin', 2, []], ['sys', 3, []], ['adm', 4, []], ['tty', 5, []],
  ['sudo', 27, ['student']], ['www-data', 33, []], ['shadow', 42, []], ['users', 100, []],
  ['nogroup', 65534, []], ['student', 1000, []], ['docker', 999, ['student']],
];

/** The supplementary groups of a user, from the group table. */
export function groupsOf(name: string, gid: number): number[] {
  return [gid, ...GROUPS.filter(([, , members]) => members.includes(name)).map(([, g]) => g)];
}

const BASHRC = `# ~/.bashrc: executed by bash(1) for interactive shells.

# If not running interactively, don't do anything
case $- in
    *i*) ;;
      *) return;;
esac

HISTCONTROL=ignoreboth
HISTSIZE=1000

PS1='\\[\\033[01;32m\\]\\u@\\h\\[\\033[00m\\]:\\[\\033[01;34m\\]\\w\\[\\033[00m\\]\\$ '

alias ls='ls --color=auto'
alias grep='grep --color=auto'
alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'
`;

const PROFILE = `# ~/.profile: executed by the command interpreter for login shells.
if [ -n "$BASH_VERSION" ]; then
    if [ -f "$HOME/.bashrc" ]; then
	. "$HOME/.bashrc"
    fi
fi
if [ -d "$HOME/bin" ] ; then
    PATH="$HOME/bin:$PATH"
fi
`;

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

/**
 * Lays out the host's root filesystem as a Debian 12 system: the usual directories with their
 * real modes and owners, the account files, and the configuration files programs read.
 */
export function populateRootFs(vfs: Vfs, hostname: string): void {
  const dirs: [string, number, number?][] = [
    ['/usr', 0o755], ['/usr/bin', 0o755], ['/usr/sbin', 0o755], ['/usr/lib', 0o755], ['/usr/local', 0o755],
    ['/usr/local/bin', 0o755], ['/usr/share', 0o755], ['/usr/share/man', 0o755], ['/etc', 0o755], ['/etc/skel', 0o755],
    ['/home', 0o755], ['/root', 0o700], ['/tmp', 0o1777], ['/var', 0o755], ['/var/log', 0o755], ['/var/tmp', 0o1777],
    ['/var/lib', 0o755], ['/var/lib/docker', 0o710], ['/run', 0o755], ['/opt', 0o755], ['/mnt', 0o755],
    ['/srv', 0o755], ['/media', 0o755], ['/proc', 0o555], ['/sys', 0o555], ['/dev', 0o755], ['/boot', 0o755],
  ];
  vfs.chmod(ROOT, '/', 0o755);
  for (const [d, mode] of dirs) {
    if (!vfs.exists(ROOT, d)) vfs.mkdir(ROOT, d, mode);
    vfs.chmod(ROOT, d, mode);
  }
  // Debian 12 merged /usr: /bin, /sbin and /lib are links into /usr.
  for (const l of ['bin', 'sbin', 'lib']) vfs.symlink(ROOT, `usr/${l}`, `/${l}`);
  vfs.symlink(ROOT, '/run', '/var/run');

  const write = (path: string, text: string, mode = 0o644, uid = 0, gid = 0) => {
    vfs.writeFile(ROOT, path, text, { mode });
    vfs.chmod(ROOT, path, mode);
    vfs.chown(ROOT, path, uid, gid);
  };
  write('/etc/hostname', `${hostname}\n`);
  write('/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n`);
  write('/etc/passwd', ACCOUNTS.map((a) => `${a.name}:x:${a.uid}:${a.gid}:${a.gecos}:${a.home}:${a.shell}\n`).join(''));
  write('/etc/group', GROUPS.map(([n, g, m]) => `${n}:x:${g}:${m.join(',')}\n`).join(''));
  write('/etc/shadow', ACCOUNTS.map((a) => `${a.name}:${a.uid === 1000 ? '$y$j9T$student$' : '*'}:19700:0:99999:7:::\n`).join(''), 0o640, 0, 42);
  write('/etc/os-release', OS_RELEASE);
  write('/etc/debian_version', '12.8\n');
  write('/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n');
  write('/etc/resolv.conf', 'nameserver 10.0.2.3\n');
  write('/etc/motd', '\nThe programs included with the Debian GNU/Linux system are free software.\n');
  write('/etc/profile', 'if [ "$(id -u)" -eq 0 ]; then\n  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nelse\n  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"\nfi\nexport PATH\n');
  write('/etc/skel/.bashrc', BASHRC);
  write('/etc/skel/.profile', PROFILE);
  write('/root/.bashrc', BASHRC.replace("PS1='\\\\[\\\\033[01;32m\\\\]", "PS1='\\\\[\\\\033[01;31m\\\\]"), 0o644);
  write('/root/.profile', PROFILE);
  write('/var/log/syslog', '', 0o640, 0, 4);

  for (const a of ACCOUNTS.filter((x) => x.uid >= 1000 && x.uid < 65534)) {
    vfs.mkdir(ROOT, a.home, 0o755);
    vfs.chown(ROOT, a.home, a.uid, a.gid);
    write(`${a.home}/.bashrc`, BASHRC, 0o644, a.uid, a.gid);
    write(`${a.home}/.profile`, PROFILE, 0o644, a.uid, a.gid);
    write(`${a.home}/.bash_logout`, '# ~/.bash_logout: executed by bash(1) when login shell exits.\n', 0o644, a.uid, a.gid);
  }
}

/** The root user, for setup work done by the host itself. */
export const ROOT_WHO = ROOT;
