import type { Kernel } from '../kernel/kernel';
import { OpenFile } from '../kernel/file';
import type { Process } from '../kernel/process';
import { SysError } from '../kernel/errors';
import { TtyFile, type Tty } from '../tty/tty';
import type { Caller, OpenFlags } from './backend';
import { SyntheticFs, type SynthNode } from './synthetic';

/** A character device: reads and writes go to functions, not storage. */
class DeviceFile extends OpenFile {
  readonly kind = 'dev' as const;
  constructor(readonly name: string, private readonly onRead: (max: number) => Uint8Array | null, private readonly onWrite: (data: Uint8Array) => void) {
    super();
  }
  override async read(proc: Process, max = 65536): Promise<Uint8Array | null> {
    await proc.checkpoint();
    return this.onRead(max);
  }
  override async write(proc: Process, data: Uint8Array): Promise<void> {
    await proc.checkpoint();
    this.onWrite(data);
  }
}

/**
 * devtmpfs: the device nodes a Linux system has in /dev — null, zero, full, random, urandom, tty,
 * the pseudo-terminals in /dev/pts, and the /dev/stdin family of links.
 */
export class DevFs extends SyntheticFs {
  readonly fsType = 'devtmpfs';
  constructor(private readonly kernel: Kernel, private readonly ttys: () => Tty[]) {
    super(() => kernel.clock.now());
  }

  override openMagic(p: string, caller: Caller): OpenFile | undefined {
    const std = ['/stdin', '/stdout', '/stderr'].indexOf(p);
    if (std >= 0) return caller.proc?.fds.get(std)?.retain();
    const fd = /^\/fd\/(\d+)$/.exec(p);
    if (fd) return caller.proc?.fds.get(Number(fd[1]))?.retain();
    return undefined;
  }

  protected node(p: string, caller: Caller): SynthNode | undefined {
    const dev = (name: string, rdev: number, open: (flags: OpenFlags) => OpenFile, mode = 0o666): SynthNode => ({ type: 'chardev', rdev, mode, open });
    const rnd = this.kernel.random;
    const nodes: Record<string, SynthNode> = {
      '/null': dev('null', 0x103, () => new DeviceFile('/dev/null', () => null, () => {})),
      '/zero': dev('zero', 0x105, () => new DeviceFile('/dev/zero', (max) => new Uint8Array(Math.min(max, 65536)), () => {})),
      '/full': dev('full', 0x107, () => new DeviceFile('/dev/full', (max) => new Uint8Array(Math.min(max, 65536)), () => {
        throw new SysError('ENOSPC');
      })),
      '/random': dev('random', 0x108, () => new DeviceFile('/dev/random', (max) => rnd.bytes(Math.min(max, 4096)), () => {})),
      '/urandom': dev('urandom', 0x109, () => new DeviceFile('/dev/urandom', (max) => rnd.bytes(Math.min(max, 4096)), () => {})),
      '/tty': dev('tty', 0x500, () => {
        const t = caller.proc?.tty;
        if (!t) throw new SysError('ENXIO');
        return new TtyFile(t);
      }),
      '/stdin': { type: 'symlink', target: () => '/proc/self/fd/0' },
      '/stdout': { type: 'symlink', target: () => '/proc/self/fd/1' },
      '/stderr': { type: 'symlink', target: () => '/proc/self/fd/2' },
      '/fd': { type: 'symlink', target: () => '/proc/self/fd' },
      '/pts': { type: 'dir', mode: 0o755, entries: () => this.ttys().map((t) => t.name.split('/').pop()!).filter((n) => /^\d+$/.test(n)) },
      '/shm': { type: 'dir', mode: 0o1777, entries: () => [] },
    };
    if (p === '/') return { type: 'dir', mode: 0o755, entries: () => Object.keys(nodes).map((k) => k.slice(1)).sort() };
    if (nodes[p]) return nodes[p];
    const pts = /^\/pts\/(\d+)$/.exec(p);
    if (pts) {
      const t = this.ttys().find((x) => x.name === `/dev/pts/${pts[1]}`);
      if (!t) return undefined;
      const owner = t.session ? this.kernel.procs.get(t.session)?.cred : undefined;
      return { type: 'chardev', rdev: (136 << 8) | Number(pts[1]), mode: 0o620, uid: owner?.uid ?? 0, gid: 5, open: () => new TtyFile(t) };
    }
    return undefined;
  }
}
