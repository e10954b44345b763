import type { Ctx, ProgramSpec } from '../context';
import { runDaemon, staticFiles } from './daemon';
import { isSysError } from '../../kernel/errors';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const now = (ctx: Ctx) => new Date(ctx.kernel.clock.now());
const pid = (ctx: Ctx) => ctx.proc.ownPid;

/** Whether `path` exists for the calling process. */
function exists(ctx: Ctx, path: string): boolean {
  return ctx.fs.exists(ctx.proc, path);
}

// ---- nginx ----------------------------------------------------------------------------------

/** `2026/11/22 11:00:00 [notice] 1#1: ` — nginx's error-log prefix. */
function ngx(ctx: Ctx, p = pid(ctx)): string {
  const d = now(ctx);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} [notice] ${p}#${p}: `;
}

/**
 * nginx 1.27: `nginx -g 'daemon off;'` runs a master and two workers (one per CPU) that serve
 * /usr/share/nginx/html on port 80; SIGQUIT shuts down gracefully, SIGTERM and SIGINT fast.
 * `-v`, `-V` and `-t` answer as nginx does.
 */
export const nginx: ProgramSpec = {
  name: 'nginx',
  summary: 'HTTP and reverse proxy server',
  usage: 'nginx [-?hvVtTq] [-s signal] [-p prefix] [-e filename] [-c filename] [-g directives]',
  dir: '/usr/sbin',
  onHost: false,
  async run(ctx: Ctx) {
    const args = ctx.args;
    if (args.includes('-v')) {
      await ctx.err('nginx version: nginx/1.27.3\n');
      return 0;
    }
    if (args.includes('-V')) {
      await ctx.err('nginx version: nginx/1.27.3\nbuilt by gcc 12.2.0 (Debian 12.2.0-14) \nbuilt with OpenSSL 3.0.11 19 Sep 2023 (running with OpenSSL 3.0.15 3 Sep 2024)\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --conf-path=/etc/nginx/nginx.conf\n');
      return 0;
    }
    const conf = '/etc/nginx/nginx.conf';
    if (!exists(ctx, conf)) {
      await ctx.err(`${ngx(ctx).replace('[notice]', '[emerg]')}open() "${conf}" failed (2: No such file or directory)\n`);
      return 1;
    }
    if (args.includes('-t')) {
      await ctx.err(`nginx: the configuration file ${conf} syntax is ok\nnginx: configuration file ${conf} test is successful\n`);
      return 0;
    }
    const g = args[args.indexOf('-g') + 1] ?? '';
    ctx.proc.argv = [`nginx: master process ${['nginx', ...args].join(' ')}`];
    const root = exists(ctx, '/usr/share/nginx/html') ? '/usr/share/nginx/html' : '/var/www/html';
    const startup = () => [
      'using the "epoll" event method', 'nginx/1.27.3', 'built by gcc 12.2.0 (Debian 12.2.0-14) ', 'OS: Linux 6.1.0-28-amd64',
      'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes',
    ].map((l) => `${ngx(ctx)}${l}\n`).join('');
    if (!/daemon\s+off/.test(g)) {
      // Without `daemon off;` nginx forks into the background and the command returns at once.
      await ctx.err(startup());
      return 0;
    }
    return runDaemon(ctx, {
      stream: 2,
      startup,
      listen: { port: 80, program: 'nginx', accept: () => staticFiles(ctx, root, 'nginx/1.27.3', () => {}) },
      workers: { count: 2, title: 'nginx: worker process', log: (w) => `${ngx(ctx)}start worker process ${w}\n` },
      stop: {
        SIGQUIT: () => `${ngx(ctx)}signal 3 (SIGQUIT) received, shutting down\n${ngx(ctx)}exit\n`,
        SIGTERM: () => `${ngx(ctx)}signal 15 (SIGTERM) received, exiting\n${ngx(ctx)}exit\n`,
        SIGINT: () => `${ngx(ctx)}signal 2 (SIGINT) received, exiting\n${ngx(ctx)}exit\n`,
      },
    });
  },
};

// ---- httpd ----------------------------------------------------------------------------------

function apacheTime(ctx: Ctx): string {
  const d = now(ctx);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
}

