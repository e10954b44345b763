import type { Ctx, ProgramSpec } from '../context';
import { isSysError } from '../../kernel/errors';
import { SIG } from '../../kernel/signals';
import { networkOf, type NetNamespace } from '../../kernel/netns';
import type { HttpService } from '../services/daemon';

/** The addresses this namespace can reach: its own (loopback included). */
function resolveHost(_ns: NetNamespace, host: string): string | null {
  if (host === 'localhost') return '127.0.0.1';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  return null;
}

/** Whether `ip` is this namespace's own address (so a connection stays inside it). */
function local(ns: NetNamespace, ip: string): boolean {
  return ip.startsWith('127.') || ns.owner(ip) !== undefined || ip === '0.0.0.0';
}

/** Whether some route covers `ip`. */
function routable(ns: NetNamespace, ip: string): boolean {
  return ns.routes.some((r) => r.destination === 'default' || networkOf(ip, Number(r.destination.split('/')[1])) === r.destination.split('/')[0]);
}

/**
 * ping (iputils): echo requests to the namespace's own addresses are answered (every second,
 * until -c N or ^C), then the statistics block.
 * @sim partial: no packets cross namespaces yet; other reachable addresses get no reply.
 */
export const ping: ProgramSpec = {
  name: 'ping',
  summary: 'send ICMP ECHO_REQUEST to network hosts',
  usage: 'ping [-c count] [-i interval] destination',
  onHost: true,
  async run(ctx: Ctx) {
    let count = Infinity;
    let host = '';
    for (let i = 0; i < ctx.args.length; i++) {
      if (ctx.args[i] === '-c') count = Number(ctx.args[++i]);
      else if (ctx.args[i].startsWith('-c')) count = Number(ctx.args[i].slice(2));
      else if (!ctx.args[i].startsWith('-')) host = ctx.args[i];
    }
    const ns = ctx.proc.ns.net;
    if (!host) {
      await ctx.err('ping: usage error: Destination address required\n');
      return 1;
    }
    const ip = resolveHost(ns, host);
    if (!ip) {
      await ctx.err(`ping: ${host}: ${/\./.test(host) ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`);
      return 2;
    }
    if (!local(ns, ip) && !routable(ns, ip)) {
      await ctx.err('ping: connect: Network is unreachable\n');
      return 2;
    }
    const answers = local(ns, ip);
    let stop = false;
    ctx.proc.handlers.set(SIG.SIGINT, () => {
      stop = true;
    });
    const start = ctx.kernel.clock.now();
    await ctx.out(`PING ${host} (${ip}) 56(84) bytes of data.\n`);
    let sent = 0;
    const times: number[] = [];
    while (sent < count && !stop) {
      if (sent > 0) await ctx.sleep(1000);
      if (stop) break;
      sent++;
      if (answers) {
        const t = 0.02 + ((sent * 37) % 50) / 1000;
        times.push(t);
        await ctx.out(`64 bytes from ${ip}: icmp_seq=${sent} ttl=64 time=${t.toFixed(3)} ms\n`);
      }
    }
    const ms = ctx.kernel.clock.now() - start;
    const loss = sent ? Math.round(((sent - times.length) / sent) * 100) : 0;
    let out = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${times.length} received, ${loss}% packet loss, time ${Math.round(ms)}ms\n`;
    if (times.length) {
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
      out += `rtt min/avg/max/mdev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    }
    await ctx.out(out);
    return times.length ? 0 : 1;
  },
};

/** Parses `http://host:port/path` (scheme optional). */
function parseUrl(url: string): { host: string; port: number; path: string } | null {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return null;
  return { host: m[2], port: Number(m[3] ?? (m[1] === 'https' ? 443 : 80)), path: m[4] ?? '/' };
}

/** Connects to an HTTP server listening in this namespace (or through a published port). */
function fetchHttp(ctx: Ctx, url: { host: string; port: number; path: string }): { ok: true; res: ReturnType<HttpService['http']> } | { ok: false; why: 'resolve' | 'refused' | 'unreachable' } {
  const ns = ctx.proc.ns.net;
  const ip = resolveHost(ns, url.host);
  if (!ip) return { ok: false, why: 'resolve' };
  if (!local(ns, ip)) return { ok: false, why: routable(ns, ip) ? 'refused' : 'unreachable' };
  let service: unknown;
  try {
    service = ctx.kernel.tcp.connect(ns, url.port, ctx.proc);
  } catch (e) {
    if (isSysError(e)) return { ok: false, why: 'refused' };
    throw e;
  }
  if (!service || typeof (service as HttpService).http !== 'function') return { ok: false, why: 'refused' };
  return { ok: true, res: (service as HttpService).http({ method: 'GET', path: url.path, headers: { Host: url.host, 'User-Agent': 'curl/7.88.1' } }) };
}

