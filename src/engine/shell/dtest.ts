import type { Word } from './ast';
import type { Shell } from './interp';
import { ShellError } from './interp';
import { matchPattern } from './pattern';
import { evaluateTest, testEnvOf } from '../programs/test';
import { evaluateArith } from './arith';

/**
 * `[[ … ]]`: conditional expressions without word splitting or globbing; `==` and `!=` match
 * patterns, `=~` matches an extended regular expression (setting BASH_REMATCH), `&&`, `||`, `!`
 * and parentheses combine.
 */
export async function evalDoubleBracket(sh: Shell, words: Word[]): Promise<number> {
  const toks: { text: string; op: boolean; word: Word }[] = [];
  for (const w of words) {
    const isOp = w.parts.length === 1 && w.parts[0].t === 'sq' && ['&&', '||', '(', ')', '<', '>', '!'].includes(w.parts[0].v);
    toks.push({ text: isOp ? (w.parts[0] as { v: string }).v : '', op: isOp, word: w });
  }
  let i = 0;
  const val = async (t: (typeof toks)[number]) => (t.op ? t.text : sh.expandString(t.word));
  const or = async (): Promise<boolean> => {
    let v = await and();
    while (toks[i]?.op && toks[i].text === '||') {
      i++;
      const r = await and();
      v = v || r;
    }
    return v;
  };
  const and = async (): Promise<boolean> => {
    let v = await not();
    while (toks[i]?.op && toks[i].text === '&&') {
      i++;
      const r = await not();
      v = v && r;
    }
    return v;
  };
  const not = async (): Promise<boolean> => {
    if (toks[i]?.op && toks[i].text === '!') {
      i++;
      return !(await not());
    }
    return primary();
  };
  const primary = async (): Promise<boolean> => {
    const t = toks[i];
    if (!t) throw new ShellError("syntax error in conditional expression", 2, false);
    if (t.op && t.text === '(') {
      i++;
      const v = await or();
      if (!(toks[i]?.op && toks[i].text === ')')) throw new ShellError("syntax error in conditional expression: unexpected token `)'", 2, false);
      i++;
      return v;
    }
    const first = await val(t);
    const next = toks[i + 1];
    const opText = next ? (next.op ? next.text : await sh.expandString(next.word)) : undefined;
    const binary = ['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'];
    if (opText !== undefined && binary.includes(opText) && toks[i + 2]) {
      const rhsTok = toks[i + 2];
      i += 3;
      if (opText === '==' || opText === '=' || opText === '!=') {
        const pat = await sh.expandPatternWord(rhsTok.word);
        const m = matchPattern(pat, first);
        return opText === '!=' ? !m : m;
      }
      const rhs = await val(rhsTok);
      if (opText === '=~') {
        let re: RegExp;
        try {
          re = new RegExp(rhs);
        } catch {
          return false;
        }
        const m = re.exec(first);
        if (m) sh.setVar('BASH_REMATCH', m[0]);
        return m !== null;
      }
      if (opText === '<') return first < rhs;
      if (opText === '>') return first > rhs;
      const a = await intOf(sh, first);
      const b = await intOf(sh, rhs);
      switch (opText) {
        case '-eq': return a === b;
        case '-ne': return a !== b;
        case '-lt': return a < b;
        case '-le': return a <= b;
        case '-gt': return a > b;
        case '-ge': return a >= b;
      }
      return false;
    }
    if (/^-[a-zA-Z]$/.test(first) && !t.op && toks[i + 1] && !(toks[i + 1].op && ['&&', '||', ')'].includes(toks[i + 1].text))) {
      const arg = await val(toks[i + 1]);
      i += 2;
      if (first === '-z') return arg === '';
      if (first === '-n') return arg !== '';
      if (first === '-v') return sh.getVar(arg) !== undefined;
      try {
        return evaluateTest([first, arg], testEnvOf(sh.ctx)) === 0;
      } catch {
        return false;
      }
    }
    i++;
    return first !== '';
  };
  const v = await or();
  if (i < toks.length) throw new ShellError('syntax error in conditional expression', 2, false);
  return v ? 0 : 1;
}

async function intOf(sh: Shell, s: string): Promise<number> {
  return Number(evaluateArith(s, { get: (n) => sh.getVar(n), set: (n, v) => sh.setVar(n, v) }));
}