/** Apache httpd 2.4 in the foreground (`-DFOREGROUND`), serving htdocs on port 80. */
export const httpd: ProgramSpec = {
  name: 'httpd',
  summary: 'Apache Hypertext Transfer Protocol Server',
  usage: 'httpd [-D name] [-d directory] [-f file] [-v] [-t]',
  onHost: false,
  async run(ctx: Ctx) {
    if (ctx.args.includes('-v')) {
      await ctx.out('Server version: Apache/2.4.62 (Unix)\nServer built:   Nov 12 2024 00:00:00\n');
      return 0;
    }
    const ip = ctx.proc.ns.net.interfaces.find((i) => i.name === 'eth0')?.ipv4?.address ?? '127.0.0.1';
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    if (ctx.args.includes('-t')) {
      await ctx.err(`${fqdn}Syntax OK\n`);
      return 0;
    }
    const p = pid(ctx);
    const log = (mod: string, msg: string) => `[${apacheTime(ctx)}] [${mod}:notice] [pid ${p}:tid ${p}] ${msg}\n`;
    return runDaemon(ctx, {
      stream: 2,
      startup: () => fqdn + fqdn + log('mpm_event', 'AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations') + log('core', `AH00094: Command line: 'httpd ${ctx.args.join(' ').replace('-DFOREGROUND', '-D FOREGROUND')}'`),
      listen: { port: 80, program: 'httpd', accept: () => staticFiles(ctx, '/usr/local/apache2/htdocs', 'Apache/2.4.62 (Unix)', () => {}) },
      workers: { count: 3, title: 'httpd -DFOREGROUND' },
      stop: {
        SIGWINCH: () => log('mpm_event', 'AH00492: caught SIGWINCH, shutting down gracefully'),
        SIGTERM: () => log('mpm_event', 'AH00491: caught SIGTERM, shutting down'),
        SIGINT: () => log('mpm_event', 'AH00491: caught SIGTERM, shutting down'),
      },
    });
  },
};

// ---- redis ----------------------------------------------------------------------------------