/**
 * curl: GET over HTTP from servers in the namespace (a container's nginx, or one published on the
 * host with -p), with -i, -I, -s, -o and -v's request line.
 * @sim partial: no DNS and no network beyond the namespace; other hosts fail as unreachable.
 */
export const curl: ProgramSpec = {
  name: 'curl',
  summary: 'transfer a URL',
  usage: 'curl [options...] <url>',
  onHost: true,
  async run(ctx: Ctx) {
    if (ctx.args.includes('--version') || ctx.args.includes('-V')) {
      await ctx.out('curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13\nRelease-Date: 2023-02-20\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\nFeatures: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd\n');
      return 0;
    }
    let include = false;
    let head = false;
    let silent = false;
    let out: string | null = null;
    let target = '';
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === '-o' || a === '--output') out = ctx.args[++i];
      else if (a.startsWith('-') && !a.startsWith('--')) {
        if (a.includes('i')) include = true;
        if (a.includes('I')) head = true;
        if (a.includes('s') && !a.includes('S')) silent = true;
      } else if (a === '--include') include = true;
      else if (a === '--head') head = true;
      else if (a === '--silent') silent = true;
      else if (!a.startsWith('-')) target = a;
    }
    if (!target) {
      await ctx.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const url = parseUrl(target);
    if (!url) {
      await ctx.err(`curl: (3) URL using bad/illegal format or missing URL\n`);
      return 3;
    }
    const r = fetchHttp(ctx, url);
    if (!r.ok) {
      if (silent) return r.why === 'resolve' ? 6 : 7;
      if (r.why === 'resolve') {
        await ctx.err(`curl: (6) Could not resolve host: ${url.host}\n`);
        return 6;
      }
      await ctx.err(r.why === 'refused' ? `curl: (7) Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server\n` : `curl: (7) Failed to connect to ${url.host} port ${url.port} after 0 ms: Network is unreachable\n`);
      return 7;
    }
    const { res } = r;
    const headers = `HTTP/1.1 ${res.status} ${res.reason}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    const body = head ? '' : new TextDecoder().decode(res.body);
    const text = (include || head ? headers : '') + body;
    if (out) ctx.fs.writeFile(ctx.proc, out, text);
    else await ctx.out(text);
    return 0;
  },
};

/** wget: fetches a URL into a file (index.html by default), with wget's report. @sim partial: as curl. */
export const wget: ProgramSpec = {
  name: 'wget',
  summary: 'the non-interactive network downloader',
  usage: 'wget [OPTION]... [URL]...',
  onHost: true,
  async run(ctx: Ctx) {
    if (ctx.args.includes('--version') || ctx.args.includes('-V')) {
      await ctx.out('GNU Wget 1.21.3 built on linux-gnu.\n');
      return 0;
    }
    const toStdout = ctx.args.join(' ').includes('-O -') || ctx.args.includes('-qO-');
    const target = ctx.args.filter((a) => !a.startsWith('-') && a !== '-').at(-1);
    if (!target) {
      await ctx.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
      return 1;
    }
    const url = parseUrl(target);
    if (!url) {
      await ctx.err(`${target}: Invalid URL\n`);
      return 1;
    }
    const full = `http://${url.host}${url.port === 80 ? '' : `:${url.port}`}${url.path}`;
    const r = fetchHttp(ctx, url);
    if (!r.ok) {
      await ctx.err(r.why === 'resolve' ? `--${new Date(ctx.kernel.clock.now()).toISOString().replace('T', ' ').slice(0, 19)}--  ${full}\nResolving ${url.host} (${url.host})... failed: Name or service not known.\nwget: unable to resolve host address '${url.host}'\n` : `--${new Date(ctx.kernel.clock.now()).toISOString().replace('T', ' ').slice(0, 19)}--  ${full}\nConnecting to ${url.host} (${url.host})|${resolveHost(ctx.proc.ns.net, url.host)}|:${url.port}... failed: Connection refused.\n`);
      return 4;
    }
    if (toStdout) {
      await ctx.out(r.res.body);
      return 0;
    }
    const name = url.path.split('/').pop() || 'index.html';
    ctx.fs.writeFile(ctx.proc, name, r.res.body);
    await ctx.err(`--${new Date(ctx.kernel.clock.now()).toISOString().replace('T', ' ').slice(0, 19)}--  ${full}\nConnecting to ${url.host} (${url.host})|${resolveHost(ctx.proc.ns.net, url.host)}|:${url.port}... connected.\nHTTP request sent, awaiting response... ${r.res.status} ${r.res.reason}\nLength: ${r.res.body.length} [text/html]\nSaving to: '${name}'\n\n${name}   100%[===================>]   ${r.res.body.length}  --.-KB/s    in 0s\n\n'${name}' saved [${r.res.body.length}/${r.res.body.length}]\n\n`);
    return r.res.status === 200 ? 0 : 8;
  },
};

