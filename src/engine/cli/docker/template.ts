/**
 * The subset of Go's text/template that `docker inspect -f` and `--format` are used with:
 * `{{.Field.Sub}}`, `{{json .X}}`, `{{index .X "key"}}`, `{{range .X}}…{{end}}` (with `.` the
 * element), `{{if .X}}…{{else}}…{{end}}`, `{{println …}}`, `{{upper}}`/`{{lower}}`; values print as Go
 * prints them (`map[a:b]`, `[x y]`, `<nil>`, `true`).
 */
export class TemplateError extends Error {}

type Node = { text: string } | { action: string } | { range: string; body: Node[] } | { if: string; then: Node[]; else: Node[] };

function parse(src: string): Node[] {
  const tokens = src.split(/(\{\{-?\s*[\s\S]*?\s*-?\}\})/).filter((t) => t !== '');
  let i = 0;
  const block = (until: string[]): Node[] => {
    const out: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i];
      const m = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(t);
      if (!m) {
        out.push({ text: t.replace(/\\t/g, '\t').replace(/\\n/g, '\n') });
        i++;
        continue;
      }
      const a = m[1];
      if (until.includes(a.split(/\s+/)[0])) return out;
      i++;
      if (a.startsWith('range ')) {
        const body = block(['end']);
        i++;
        out.push({ range: a.slice(6), body });
      } else if (a.startsWith('if ')) {
        const then = block(['else', 'end']);
        let els: Node[] = [];
        if (/^\{\{-?\s*else/.test(tokens[i] ?? '')) {
          i++;
          els = block(['end']);
        }
        i++;
        out.push({ if: a.slice(3), then, else: els });
      } else out.push({ action: a });
    }
    if (until.length) throw new TemplateError(`template: :1: unexpected EOF`);
    return out;
  };
  return block([]);
}

/** How Go's fmt prints a value with %v. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

function field(dot: unknown, path: string): unknown {
  let v = dot;
  for (const part of path.split('.').filter(Boolean)) {
    if (v === null || typeof v !== 'object') throw new TemplateError(`template: :1: can't evaluate field ${part} in type ${typeof v}`);
    if (!(part in (v as object))) throw new TemplateError(`template: :1:${2 + path.indexOf(part)}: executing "" at <${path}>: map has no entry for key "${part}"`);
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function evalPipeline(expr: string, dot: unknown): unknown {
  const words = expr.match(/"[^"]*"|\S+/g) ?? [];
  const arg = (w: string): unknown => (w.startsWith('"') ? w.slice(1, -1) : w === '.' ? dot : w.startsWith('.') ? field(dot, w) : w);
  const [fn = '', ...rest] = words;
  if (fn === 'json') return JSON.stringify(arg(rest[0] ?? '.'));
  if (fn === 'index') {
    const base = arg(rest[0]);
    const key = arg(rest[1]);
    return base && typeof base === 'object' ? (base as Record<string, unknown>)[String(key)] : undefined;
  }
  if (fn === 'upper' || fn === 'lower') {
    const s = goValue(arg(rest[0]));
    return fn === 'upper' ? s.toUpperCase() : s.toLowerCase();
  }
  if (fn === 'println') return rest.map((w) => goValue(arg(w))).join(' ') + '\n';
  if (fn === 'len') {
    const v = arg(rest[0]);
    return Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : String(v ?? '').length;
  }
  if (words.length === 1 && (fn.startsWith('.') || fn.startsWith('"'))) return arg(fn);
  throw new TemplateError(`template: :1: function "${fn}" not defined`);
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v && v !== '0';
}

function run(nodes: Node[], dot: unknown): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('action' in n) {
      const v = evalPipeline(n.action, dot);
      out += typeof v === 'string' ? v : goValue(v);
    } else if ('range' in n) {
      const v = evalPipeline(n.range, dot);
      const items = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]) : [];
      for (const item of items) out += run(n.body, item);
    } else out += truthy(evalPipeline(n.if, dot)) ? run(n.then, dot) : run(n.else, dot);
  }
  return out;
}

/** Executes `template` against `data`. */
export function execTemplate(template: string, data: unknown): string {
  return run(parse(template), data);
}