function redisTime(ctx: Ctx): string {
  const d = now(ctx);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** redis-server 7.4 in the foreground on port 6379; SIGTERM/SIGINT save /data/dump.rdb and exit. */
export const redisServer: ProgramSpec = {
  name: 'redis-server',
  summary: 'Redis server',
  usage: 'redis-server [/path/to/redis.conf] [options]',
  onHost: false,
  async run(ctx: Ctx) {
    if (ctx.args.includes('-v') || ctx.args.includes('--version')) {
      await ctx.out('Redis server v=7.4.1 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=4f0a1a8f1e0b4c3e\n');
      return 0;
    }
    const p = pid(ctx);
    const l = (role: string, mark: string, msg: string) => `${p}:${role} ${redisTime(ctx)} ${mark} ${msg}\n`;
    const conf = ctx.args.find((a) => a.endsWith('.conf'));
    if (conf && !exists(ctx, conf)) {
      await ctx.err(`\n*** FATAL CONFIG FILE ERROR (Redis 7.4.1) ***\nFatal error, can't open config file '${conf}': No such file or directory\n`);
      return 1;
    }
    const portArg = ctx.args.indexOf('--port');
    const port = portArg >= 0 ? Number(ctx.args[portArg + 1]) : 6379;
    const shutdown = (sig: string) => () => {
      try {
        ctx.fs.writeFile(ctx.proc, `${ctx.cwd.replace(/\/$/, '')}/dump.rdb`, 'REDIS0012');
      } catch (e) {
        if (!isSysError(e)) throw e;
      }
      return `${p}:signal-handler (${Math.floor(ctx.kernel.clock.now() / 1000)}) Received ${sig} scheduling shutdown...\n` + l('M', '*', 'User requested shutdown...') + l('M', '*', 'Saving the final RDB snapshot before exiting.') + l('M', '*', 'DB saved on disk') + l('M', '#', 'Redis is now ready to exit, bye bye...');
    };
    return runDaemon(ctx, {
      startup: () => l('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo') + l('C', '*', `Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=${p}, just started`)
        + (conf ? l('C', '*', 'Configuration loaded') : l('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'))
        + l('M', '*', 'monotonic clock: POSIX clock_gettime') + l('M', '*', `Running mode=standalone, port=${port}.`) + l('M', '*', 'Server initialized') + l('M', '*', 'Ready to accept connections tcp'),
      listen: { port, program: 'redis-server', accept: () => ({ redis: true }) },
      stop: { SIGTERM: shutdown('SIGTERM'), SIGINT: shutdown('SIGINT') },
    });
  },
};

// ---- postgres -------------------------------------------------------------------------------

function pgTime(ctx: Ctx): string {
  const d = now(ctx);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 23)} UTC`;
}

/** initdb: creates a database cluster's directory (PG_VERSION, base/, global/, postgresql.conf). */
export const initdb: ProgramSpec = {
  name: 'initdb',
  summary: 'create a new PostgreSQL database cluster',
  usage: 'initdb [OPTION]... [DATADIR]',
  onHost: false,
  async run(ctx: Ctx) {
    const dir = ctx.args.find((a) => !a.startsWith('-')) ?? ctx.env.PGDATA;
    if (!dir) {
      await ctx.err('initdb: error: no data directory specified\ninitdb: hint: You must identify the directory where the data for this database system will reside.  Do this with either the invocation option -D or the environment variable PGDATA.\n');
      return 1;
    }
    for (const d of [dir, `${dir}/base`, `${dir}/global`, `${dir}/pg_wal`]) if (!exists(ctx, d)) ctx.fs.mkdir(ctx.proc, d, 0o700);
    ctx.fs.writeFile(ctx.proc, `${dir}/PG_VERSION`, '17\n');
    ctx.fs.writeFile(ctx.proc, `${dir}/postgresql.conf`, "listen_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\n");
    await ctx.out(`The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\nThe database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\nThe default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\nfixing permissions on existing directory ${dir} ... ok\ncreating subdirectories ... ok\nselecting dynamic shared memory implementation ... posix\nselecting default "max_connections" ... 100\nselecting default "shared_buffers" ... 128MB\nselecting default time zone ... Etc/UTC\ncreating configuration files ... ok\nrunning bootstrap script ... ok\nperforming post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${dir} -l logfile start\n\n`);
    return 0;
  },
};

/** postgres 17: needs an initialised data directory; SIGINT is a fast shutdown, SIGTERM a smart one. */
export const postgres: ProgramSpec = {
  name: 'postgres',
  summary: 'PostgreSQL database server',
  usage: 'postgres [OPTION]...',
  onHost: false,
  async run(ctx: Ctx) {
    if (ctx.args.includes('--version') || ctx.args.includes('-V')) {
      await ctx.out('postgres (PostgreSQL) 17.2 (Debian 17.2-1.pgdg120+1)\n');
      return 0;
    }
    const data = ctx.args[ctx.args.indexOf('-D') + 1] && ctx.args.includes('-D') ? ctx.args[ctx.args.indexOf('-D') + 1] : ctx.env.PGDATA;
    const p = pid(ctx);
    const log = (msg: string, who = p) => `${pgTime(ctx)} [${who}] LOG:  ${msg}\n`;
    if (!data || !exists(ctx, `${data}/PG_VERSION`)) {
      await ctx.err(data ? `postgres: could not access the server configuration file "${data}/postgresql.conf": No such file or directory\n` : 'postgres does not know where to find the server configuration file.\nYou must specify the --config-file or -D invocation option or set the PGDATA environment variable.\n');
      return 2;
    }
    const stop = (kind: string) => () => log(`received ${kind} shutdown request`) + (kind === 'fast' ? log('aborting any active transactions') : '') + log('shutting down', p + 26) + log(`checkpoint starting: shutdown immediate`, p + 26) + log('database system is shut down');
    return runDaemon(ctx, {
      stream: 2,
      startup: () => log('starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit') + log('listening on IPv4 address "0.0.0.0", port 5432') + log('listening on IPv6 address "::", port 5432') + log('listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"') + log(`database system was shut down at ${pgTime(ctx).slice(0, 19)} UTC`, p + 28) + log('database system is ready to accept connections'),
      listen: { port: 5432, program: 'postgres', accept: () => ({ postgres: true }) },
      workers: { count: 5, title: 'postgres: background worker' },
      stop: { SIGINT: stop('fast'), SIGTERM: stop('smart'), SIGQUIT: () => log('received immediate shutdown request') + log('database system is shut down') },
    });
  },
};

// ---- mysqld ---------------------------------------------------------------------------------

/** mysqld 9.1: initialises /var/lib/mysql on first start, then listens on 3306 and 33060. */
export const mysqld: ProgramSpec = {
  name: 'mysqld',
  summary: 'the MySQL server',
  usage: 'mysqld [OPTIONS]',
  dir: '/usr/sbin',
  onHost: false,
  async run(ctx: Ctx) {
    if (ctx.args.includes('--version') || ctx.args.includes('-V')) {
      await ctx.out('/usr/sbin/mysqld  Ver 9.1.0 for Linux on x86_64 (MySQL Community Server - GPL)\n');
      return 0;
    }
    const t = () => now(ctx).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    const log = (thread: number, code: string, sub: string, msg: string) => `${t()} ${thread} [System] [${code}] [${sub}] ${msg}\n`;
    const first = !exists(ctx, '/var/lib/mysql/mysql');
    if (first) {
      for (const d of ['/var/lib/mysql', '/var/lib/mysql/mysql']) if (!exists(ctx, d)) ctx.fs.mkdir(ctx.proc, d, 0o750);
      ctx.fs.writeFile(ctx.proc, '/var/lib/mysql/ibdata1', '');
    }
    return runDaemon(ctx, {
      stream: 2,
      startup: () => log(0, 'MY-015015', 'Server', 'MySQL Server - start.') + log(0, 'MY-010116', 'Server', `/usr/sbin/mysqld (mysqld 9.1.0) starting as process ${pid(ctx)}`)
        + log(1, 'MY-013576', 'InnoDB', 'InnoDB initialization has started.') + log(1, 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.')
        + log(0, 'MY-011323', 'Server', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock")
        + log(0, 'MY-010931', 'Server', "/usr/sbin/mysqld: ready for connections. Version: '9.1.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."),
      listen: { port: 3306, program: 'mysqld', accept: () => ({ mysql: true }) },
      stop: {
        SIGTERM: () => log(0, 'MY-013172', 'Server', 'Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: 9.1.0).') + log(0, 'MY-010910', 'Server', '/usr/sbin/mysqld: Shutdown complete (mysqld 9.1.0)  MySQL Community Server - GPL.') + log(0, 'MY-015016', 'Server', 'MySQL Server - end.'),
      },
    });
  },
};
