import { describe, expect, it } from 'vitest';
import { testHost } from '../testing/harness';
import { SIG } from './signals';
import { Pipe } from './pipe';
import type { Process } from './process';
import { SysError } from './errors';
import type { Host } from '../host/host';
import { Tty } from '../tty/tty';

/** Spawns a process running `entry` under init; resolves when it is set up. */
function start(host: Host, entry: (p: Process) => Promise<number>, opts: { newPid?: boolean; parent?: Process } = {}): Process {
  return host.kernel.spawn({ parent: opts.parent ?? host.kernel.init, argv: ['test'], entry, fds: new Map(), ns: opts.newPid ? { newPid: true } : undefined });
}

/** A parent process that waits for one child and reports how it ended. */
function waitFor(host: Host, childEntry: (p: Process) => Promise<number>, act?: (child: Process) => void): Promise<{ code?: number; signal?: number }> {
  return new Promise((resolve) => {
    start(host, async (parent) => {
      const child = host.kernel.spawn({ parent, argv: ['child'], entry: childEntry, fds: new Map() });
      act?.(child);
      const r = await host.kernel.waitpid(parent, child.pidIn(parent.ns.pid)!);
      if (r?.kind === 'exited') resolve(r.status);
      return 0;
    });
  });
}

const forever = async (p: Process) => {
  for (;;) await p.sleep(1000);
};

describe('processes and signals', () => {
  it('reports exit codes to the parent', async () => {
    const host = testHost();
    expect(await waitFor(host, async () => 3)).toEqual({ code: 3 });
  });

  it('kills with SIGTERM by default and runs handlers when installed', async () => {
    const host = testHost();
    expect(await waitFor(host, forever, (c) => queueMicrotask(() => host.kernel.signal(null, c, SIG.SIGTERM)))).toEqual({ signal: SIG.SIGTERM, core: false });
    const handled = await waitFor(
      host,
      async (p) => {
        let got = 0;
        p.handlers.set(SIG.SIGUSR1, (s) => {
          got = s;
        });
        while (!got) await p.sleep(10);
        return got;
      },
      (c) => setTimeout(() => host.kernel.signal(null, c, SIG.SIGUSR1), 20),
    );
    expect(handled).toEqual({ code: SIG.SIGUSR1 });
  });

  it('SIGKILL cannot be handled or ignored', async () => {
    const host = testHost();
    const r = await waitFor(
      host,
      async (p) => {
        p.handlers.set(SIG.SIGKILL, () => {});
        p.ignored.add(SIG.SIGKILL);
        return forever(p);
      },
      (c) => setTimeout(() => host.kernel.signal(null, c, SIG.SIGKILL), 5),
    );
    expect(r).toEqual({ signal: SIG.SIGKILL, core: false });
  });

  it('SIGSTOP stops a process until SIGCONT', async () => {
    const host = testHost();
    let ticks = 0;
    const p = start(host, async (self) => {
      for (;;) {
        await self.sleep(5);
        ticks++;
      }
    });
    await new Promise((r) => setTimeout(r, 30));
    host.kernel.signal(null, p, SIG.SIGSTOP);
    expect(p.state).toBe('T');
    const frozen = ticks;
    await new Promise((r) => setTimeout(r, 40));
    expect(ticks - frozen).toBeLessThanOrEqual(1);
    host.kernel.signal(null, p, SIG.SIGCONT);
    await new Promise((r) => setTimeout(r, 40));
    expect(ticks).toBeGreaterThan(frozen + 1);
    host.kernel.signal(null, p, SIG.SIGKILL);
  });

  it('numbers a process differently in each PID namespace it is visible in', async () => {
    const host = testHost();
    const init = start(host, forever, { newPid: true });
    const child = host.kernel.spawn({ parent: init, argv: ['sleep'], entry: forever, fds: new Map() });
    expect(init.pidIn(init.ns.pid)).toBe(1);
    expect(child.pidIn(init.ns.pid)).toBe(2);
    expect(child.pidIn(host.kernel.hostPidNs)).toBe(child.pid);
    expect(child.pid).toBeGreaterThan(2);
    expect(child.ppid).toBe(1);
    expect(init.ppid).toBe(0);
  });

  it('protects a namespace init from signals it has no handler for, except SIGKILL from outside', async () => {
    const host = testHost();
    const init = start(host, forever, { newPid: true });
    const inside = host.kernel.spawn({ parent: init, argv: ['sh'], entry: forever, fds: new Map() });
    host.kernel.signal(inside, init, SIG.SIGTERM);
    host.kernel.signal(inside, init, SIG.SIGKILL);
    host.kernel.signal(null, init, SIG.SIGTERM);
    expect(init.ended).toBe(false);
    host.kernel.signal(host.kernel.init, init, SIG.SIGKILL);
    expect(init.status).toEqual({ signal: SIG.SIGKILL, core: false });
    // When a namespace's init dies, the kernel kills everything else in it.
    expect(inside.status).toEqual({ signal: SIG.SIGKILL, core: false });
  });

  it('reparents orphans to the init of their namespace', async () => {
    const host = testHost();
    const parent = start(host, forever);
    const orphan = host.kernel.spawn({ parent, argv: ['orphan'], entry: forever, fds: new Map() });
    host.kernel.signal(null, parent, SIG.SIGKILL);
    expect(orphan.parent).toBe(host.kernel.init);
    expect(orphan.ppid).toBe(1);
  });

  it('pipes deliver end-of-file and EPIPE', async () => {
    const host = testHost();
    const result = await new Promise<string[]>((resolve) => {
      start(host, async (p) => {
        const [r, w] = Pipe.create();
        const log: string[] = [];
        await w.write(p, new TextEncoder().encode('abc'));
        w.close();
        log.push(new TextDecoder().decode((await r.read(p))!));
        log.push(String(await r.read(p)));
        const [r2, w2] = Pipe.create();
        r2.close();
        p.ignored.add(SIG.SIGPIPE);
        try {
          await w2.write(p, new Uint8Array([1]));
        } catch (e) {
          log.push((e as SysError).code);
        }
        resolve(log);
        return 0;
      });
    });
    expect(result).toEqual(['abc', 'null', 'EPIPE']);
  });

  it('refuses to fork past the per-user process limit', () => {
    const host = testHost();
    const cred = { uid: 1000, gid: 1000, groups: [1000] };
    let err: unknown;
    try {
      for (let i = 0; i < 2000; i++) host.kernel.spawn({ parent: host.kernel.init, argv: ['x'], entry: forever, fds: new Map(), cred });
    } catch (e) {
      err = e;
    }
    expect((err as SysError).code).toBe('EAGAIN');
    expect([...host.kernel.procs.values()].filter((p) => p.cred.uid === 1000).length).toBe(1024);
  });
});

