import type { Binfmt } from '../kernel/kernel';
import { runProgram, type ProgramSpec } from './context';

/** The bytes every installed program file starts with: an ELF header, then the program's name. */
const MAGIC = '\x7fELF\x02\x01\x01\x00dockersim-program:';
const encoder = new TextEncoder();

/** The bytes of an executable that runs program `name` (what images and the host install). */
export function programFile(name: string): Uint8Array {
  return encoder.encode(`${MAGIC}${name}\n`);
}

/**
 * The programs the simulator can run. Each is installed as a file whose content names it; running
 * that file (through the binfmt below) runs the program, so a program exists in a filesystem only
 * where its file does: a container without /usr/bin/curl has no curl.
 */
export class ProgramRegistry {
  private readonly specs = new Map<string, ProgramSpec>();

  /** Adds programs. */
  register(...specs: ProgramSpec[]): void {
    for (const s of specs) this.specs.set(s.name, s);
  }

  /** The program called `name`. */
  get(name: string): ProgramSpec | undefined {
    return this.specs.get(name);
  }

  /** Every registered program. */
  all(): ProgramSpec[] {
    return [...this.specs.values()];
  }

  /** The content of the executable file for program `name`. */
  fileContent(name: string): Uint8Array {
    return programFile(name);
  }

  /** The binary-format handler that recognises program files. */
  readonly binfmt: Binfmt = ({ data }) => {
    if (data.length < MAGIC.length || data[0] !== 0x7f) return null;
    const text = new TextDecoder().decode(data.subarray(0, Math.min(data.length, 256)));
    if (!text.startsWith(MAGIC)) return null;
    const name = text.slice(MAGIC.length).split('\n')[0];
    const spec = this.specs.get(name);
    if (!spec) return null;
    return { entry: (proc) => runProgram(spec, proc, this) };
  };
}
