import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

interface Rule {
  targets: string[];
  prereqs: string[];
  recipe: { line: string; lineNo: number }[];
  lineNo: number;
}

/** Parses a Makefile: variables (`=`, `:=`, `?=`), rules, tab-indented recipes, .PHONY. */
function parseMakefile(text: string): { vars: Map<string, string>; rules: Rule[]; phony: Set<string> } {
  const vars = new Map<string, string>();
  const rules: Rule[] = [];
  const phony = new Set<string>();
  let current: Rule | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|[^\\])#.*$/, '$1');
    if (raw.startsWith('\t') && current) {
      if (line.trim()) current.recipe.push({ line: line.slice(1), lineNo: i + 1 });
      return;
    }
    if (!line.trim()) return;
    const v = /^([A-Za-z_][\w.]*)\s*([:?+]?=)\s*(.*)$/.exec(line);
    if (v) {
      if (v[2] === '?=' && vars.has(v[1])) return;
      vars.set(v[1], v[2] === '+=' ? `${vars.get(v[1]) ?? ''} ${v[3]}`.trim() : v[3]);
      current = null;
      return;
    }
    const r = /^([^:=]+):(?!=)(.*)$/.exec(line);
    if (r) {
      const targets = r[1].trim().split(/\s+/);
      const prereqs = r[2].trim() ? r[2].trim().split(/\s+/) : [];
      if (targets[0] === '.PHONY') {
        for (const p of prereqs) phony.add(p);
        current = null;
        return;
      }
      current = { targets, prereqs, recipe: [], lineNo: i + 1 };
      rules.push(current);
    }
  });
  return { vars, rules, phony };
}

/**
 * make (GNU make 4.3): builds targets from a Makefile — prerequisites first, a target rebuilt when
 * missing or older than one of them, each recipe line run by /bin/sh and echoed unless `@`,
 * failures ignored with `-`; make's messages for nothing to do, missing rules and failed recipes.
 * @sim partial: no pattern rules, no built-in implicit rules, no functions.
 */
export const make: ProgramSpec = {
  name: 'make',
  summary: 'GNU make utility to maintain groups of programs',
  usage: 'make [-f makefile] [target] ...',
  onHost: false,
  async run(ctx: Ctx) {
    let file: string | undefined;
    const goals: string[] = [];
    const overrides = new Map<string, string>();
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === '-f') file = ctx.args[++i];
      else if (a === '--version' || a === '-v') {
        await ctx.out('GNU Make 4.3\nBuilt for x86_64-pc-linux-gnu\nCopyright (C) 1988-2020 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n');
        return 0;
      } else if (/^\w+=/.test(a)) overrides.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
      else goals.push(a);
    }
    const name = file ?? ['GNUmakefile', 'makefile', 'Makefile'].find((f) => ctx.fs.exists(ctx.proc, f));
    let text: string;
    try {
      if (!name) throw new Error('none');
      text = ctx.fs.readText(ctx.proc, name);
    } catch (e) {
      if (file) {
        await ctx.err(`make: ${file}: No such file or directory\nmake: *** No rule to make target '${file}'.  Stop.\n`);
        return 2;
      }
      if (!(e instanceof Error)) throw e;
      await ctx.err(goals.length ? `make: *** No rule to make target '${goals[0]}'.  Stop.\n` : 'make: *** No targets specified and no makefile found.  Stop.\n');
      return 2;
    }
    const mf = parseMakefile(text);
    for (const [k, v] of overrides) mf.vars.set(k, v);
    const expand = (s: string, depth = 0): string => s.replace(/\$\(([^)]+)\)|\$\{([^}]+)\}|\$([@<^$])/g, (_m, a: string, b: string, c: string) => {
      if (c === '$') return '$';
      if (c) return `\u0000${c}`;
      const v = mf.vars.get(a ?? b) ?? ctx.env[a ?? b] ?? '';
      return depth > 10 ? v : expand(v, depth + 1);
    });
    const ruleFor = (t: string) => mf.rules.find((r) => r.targets.includes(t));
    const mtime = (p: string) => {
      try {
        return ctx.fs.stat(ctx.proc, p).mtimeMs;
      } catch (e) {
        if (isSysError(e)) return null;
        throw e;
      }
    };
    const top = goals.length ? goals : [mf.rules[0]?.targets[0]].filter(Boolean) as string[];
    if (!top.length) {
      await ctx.err('make: *** No targets.  Stop.\n');
      return 2;
    }
    const made = new Set<string>();
    let didWork: boolean = false;
    const build = async (t: string, parent?: string): Promise<number> => {
      if (made.has(t)) return 0;
      made.add(t);
      const rule = ruleFor(t);
      if (!rule) {
        if (mtime(t) !== null) return 0;
        await ctx.err(parent ? `make: *** No rule to make target '${t}', needed by '${parent}'.  Stop.\n` : `make: *** No rule to make target '${t}'.  Stop.\n`);
        return 2;
      }
      const prereqs = rule.prereqs.flatMap((p) => expand(p).split(/\s+/)).filter(Boolean);
      for (const p of prereqs) {
        const s = await build(p, t);
        if (s) return s;
      }
      const own = mtime(t);
      const stale = mf.phony.has(t) || own === null || prereqs.some((p) => (mtime(p) ?? Infinity) > own);
      if (!stale) return 0;
      for (const { line, lineNo } of rule.recipe) {
        let cmd = expand(line).replace(/\u0000@/g, t).replace(/\u0000</g, prereqs[0] ?? '').replace(/\u0000\^/g, prereqs.join(' '));
        let silent = false;
        let ignore = false;
        while (/^[@-]/.test(cmd)) {
          if (cmd[0] === '@') silent = true;
          else ignore = true;
          cmd = cmd.slice(1);
        }
        didWork = true;
        if (!silent) await ctx.out(`${cmd}\n`);
        const child = ctx.spawn({ argv: ['/bin/sh', '-c', cmd], path: '/bin/sh' });
        const r = await ctx.wait(child);
        const code = r?.kind === 'exited' ? (r.status.signal !== undefined ? 128 + r.status.signal : r.status.code ?? 0) : 0;
        if (code !== 0) {
          if (ignore) {
            await ctx.err(`make: [${name}:${lineNo}: ${t}] Error ${code} (ignored)\n`);
            continue;
          }
          await ctx.err(`make: *** [${name}:${lineNo}: ${t}] Error ${code}\n`);
          return 2;
        }
      }
      return 0;
    };
    for (const g of top) {
      const before: boolean = didWork;
      const s = await build(g);
      if (s) return s;
      if (didWork === before) {
        const rule = ruleFor(g);
        await ctx.out(rule && (rule.recipe.length === 0 || mf.phony.has(g)) ? `make: Nothing to be done for '${g}'.\n` : `make: '${g}' is up to date.\n`);
      }
    }
    return 0;
  },
};

