import { Host, type HostOptions } from '../host/host';
import { Pipe } from '../kernel/pipe';
import type { Process } from '../kernel/process';
import type { OpenFile } from '../kernel/file';
import { groupsOf, ACCOUNTS } from '../host/rootfs';

/** What a command printed and how it ended. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** How to run a command in tests. */
export interface RunOptions {
  stdin?: string | Uint8Array;
  cwd?: string;
  /** `student` (default) or `root`. */
  user?: string;
  env?: Record<string, string>;
}

/** A fresh host for a test (seeded, so IDs repeat; downloads instant unless a link rate is given). */
export function testHost(opts: HostOptions = {}): Host {
  return new Host({ seed: 42, linkRate: Infinity, ...opts });
}

/**
 * Runs `argv` on `host` as a child of a collector process, with pipes for its standard streams,
 * and resolves with everything it wrote and its exit status (128+N when killed by signal N).
 */
export function run(host: Host, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const account = ACCOUNTS.find((a) => a.name === (opts.user ?? 'student'))!;
  const env = {
    HOME: account.home,
    USER: account.name,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
    ...opts.env,
  };
  return new Promise<RunResult>((resolve, reject) => {
    host.kernel.spawn({
      parent: host.kernel.init,
      argv: ['collector'],
      cwd: opts.cwd ?? account.home,
      env,
      cred: { uid: account.uid, gid: account.gid, groups: groupsOf(account.name, account.gid) },
      fds: new Map(),
      entry: async (self: Process) => {
        try {
          const [inR, inW] = Pipe.create();
          const [outR, outW] = Pipe.create();
          const [errR, errW] = Pipe.create();
          const path = argv[0].includes('/') ? argv[0] : findInPath(host, argv[0]);
          const child = host.kernel.spawn({ parent: self, argv, path, fds: new Map<number, OpenFile>([[0, inR], [1, outW], [2, errW]]) });
          inR.close();
          outW.close();
          errW.close();
          const feed = (async () => {
            const data = typeof opts.stdin === 'string' ? new TextEncoder().encode(opts.stdin) : (opts.stdin ?? new Uint8Array());
            try {
              if (data.length) await inW.write(self, data);
            } catch {
              // The command stopped reading (EPIPE); that is its business.
            }
            inW.close();
          })();
          const drain = async (r: typeof outR) => {
            const dec = new TextDecoder();
            let s = '';
            for (;;) {
              const c = await r.read(self);
              if (c === null) break;
              s += dec.decode(c, { stream: true });
            }
            return s + dec.decode();
          };
          const [stdout, stderr] = await Promise.all([drain(outR), drain(errR), feed]);
          const w = await host.kernel.waitpid(self, child.pidIn(self.ns.pid)!);
          const st = w && w.kind === 'exited' ? w.status : { code: -1 };
          resolve({ stdout, stderr, code: st.signal !== undefined ? 128 + st.signal : st.code! });
        } catch (e) {
          reject(e);
        }
        return 0;
      },
    });
  });
}

function findInPath(host: Host, name: string): string {
  for (const dir of ['/usr/local/bin', '/usr/bin', '/usr/sbin', '/bin', '/sbin']) {
    const p = `${dir}/${name}`;
    if (host.vfs.exists({ cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } }, p)) return p;
  }
  return `/usr/bin/${name}`;
}

/** Runs a shell command line with `bash -c`. */
export function sh(host: Host, script: string, opts: RunOptions = {}): Promise<RunResult> {
  return run(host, ['bash', '-c', script], opts);
}