describe('terminal line discipline', () => {
  it('echoes and edits a line in canonical mode, then delivers it', async () => {
    const host = testHost();
    const tty = new Tty(host.kernel, '/dev/pts/9');
    let out = '';
    tty.onOutput((t) => (out += t));
    const line = new Promise<string>((resolve) => {
      start(host, async (p) => {
        p.tty = tty;
        tty.fgPgrp = p.pgid;
        resolve(new TextDecoder().decode((await tty.read(p))!));
        return 0;
      });
    });
    tty.input('abX\x7fc\r');
    expect(await line).toBe('abc\n');
    tty.flush();
    expect(out).toBe('abX\b \bc\r\n');
  });

  it('^C sends SIGINT to the foreground process group and ^D is end-of-file', async () => {
    const host = testHost();
    const tty = new Tty(host.kernel, '/dev/pts/9');
    let eof: Uint8Array | null | undefined;
    const reader = start(host, async (p) => {
      p.tty = tty;
      eof = await tty.read(p);
      for (;;) await p.sleep(1000);
    });
    tty.fgPgrp = reader.pgid;
    await new Promise((r) => setTimeout(r, 10));
    tty.input('\x04');
    await new Promise((r) => setTimeout(r, 10));
    expect(eof).toBeNull();
    tty.input('\x03');
    expect(reader.status).toEqual({ signal: SIG.SIGINT, core: false });
  });

  it('raw mode delivers keys at once without echo', async () => {
    const host = testHost();
    const tty = new Tty(host.kernel, '/dev/pts/9');
    let out = '';
    tty.onOutput((t) => (out += t));
    tty.setMode({ icanon: false, echo: false, isig: false });
    const got = new Promise<string>((resolve) => {
      start(host, async (p) => {
        p.tty = tty;
        tty.fgPgrp = p.pgid;
        resolve(new TextDecoder().decode((await tty.read(p))!));
        return 0;
      });
    });
    tty.input('\x1b[A\x03');
    expect(await got).toBe('\x1b[A\x03');
    tty.flush();
    expect(out).toBe('');
  });

  it('holds output while the screen pauses it, and ^C discards what is still queued', () => {
    const host = testHost();
    const tty = new Tty(host.kernel, '/dev/pts/9');
    let out = '';
    tty.onOutput((t) => (out += t));
    tty.setOutputPaused(true);
    void tty.write(null, 'queued\n');
    tty.flush();
    expect(out).toBe('');
    tty.setOutputPaused(false);
    expect(out).toBe('queued\r\n');
    out = '';
    tty.setOutputPaused(true);
    void tty.write(null, 'flood\n');
    tty.input('\x03');
    tty.setOutputPaused(false);
    tty.flush();
    expect(out).toBe('^C');
  });
});
