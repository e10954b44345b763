import type { Process } from '../kernel/process';
import type { Kernel, SpawnOptions, WaitResult } from '../kernel/kernel';
import type { OpenFile } from '../kernel/file';
import { isSysError, SysError } from '../kernel/errors';
import type { Vfs } from '../vfs/vfs';
import { resolvePath } from '../vfs/path';
import { parseArgs, UsageError, type OptionSpec, type ParsedArgs } from './args';

const encoder = new TextEncoder();

/**
 * What a program sees while it runs: its process, argv, environment, descriptors and files. A
 * thin layer over the kernel's calls, so each program reads like a small C program.
 */
export class Ctx {
  /** `programs` lets a program look others up by name (man does). */
  constructor(readonly proc: Process, readonly spec: ProgramSpec, readonly programs?: ProgramLookup) {}

  /** argv[0] as the program was invoked. */
  get name(): string {
    return this.spec.name;
  }
  get argv(): string[] {
    return this.proc.argv;
  }
  /** The arguments after argv[0]. */
  get args(): string[] {
    return this.proc.argv.slice(1);
  }
  get env(): Record<string, string> {
    return this.proc.env;
  }
  get cwd(): string {
    return this.proc.cwd;
  }
  get kernel(): Kernel {
    return this.proc.kernel;
  }
  /** The filesystem as this process's mount namespace shows it. */
  get fs(): Vfs {
    return this.proc.ns.mnt;
  }

  /** Writes text or bytes to descriptor `fd`. */
  async write(fd: number, data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    if (bytes.length === 0) return;
    await this.proc.fd(fd).write(this.proc, bytes);
    await this.proc.checkpoint();
  }
  /** Writes to standard output. */
  out(data: string | Uint8Array): Promise<void> {
    return this.write(1, data);
  }
  /** Writes to standard error. */
  err(data: string | Uint8Array): Promise<void> {
    return this.write(2, data);
  }
  /** Prints `name: message` on standard error, as every Unix tool reports errors. */
  async error(message: string): Promise<void> {
    await this.err(`${this.name}: ${message}\n`);
  }
  /** Prints GNU's usage error and its "Try --help" line; returns the status to exit with. */
  async usage(e: UsageError, status = 1): Promise<number> {
    await this.err(`${this.name}: ${e.message}\nTry '${this.name} --help' for more information.\n`);
    return status;
  }

  /**
   * Parses the arguments; on a usage error prints it and returns null (the caller returns
   * `status`). `--help` is handled for every program from its spec.
   */
  async parse(spec: Record<string, OptionSpec>, opts: { permute?: boolean } = {}): Promise<ParsedArgs | null> {
    if (this.args[0] === '--help') {
      await this.out(helpText(this.spec));
      return null;
    }
    try {
      return parseArgs(this.args, spec, opts);
    } catch (e) {
      if (e instanceof UsageError) {
        await this.usage(e, this.spec.usageStatus ?? 1);
        return null;
      }
      throw e;
    }
  }

  /** Reads a chunk from descriptor `fd`; null at end of file. */
  async read(fd = 0, max = 65536): Promise<Uint8Array | null> {
    const chunk = await this.proc.fd(fd).read(this.proc, max);
    await this.proc.checkpoint();
    return chunk;
  }

