import { OpenFile } from './file';
import type { Process } from './process';
import { SysError } from './errors';
import { WaitQueue } from './waitqueue';
import { SIG } from './signals';

/** pipe(7): the capacity after which a writer blocks until the reader catches up. */
export const PIPE_CAPACITY = 65536;

let nextPipeIno = 100000;

/**
 * A pipe: a bounded byte queue with a read end and a write end. Readers block while it is empty
 * and see end-of-file once every write end is closed; writers block while it is full and get EPIPE
 * (and SIGPIPE) once every read end is closed.
 */
export class Pipe {
  readonly ino = nextPipeIno++;
  private chunks: Uint8Array[] = [];
  private size = 0;
  readers = 0;
  writers = 0;
  readonly changed = new WaitQueue();

  /** Creates the two ends, each with one reference. */
  static create(): [PipeReadEnd, PipeWriteEnd] {
    const p = new Pipe();
    return [new PipeReadEnd(p), new PipeWriteEnd(p)];
  }

  async read(proc: Process, max: number): Promise<Uint8Array | null> {
    while (this.size === 0) {
      if (this.writers === 0) return null;
      await proc.waitOn(this.changed);
    }
    let out: Uint8Array;
    const first = this.chunks[0];
    if (first.length <= max) {
      out = first;
      this.chunks.shift();
    } else {
      out = first.subarray(0, max);
      this.chunks[0] = first.subarray(max);
    }
    this.size -= out.length;
    this.changed.wake();
    return out;
  }

  async write(proc: Process, data: Uint8Array): Promise<void> {
    let off = 0;
    while (off < data.length) {
      if (this.readers === 0) {
        proc.kernel.signal(null, proc, SIG.SIGPIPE);
        await proc.checkpoint();
        throw new SysError('EPIPE');
      }
      const room = PIPE_CAPACITY - this.size;
      if (room <= 0) {
        await proc.waitOn(this.changed);
        continue;
      }
      const part = data.subarray(off, off + room);
      this.chunks.push(part.slice());
      this.size += part.length;
      off += part.length;
      this.changed.wake();
    }
  }
}

/** The read end of a pipe. */
export class PipeReadEnd extends OpenFile {
  readonly kind = 'pipe' as const;
  readonly name: string;
  constructor(readonly pipe: Pipe) {
    super();
    pipe.readers++;
    this.name = `pipe:[${pipe.ino}]`;
  }
  override read(proc: Process, max = 65536): Promise<Uint8Array | null> {
    return this.pipe.read(proc, max);
  }
  protected override release(): void {
    this.pipe.readers--;
    this.pipe.changed.wake();
  }
}

/** The write end of a pipe. */
export class PipeWriteEnd extends OpenFile {
  readonly kind = 'pipe' as const;
  readonly name: string;
  constructor(readonly pipe: Pipe) {
    super();
    pipe.writers++;
    this.name = `pipe:[${pipe.ino}]`;
  }
  override write(proc: Process, data: Uint8Array): Promise<void> {
    return this.pipe.write(proc, data);
  }
  protected override release(): void {
    this.pipe.writers--;
    this.pipe.changed.wake();
  }
}
