import type { Ctx, ProgramSpec } from './context';

/** seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST */
export const seq: ProgramSpec = {
  name: 'seq',
  summary: 'print a sequence of numbers',
  usage: 'seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST',
  async run(ctx: Ctx) {
    const args = [...ctx.args];
    let sep = '\n';
    let width = false;
    const nums: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-s') sep = args[++i] ?? '';
      else if (args[i].startsWith('-s') && args[i].length > 2) sep = args[i].slice(2);
      else if (args[i] === '-w') width = true;
      else nums.push(args[i]);
    }
    if (nums.length === 0 || nums.length > 3) {
      await ctx.err(nums.length ? `seq: extra operand ‘${nums[3]}’\nTry 'seq --help' for more information.\n` : "seq: missing operand\nTry 'seq --help' for more information.\n");
      return 1;
    }
    for (const n of nums) {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(n)) {
        await ctx.err(`seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`);
        return 1;
      }
    }
    const [first, step, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
    const f = Number(first);
    const s = Number(step);
    const l = Number(last);
    if (s === 0) {
      await ctx.err(`seq: invalid Zero increment value: ‘${step}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
    const decimals = Math.max(...[first, step].map((x) => (x.includes('.') ? x.split('.')[1].length : 0)));
    const fmt = (v: number) => v.toFixed(decimals);
    const w = width ? Math.max(fmt(f).length, fmt(l).length) : 0;
    let buf = '';
    let firstOut = true;
    for (let i = 0; ; i++) {
      const v = f + i * s;
      if (s > 0 ? v > l + 1e-9 : v < l - 1e-9) break;
      let t = fmt(v);
      if (w) t = v < 0 ? '-' + t.slice(1).padStart(w - 1, '0') : t.padStart(w, '0');
      buf += (firstOut ? '' : sep) + t;
      firstOut = false;
      if (buf.length > 65536) {
        await ctx.out(buf);
        buf = '';
      }
    }
    if (!firstOut) buf += '\n';
    await ctx.out(buf);
    return 0;
  },
};
