/** Command-line parsing for the `dockersim` front. */
import path from 'node:path';
import { parseLinkRate } from '../engine/index';

/** The parsed command line. */
export interface CliOptions {
  seed?: number;
  mounts: { real: string; sim: string }[];
  script?: string;
  linkRate?: number;
}

/** A command-line error, reported with exit status 2. */
export class CliError extends Error {}

/** Parses the command line. */
export function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  const opts: CliOptions = { mounts: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new CliError(`option '${name}' requires an argument`);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--version') return 'version';
    if (a === '--seed' || a.startsWith('--seed=')) {
      const v = value('--seed');
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new CliError(`invalid seed '${v}': expected a non-negative integer`);
      opts.seed = Number(v);
    } else if (a === '--mount' || a.startsWith('--mount=')) {
      const v = value('--mount');
      const colon = v.lastIndexOf(':');
      if (colon <= 0) throw new CliError(`invalid mount '${v}': expected REALDIR:SIMDIR`);
      const sim = v.slice(colon + 1);
      if (!sim.startsWith('/')) throw new CliError(`invalid mount '${v}': SIMDIR must be an absolute path`);
      opts.mounts.push({ real: path.resolve(v.slice(0, colon)), sim: path.posix.normalize(sim).replace(/(?<=.)\/$/, '') });
    } else if (a === '--link-rate' || a.startsWith('--link-rate=')) {
      const v = value('--link-rate');
      const rate = parseLinkRate(v);
      if (rate === null) throw new CliError(`invalid link rate '${v}': expected 'instant' or bytes per second such as 10MB`);
      opts.linkRate = rate;
    } else if (a === 'script') {
      if (i + 1 >= argv.length) throw new CliError("'script' needs a FILE");
      opts.script = argv[++i];
    } else {
      throw new CliError(`unknown argument '${a}'`);
    }
  }
  return opts;
}