/** ss -tln: the listening TCP sockets of the namespace (-p adds the program). */
export const ss: ProgramSpec = {
  name: 'ss',
  summary: 'another utility to investigate sockets',
  usage: 'ss [-tlnp]',
  onHost: true,
  async run(ctx: Ctx) {
    const p = ctx.args.some((a) => a.startsWith('-') && a.includes('p'));
    let out = 'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port' + (p ? 'Process' : '') + '\n';
    for (const l of ctx.kernel.tcp.listeners(ctx.proc.ns.net)) {
      out += `LISTEN 0      4096         0.0.0.0:${String(l.port).padEnd(5)}      0.0.0.0:*    ${p ? `users:(("${l.program}",pid=${l.owner.pidIn(ctx.proc.ns.pid) ?? l.owner.pid},fd=3))` : ''}\n`;
    }
    await ctx.out(out);
    return 0;
  },
};

/** netstat -tln / -rn / -i (net-tools), from the namespace's model. */
export const netstat: ProgramSpec = {
  name: 'netstat',
  summary: 'print network connections, routing tables and interface statistics',
  usage: 'netstat [-tlnrip]',
  onHost: false,
  async run(ctx: Ctx) {
    const flags = ctx.args.filter((a) => a.startsWith('-')).join('');
    const ns = ctx.proc.ns.net;
    if (flags.includes('r')) return routeTable(ctx, 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n', true);
    if (flags.includes('i')) {
      await ctx.out('Kernel Interface table\nIface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n' + ns.interfaces.map((i) => `${i.name.padEnd(16)}${String(i.mtu).padStart(6)}${String(i.rx.packets).padStart(9)}      0      0 0      ${String(i.tx.packets).padStart(9)}      0      0      0 ${i.kind === 'loopback' ? 'LRU' : 'BMRU'}\n`).join(''));
      return 0;
    }
    let out = 'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       ' + (flags.includes('p') ? 'PID/Program name    ' : '') + '\n';
    for (const l of ctx.kernel.tcp.listeners(ns)) out += `tcp        0      0 ${`0.0.0.0:${l.port}`.padEnd(23)} 0.0.0.0:*               LISTEN      ${flags.includes('p') ? `${l.owner.pidIn(ctx.proc.ns.pid) ?? l.owner.pid}/${l.program}` : ''}\n`;
    await ctx.out(out);
    return 0;
  },
};

async function routeTable(ctx: Ctx, header: string, numeric: boolean): Promise<number> {
  const ns = ctx.proc.ns.net;
  let out = header;
  for (const r of ns.routes) {
    const def = r.destination === 'default';
    const [net, prefix] = def ? ['0.0.0.0', '0'] : r.destination.split('/');
    const mask = def ? '0.0.0.0' : [24, 16, 8, 0].map((s) => Math.floor((2 ** 32 - 2 ** (32 - Number(prefix))) / 2 ** s) % 256).join('.');
    out += `${(def && !numeric ? 'default' : net).padEnd(16)}${(r.gateway ?? '0.0.0.0').padEnd(16)}${mask.padEnd(16)}${(def ? 'UG' : 'U').padEnd(8)}${numeric && header.includes('MSS') ? '  0 0          0 ' : '0      0        0 '}${r.dev}\n`;
  }
  await ctx.out(out);
  return 0;
}

/** route -n (net-tools): the routing table. */
export const route: ProgramSpec = {
  name: 'route',
  summary: 'show / manipulate the IP routing table',
  usage: 'route [-n]',
  dir: '/usr/sbin',
  onHost: false,
  run: (ctx) => routeTable(ctx, 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n', ctx.args.includes('-n')),
};