/**
 * git 2.39: `--version` and `init` (a real .git layout); other commands say what is missing.
 * @sim partial: no object database, commits or remotes.
 */
export const git: ProgramSpec = {
  name: 'git',
  summary: 'the stupid content tracker',
  usage: 'git [--version] <command> [<args>]',
  onHost: false,
  async run(ctx: Ctx) {
    const [cmd, ...rest] = ctx.args;
    const quiet = rest.includes('-q') || rest.includes('--quiet');
    const dirArg = rest.find((a) => !a.startsWith('-'));
    if (cmd === '--version' || cmd === 'version') {
      await ctx.out('git version 2.39.5\n');
      return 0;
    }
    if (cmd === 'init') {
      const dir = ctx.resolve(dirArg ?? '.');
      const git = `${dir.replace(/\/$/, '')}/.git`;
      const existed = ctx.fs.exists(ctx.proc, git);
      for (const d of [dir, git, `${git}/objects`, `${git}/objects/info`, `${git}/objects/pack`, `${git}/refs`, `${git}/refs/heads`, `${git}/refs/tags`, `${git}/hooks`, `${git}/info`, `${git}/branches`]) {
        if (!ctx.fs.exists(ctx.proc, d)) ctx.fs.mkdir(ctx.proc, d, 0o755);
      }
      ctx.fs.writeFile(ctx.proc, `${git}/HEAD`, 'ref: refs/heads/master\n');
      ctx.fs.writeFile(ctx.proc, `${git}/config`, '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n');
      ctx.fs.writeFile(ctx.proc, `${git}/description`, "Unnamed repository; edit this file 'description' to name the repository.\n");
      if (!existed && !quiet) await ctx.err("hint: Using 'master' as the name for the initial branch. This default branch name\nhint: is subject to change. To configure the initial branch name to use in all\nhint: of your new repositories, which will suppress this warning, call:\nhint: \nhint: \tgit config --global init.defaultBranch <name>\nhint: \nhint: Names commonly chosen instead of 'master' are 'main', 'trunk' and\nhint: 'development'. The just-created branch can be renamed via this command:\nhint: \nhint: \tgit branch -m <name>\n");
      if (!quiet) await ctx.out(`${existed ? 'Reinitialized existing' : 'Initialized empty'} Git repository in ${git}/\n`);
      return 0;
    }
    if (!cmd) {
      await ctx.out('usage: git [--version] [--help] [-C <path>] [-c <name>=<value>] <command> [<args>]\n');
      return 1;
    }
    if (cmd === 'clone') {
      const url = dirArg ?? '';
      await ctx.err(`Cloning into '${url.split('/').pop()?.replace(/\.git$/, '') ?? ''}'...\nfatal: unable to access '${url}': Could not resolve host: ${url.replace(/^https?:\/\//, '').split('/')[0]}\n`);
      return 128;
    }
    await ctx.err(`git: '${cmd}' is not available in this simulator (only --version and init are)\n`);
    return 1;
  },
};

/**
 * gcc 12.2: `--version` and its errors; compiling is not simulated.
 * @sim partial: no compiler; `gcc FILE` says so and exits 1.
 */
export const gcc: ProgramSpec = {
  name: 'gcc',
  summary: 'GNU project C and C++ compiler',
  usage: 'gcc [options] file...',
  onHost: false,
  async run(ctx: Ctx) {
    const n = ctx.argv[0].split('/').pop();
    if (ctx.args.includes('--version')) {
      await ctx.out(`${n} (Debian 12.2.0-14) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n`);
      return 0;
    }
    const inputs = ctx.args.filter((a, i) => !a.startsWith('-') && ctx.args[i - 1] !== '-o');
    if (!inputs.length) {
      await ctx.err(`${n}: fatal error: no input files\ncompilation terminated.\n`);
      return 1;
    }
    for (const f of inputs) {
      if (!ctx.fs.exists(ctx.proc, f)) {
        await ctx.err(`${n}: error: ${f}: No such file or directory\n${n}: fatal error: no input files\ncompilation terminated.\n`);
        return 1;
      }
    }
    await ctx.err(`${n}: sorry, compiling C is not simulated here\n`);
    return 1;
  },
};
