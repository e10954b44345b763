import type { Process } from './process';
import { SysError } from './errors';

/**
 * An open file description: what a file descriptor points at (a pipe end, a regular file, a
 * terminal, a device). Several descriptors may share one (dup, fork); the last close releases it.
 */
export abstract class OpenFile {
  /** How many descriptors refer to this description. */
  refs = 1;
  /** What kind of file this is, as `ls -l /proc/PID/fd` would tell it. */
  abstract readonly kind: 'pipe' | 'file' | 'tty' | 'dev' | 'dir';
  /** A name for /proc/PID/fd links: a path, `pipe:[N]` or `/dev/pts/0`. */
  abstract readonly name: string;
  /** True for terminals (isatty(3)). */
  readonly isTTY: boolean = false;
  /** Reads up to `max` bytes; `null` means end of file. May block the calling process. */
  read(_proc: Process, _max?: number): Promise<Uint8Array | null> {
    return Promise.reject(new SysError('EBADF'));
  }
  /** Writes all of `data`, blocking while there is no room. */
  write(_proc: Process, _data: Uint8Array): Promise<void> {
    return Promise.reject(new SysError('EBADF'));
  }
  /** Adds a reference (dup, fork). */
  retain(): this {
    this.refs++;
    return this;
  }
  /** Drops a reference; the last one releases the description. */
  close(): void {
    if (this.refs <= 0) return;
    if (--this.refs === 0) this.release();
  }
  /** Called once, when the last reference goes. */
  protected release(): void {}
}

/** A description over a fixed byte string (here-documents, generated files). */
export class BufferFile extends OpenFile {
  readonly kind = 'file' as const;
  private pos = 0;
  constructor(private readonly data: Uint8Array, readonly name = 'buffer') {
    super();
  }
  override async read(_proc: Process, max = 65536): Promise<Uint8Array | null> {
    if (this.pos >= this.data.length) return null;
    const chunk = this.data.subarray(this.pos, this.pos + max);
    this.pos += chunk.length;
    return chunk;
  }
}
