import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';

describe('shell language', () => {
  const host = testHost();
  const cases: [string, { stdout: string; stderr: string; code: number }][] = [
    ['echo hello', { stdout: 'hello\n', stderr: '', code: 0 }],
    ['cat nonexistent; echo $?', { stdout: '1\n', stderr: 'cat: nonexistent: No such file or directory\n', code: 0 }],
    ['nosuchcmd; echo $?', { stdout: '127\n', stderr: 'bash: line 1: nosuchcmd: command not found\n', code: 0 }],
    ['x=3; echo $((x*2)) ${x:-no} "$x" ${#x} ${y:-dflt}', { stdout: '6 3 3 1 dflt\n', stderr: '', code: 0 }],
    ['for i in 1 2 3; do echo $i; done', { stdout: '1\n2\n3\n', stderr: '', code: 0 }],
    ['f(){ echo in f $1; return 3; }; f a; echo $?', { stdout: 'in f a\n3\n', stderr: '', code: 0 }],
    ['echo $(echo sub) `echo bq` "$(echo  two  spaces)"', { stdout: 'sub bq two spaces\n', stderr: '', code: 0 }],
    ['cat <<EOF\nline $HOME\nEOF', { stdout: 'line /home/student\n', stderr: '', code: 0 }],
    ["cat <<'EOF'\nline $HOME\nEOF", { stdout: 'line $HOME\n', stderr: '', code: 0 }],
    ['if [ -d /tmp ]; then echo dir; else echo no; fi', { stdout: 'dir\n', stderr: '', code: 0 }],
    ['echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f', { stdout: 'a\nb\n', stderr: '', code: 0 }],
    ['cat nope 2>&1 | cat', { stdout: 'cat: nope: No such file or directory\n', stderr: '', code: 0 }],
    ['case abc in a*) echo yes;; *) echo no;; esac', { stdout: 'yes\n', stderr: '', code: 0 }],
    ['[[ abc == a* ]] && echo match || echo none', { stdout: 'match\n', stderr: '', code: 0 }],
    ['echo {1..3} a{b,c}', { stdout: '1 2 3 ab ac\n', stderr: '', code: 0 }],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', { stdout: '3\n', stderr: '', code: 0 }],
    ['false || echo or; true && echo and; ! false; echo $?', { stdout: 'or\nand\n0\n', stderr: '', code: 0 }],
    ['(cd /tmp; pwd); pwd', { stdout: '/tmp\n/home/student\n', stderr: '', code: 0 }],
    ['x=outer; f(){ local x=inner; echo $x; }; f; echo $x', { stdout: 'inner\nouter\n', stderr: '', code: 0 }],
    ['set -- a "b c"; for a in "$@"; do echo "[$a]"; done; echo $#', { stdout: '[a]\n[b c]\n2\n', stderr: '', code: 0 }],
    ["echo 'single $x' \"double\"", { stdout: 'single $x double\n', stderr: '', code: 0 }],
    ['printf "%s-%03d\\n" a 5 b 7', { stdout: 'a-005\nb-007\n', stderr: '', code: 0 }],
    ["printf 'a%yb\\n'; echo \" rc=$?\"", { stdout: 'a rc=1\n', stderr: "bash: line 1: printf: `y': invalid format character\n", code: 0 }],
    ['x=hello.tar.gz; echo ${x%%.*} ${x#*.} ${x/l/L} ${x//l/L}', { stdout: 'hello tar.gz heLlo.tar.gz heLLo.tar.gz\n', stderr: '', code: 0 }],
    ['exit 7', { stdout: '', stderr: '', code: 7 }],
    ['trap "echo bye" EXIT; echo hi', { stdout: 'hi\nbye\n', stderr: '', code: 0 }],
  ];
  for (const [src, expected] of cases) {
    it(src.replace(/\n/g, '\\n'), async () => {
      expect(await sh(host, src)).toEqual(expected);
    });
  }
});