  /** Reads everything from an open file until end of file. */
  async readAllFrom(file: OpenFile): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const c = await file.read(this.proc, 65536);
      await this.proc.checkpoint();
      if (c === null) break;
      parts.push(c);
      total += c.length;
      // What is read into memory is charged to the process (the OOM killer may end it).
      this.kernel.charge(this.proc, c.length);
      await this.proc.checkpoint();
    }
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }

  /** Reads descriptor `fd` to its end. */
  readAll(fd = 0): Promise<Uint8Array> {
    return this.readAllFrom(this.proc.fd(fd));
  }

  /** Reads descriptor `fd` to its end as UTF-8 text. */
  async readText(fd = 0): Promise<string> {
    return new TextDecoder().decode(await this.readAll(fd));
  }

  /**
   * Yields the lines of an open file as they arrive (streaming: `tail -f`, pipes), each with its
   * newline if it had one.
   */
  async *linesOf(file: OpenFile): AsyncGenerator<string> {
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const c = await file.read(this.proc, 65536);
      await this.proc.checkpoint();
      if (c === null) break;
      buf += dec.decode(c, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        yield buf.slice(0, nl + 1);
        buf = buf.slice(nl + 1);
      }
    }
    buf += dec.decode();
    if (buf) yield buf;
  }

  /** The lines of descriptor `fd`. */
  lines(fd = 0): AsyncGenerator<string> {
    return this.linesOf(this.proc.fd(fd));
  }

  /** True when descriptor `fd` is a terminal. */
  isatty(fd: number): boolean {
    return this.proc.fds.get(fd)?.isTTY ?? false;
  }

  /** An absolute path for `p` relative to the working directory. */
  resolve(p: string): string {
    return resolvePath(this.proc.cwd, p);
  }

  /** Opens `path` for reading; `-` is standard input. */
  openRead(path: string): OpenFile {
    if (path === '-') return this.proc.fd(0).retain();
    return this.fs.open(this.proc, path, { read: true });
  }

  /** `name: path: strerror` for a failed call on a file, the usual report. */
  async fileError(path: string, e: unknown): Promise<void> {
    if (isSysError(e)) await this.error(`${path}: ${e.message}`);
    else throw e;
  }

  /** A scheduling point; see Process.checkpoint. */
  checkpoint(): Promise<void> {
    return this.proc.checkpoint();
  }
  /** Sleeps `ms` of the kernel clock's time. */
  sleep(ms: number): Promise<void> {
    return this.proc.sleep(ms);
  }

  /** Starts a child process (fork + exec). */
  spawn(opts: Omit<SpawnOptions, 'parent'>): Process {
    return this.kernel.spawn({ parent: this.proc, ...opts });
  }
  /** Waits for a child to end. */
  wait(child: Process): Promise<WaitResult | null> {
    const pid = child.pidIn(this.proc.ns.pid) ?? child.pid;
    return this.kernel.waitpid(this.proc, pid);
  }
}

/** A program: what `/usr/bin/NAME` runs. Declared as data plus one `run` function. */
export interface ProgramSpec {
  name: string;
  /** One line for `help`, `whatis` and the man page's NAME section. */
  summary: string;
  /** The synopsis, e.g. `ls [OPTION]... [FILE]...`. */
  usage?: string;
  /** The body of the short man page (DESCRIPTION and options). */
  description?: string;
  /** The exit status for a command-line error (2 for ls and grep, 1 for most). */
  usageStatus?: number;
  /** Where the program is installed; defaults to /usr/bin. */
  dir?: string;
  /** False for programs that exist only inside images (hello-world's /hello, busybox). */
  onHost?: boolean;
  /** Other names installed for it (`[` for test). */
  aliases?: string[];
  run(ctx: Ctx): Promise<number>;
}

/** Finds installed programs' specs by name (the registry, as a program may see it). */
export interface ProgramLookup {
  get(name: string): ProgramSpec | undefined;
}

/** `--help` output built from a spec. */
export function helpText(spec: ProgramSpec): string {
  const lines = [`Usage: ${spec.usage ?? spec.name}`, spec.summary];
  if (spec.description) lines.push('', spec.description.trimEnd());
  return lines.join('\n') + '\n';
}

/** Runs a program's body, turning stray system errors into `name: message` and status 1. */
export async function runProgram(spec: ProgramSpec, proc: Process, programs?: ProgramLookup): Promise<number> {
  const ctx = new Ctx(proc, spec, programs);
  try {
    return await spec.run(ctx);
  } catch (e) {
    if (e instanceof SysError) {
      if (e.code === 'EPIPE') return 141;
      await ctx.error(e.path ? `${e.path}: ${e.message}` : e.message).catch(() => {});
      return 1;
    }
    throw e;
  }
}
