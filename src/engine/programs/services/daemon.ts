import type { Ctx } from '../context';
import { WaitQueue } from '../../kernel/waitqueue';
import { SIG } from '../../kernel/signals';
import { isSysError } from '../../kernel/errors';

/** An HTTP request and answer, as a web server's listening socket serves them. */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
export interface HttpResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Uint8Array;
}
/** What a web server hands each connection: a function from request to response. */
export interface HttpService {
  http(req: HttpRequest): HttpResponse;
}

/** How a foreground server behaves: what it logs when it starts, and how each signal stops it. */
export interface DaemonSpec {
  /** Lines logged at start (each with its own newline), on `stream`. */
  startup: () => string;
  stream?: 1 | 2;
  /** The port it listens on in its network namespace, and what it hands connections. */
  listen?: { port: number; program: string; accept: () => unknown };
  /** Per signal: the lines logged while shutting down. Other signals take their default action. */
  stop: Partial<Record<keyof typeof SIG, () => string>>;
  /** Worker processes to start, each named as `ps` shows it. */
  workers?: { count: number; title: string; log?: (pid: number) => string };
  /** Runs when it stops (saving state, removing a pid file). */
  onStop?: () => void;
}

/**
 * Runs a foreground server: logs its startup, listens, starts its workers, then sleeps until one
 * of its stop signals arrives, logs the shutdown and exits 0 — as nginx, httpd, redis-server,
 * postgres and mysqld behave as a container's main process.
 * @sim partial: the servers keep no real data; they log as the real ones do and serve what their
 * `listen` service answers.
 */
export async function runDaemon(ctx: Ctx, spec: DaemonSpec): Promise<number> {
  const fd = spec.stream ?? 1;
  const wake = new WaitQueue();
  let stopping: keyof typeof SIG | null = null;
  for (const name of Object.keys(spec.stop) as (keyof typeof SIG)[]) {
    ctx.proc.handlers.set(SIG[name], () => {
      stopping ??= name;
      wake.wake();
    });
  }
  let close = () => {};
  if (spec.listen) {
    try {
      close = ctx.kernel.tcp.listen(ctx.proc.ns.net, { owner: ctx.proc, port: spec.listen.port, program: spec.listen.program, accept: spec.listen.accept });
    } catch (e) {
      if (!isSysError(e, 'EADDRINUSE')) throw e;
      await ctx.write(fd, spec.startup());
      await ctx.err(`bind() to 0.0.0.0:${spec.listen.port} failed (98: Address already in use)\n`);
      return 1;
    }
  }
  await ctx.write(fd, spec.startup());
  const workers = Array.from({ length: spec.workers?.count ?? 0 }, () =>
    ctx.spawn({ argv: [spec.workers!.title], entry: async (p) => {
      for (;;) await p.waitOn(new WaitQueue());
    } }),
  );
  for (const w of workers) if (spec.workers?.log) await ctx.write(fd, spec.workers.log(w.pidIn(ctx.proc.ns.pid) ?? w.pid));
  try {
    while (!stopping) await ctx.proc.waitOn(wake);
    const which = stopping as keyof typeof SIG;
    const lines = spec.stop[which]!();
    for (const w of workers) ctx.kernel.signal(ctx.proc, w, SIG.SIGKILL);
    for (const w of workers) await ctx.wait(w);
    spec.onStop?.();
    await ctx.write(fd, lines);
    return 0;
  } finally {
    close();
  }
}

/** A file-serving HTTP service over `root` (index.html for directories), as nginx and httpd serve. */
export function staticFiles(ctx: Ctx, root: string, server: string, log: (line: string) => void): HttpService {
  return {
    http(req) {
      const path = req.path.split('?')[0];
      let file = `${root}${path}`;
      let status = 200;
      let body: Uint8Array;
      try {
        if (ctx.fs.stat(ctx.proc, file).type === 'dir') file = `${file.replace(/\/$/, '')}/index.html`;
        body = ctx.fs.readFile(ctx.proc, file);
      } catch {
        status = 404;
        body = new TextEncoder().encode(`<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`);
      }
      log(`${req.method} ${req.path} ${status} ${body.length}`);
      return { status, reason: status === 200 ? 'OK' : 'Not Found', headers: { Server: server, 'Content-Type': 'text/html', 'Content-Length': String(body.length) }, body };
    },
  };
}