describe('bad input never breaks the shell', () => {
  it('reports unbalanced quotes', async () => {
    const host = testHost();
    expect(await sh(host, 'echo "abc')).toEqual({ stdout: '', stderr: "bash: line 1: unexpected EOF while looking for matching `\"'\n", code: 2 });
    expect(await sh(host, "echo 'abc")).toEqual({ stdout: '', stderr: "bash: line 1: unexpected EOF while looking for matching `''\n", code: 2 });
    expect(await sh(host, 'echo next')).toEqual({ stdout: 'next\n', stderr: '', code: 0 });
  });
  it('reports division by zero', async () => {
    const host = testHost();
    expect(await sh(host, 'echo $((1/0)); echo after')).toEqual({ stdout: '', stderr: 'bash: line 1: 1/0: division by 0 (error token is "0")\n', code: 1 });
    expect(await sh(host, 'echo next')).toEqual({ stdout: 'next\n', stderr: '', code: 0 });
  });
  it('stops runaway recursion', async () => {
    const host = testHost();
    expect(await sh(host, 'f(){ f; }; f; echo status=$?')).toEqual({
      stdout: 'status=1\n',
      stderr: 'bash: line 1: f: maximum function nesting level exceeded (1000)\n',
      code: 0,
    });
  });
  it('handles a 1 MB line', async () => {
    const host = testHost();
    const big = 'x'.repeat(1024 * 1024);
    const r = await sh(host, `echo ${big} | wc -c 2>/dev/null || echo ${big.length}`);
    expect(r.code).toBe(0);
    const echoed = await sh(host, `v=${big}; echo \${#v}`);
    expect(echoed).toEqual({ stdout: `${big.length}\n`, stderr: '', code: 0 });
  });
  it('handles binary bytes', async () => {
    const host = testHost();
    const bin = String.fromCharCode(...Array.from({ length: 32 }, (_, i) => (i * 37) % 32).filter((c) => c !== 0 && c !== 10));
    const r = await sh(host, `echo '${bin.replace(/'/g, '')}' > /tmp/b; echo done`);
    expect(r).toEqual({ stdout: 'done\n', stderr: '', code: 0 });
    expect(await sh(host, ')')).toEqual({ stdout: '', stderr: "bash: line 1: syntax error near unexpected token `)'\n", code: 2 });
  });
});

describe('more shell semantics', () => {
  it('"$@" with no arguments is no field; exec redirects the shell; time reports', async () => {
    const host = testHost();
    expect(await sh(host, 'f(){ echo $#; }; f "$@"; set -- a; f "$@"')).toEqual({ stdout: '0\n1\n', stderr: '', code: 0 });
    expect(await sh(host, 'exec > /tmp/out; echo into file; cat /tmp/out >&2')).toEqual({ stdout: '', stderr: 'into file\n', code: 0 });
    const t = await sh(host, 'time true');
    expect(t.stderr).toMatch(/^\nreal\t0m0\.\d{3}s\nuser\t0m0\.000s\nsys\t0m0\.000s\n$/);
  });
});

describe('executables, traps and waiting', () => {
  it('runs scripts by their #! line, and reports 126 and 127 as bash does', async () => {
    const host = testHost();
    expect(await sh(host, "printf '#!/bin/bash\\necho from script $1\\n' > s.sh; ./s.sh; echo $?")).toEqual({
      stdout: '126\n',
      stderr: 'bash: line 1: ./s.sh: Permission denied\n',
      code: 0,
    });
    expect(await sh(host, 'chmod +x s.sh; ./s.sh arg; echo $?')).toEqual({ stdout: 'from script arg\n0\n', stderr: '', code: 0 });
    expect(await sh(host, './nosuch; echo $?')).toEqual({ stdout: '127\n', stderr: 'bash: line 1: ./nosuch: No such file or directory\n', code: 0 });
    expect(await sh(host, '/tmp; echo $?')).toEqual({ stdout: '126\n', stderr: 'bash: line 1: /tmp: Is a directory\n', code: 0 });
    expect(await sh(host, "printf 'echo no shebang\\n' > plain; chmod +x plain; ./plain")).toEqual({ stdout: 'no shebang\n', stderr: '', code: 0 });
  });

  it('runs trap handlers for signals and waits for background jobs', async () => {
    const host = testHost();
    expect(await sh(host, "trap 'echo got USR1' USR1; kill -USR1 $$; echo after")).toEqual({ stdout: 'got USR1\nafter\n', stderr: '', code: 0 });
    expect(await sh(host, "trap '' TERM; kill $$; echo survived")).toEqual({ stdout: 'survived\n', stderr: '', code: 0 });
    expect(await sh(host, '(sleep 0.05; exit 3) & wait $!; echo status=$?')).toEqual({ stdout: 'status=3\n', stderr: '', code: 0 });
    expect(await sh(host, 'sleep 0.05 & sleep 0.02 & wait; echo all done')).toEqual({ stdout: 'all done\n', stderr: '', code: 0 });
    expect(await sh(host, 'sleep 10 & kill %1; wait %1; echo $?')).toEqual({ stdout: '143\n', stderr: '', code: 0 });
  });

  it('each command of a pipeline is its own process, streaming to the next', async () => {
    const host = testHost();
    const r = await sh(host, 'sleep 0.01 | ps -o pid,ppid,comm');
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    const shell = rows.find((x) => x[2] === 'bash')!;
    const sleep = rows.find((x) => x[2] === 'sleep')!;
    const ps = rows.find((x) => x[2] === 'ps')!;
    expect(sleep[0]).not.toBe(ps[0]);
    expect([sleep[1], ps[1]]).toEqual([shell[0], shell[0]]);
    expect(await sh(host, 'yes | head -n 3')).toEqual({ stdout: 'y\ny\ny\n', stderr: '', code: 0 });
  });
});
