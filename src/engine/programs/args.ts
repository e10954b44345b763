/**
 * GNU-style option parsing for programs: short flags that cluster (`-la`), short options with a
 * value (`-n 5`, `-n5`), long options (`--all`, `--lines=5`, `--lines 5`), `--` to end options,
 * and options anywhere among operands (GNU permutation). Errors read as GNU tools print them.
 */

/** One option a program accepts. */
export interface OptionSpec {
  /** The single-letter form, e.g. `l` for `-l`. */
  short?: string;
  /** The long form without dashes, e.g. `all` for `--all`. */
  long?: string;
  /** Whether the option takes a value. */
  value?: boolean;
  /** Whether the option's value is optional (`--color[=WHEN]`; long form only). */
  optionalValue?: boolean;
}

/** The parsed command line: option values by name, and the operands in order. */
export interface ParsedArgs {
  /** `true` for a flag seen, the last value for a value option, absent when not given. */
  opts: Record<string, string | true | undefined>;
  /** Every value given for value options, in order (for repeatable options such as `-e`). */
  all: Record<string, string[]>;
  /** How many times each flag was given (`-vvv`). */
  count: Record<string, number>;
  operands: string[];
}

/** A command-line error; `message` is GNU's text without the program name. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses `args` (argv without argv[0]) against `spec`, keyed by option name. */
export function parseArgs(args: string[], spec: Record<string, OptionSpec>, opts: { permute?: boolean } = {}): ParsedArgs {
  const permute = opts.permute ?? true;
  const out: ParsedArgs = { opts: {}, all: {}, count: {}, operands: [] };
  const byShort = new Map<string, string>();
  const byLong = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) {
    if (s.short) byShort.set(s.short, name);
    if (s.long) byLong.set(s.long, name);
  }
  const set = (name: string, v: string | true) => {
    out.opts[name] = v;
    out.count[name] = (out.count[name] ?? 0) + 1;
    if (typeof v === 'string') (out.all[name] ??= []).push(v);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      let name = byLong.get(key);
      if (!name) {
        const matches = [...byLong.keys()].filter((k) => k.startsWith(key));
        if (matches.length === 1) name = byLong.get(matches[0]);
        else if (matches.length > 1) throw new UsageError(`option '--${key}' is ambiguous; possibilities: ${matches.map((m) => `'--${m}'`).join(' ')}`);
        else throw new UsageError(`unrecognized option '${a}'`);
      }
      const s = spec[name!];
      const longName = s.long!;
      if (s.value && !s.optionalValue) {
        if (eq >= 0) set(name!, a.slice(eq + 1));
        else if (i + 1 < args.length) set(name!, args[++i]);
        else throw new UsageError(`option '--${longName}' requires an argument`);
      } else if (s.optionalValue) {
        set(name!, eq >= 0 ? a.slice(eq + 1) : true);
      } else {
        if (eq >= 0) throw new UsageError(`option '--${longName}' doesn't allow an argument`);
        set(name!, true);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const name = byShort.get(ch);
        if (!name) throw new UsageError(`invalid option -- '${ch}'`);
        if (spec[name].value) {
          const rest = a.slice(j + 1);
          if (rest) set(name, rest);
          else if (i + 1 < args.length) set(name, args[++i]);
          else throw new UsageError(`option requires an argument -- '${ch}'`);
          break;
        }
        set(name, true);
      }
      continue;
    }
    out.operands.push(a);
    if (!permute) {
      out.operands.push(...args.slice(i + 1));
      break;
    }
  }
  return out;
}
