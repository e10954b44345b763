import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });

describe('programs packages install', () => {
  it('make builds prerequisites first, skips what is up to date, and reports missing rules and failures', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q python:3.12 >/dev/null');
    const script = 'cd /tmp && printf "all: out.txt\\n\\nout.txt: in.txt\\n\\tcp in.txt out.txt\\n\\t@echo built\\n\\nbad:\\n\\tfalse\\n\\n.PHONY: all bad\\n" > Makefile && echo x > in.txt && make; make; make out.txt; make nosuch; make bad; echo rc=$?';
    expect(await sh(h, `docker run --rm python:3.12 sh -c '${script}'`)).toEqual({
      stdout: "cp in.txt out.txt\nbuilt\nmake: Nothing to be done for 'all'.\nmake: 'out.txt' is up to date.\nfalse\nrc=2\n",
      stderr: "make: *** No rule to make target 'nosuch'.  Stop.\nmake: *** [Makefile:8: bad] Error 1\n",
      code: 0,
    });
  });

  it('git init, gcc without input, ping to loopback, wget and curl without a server', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q python:3.12 >/dev/null');
    expect(await sh(h, "docker run --rm python:3.12 sh -c 'git init -q /tmp/r 2>/dev/null | tail -1; git init /tmp/r; ls /tmp/r/.git; gcc; echo rc=$?'")).toEqual({
      stdout: 'Reinitialized existing Git repository in /tmp/r/.git/\nHEAD\nbranches\nconfig\ndescription\nhooks\ninfo\nobjects\nrefs\nrc=1\n',
      stderr: 'gcc: fatal error: no input files\ncompilation terminated.\n',
      code: 0,
    });
    const p = await sh(h, 'ping -c 1 127.0.0.1');
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.\n64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=0\.\d{3} ms\n\n--- 127\.0\.0\.1 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\n$/);
    expect(await sh(h, 'ping -c 1 nosuch')).toEqual({ stdout: '', stderr: 'ping: nosuch: Name or service not known\n', code: 2 });
    expect(await sh(h, 'curl localhost:9; echo $?')).toEqual(ok('7\n', "curl: (7) Failed to connect to localhost port 9 after 0 ms: Couldn't connect to server\n"));
    expect(await sh(h, 'curl http://example.com/; echo $?')).toEqual(ok('6\n', 'curl: (6) Could not resolve host: example.com\n'));
  });
});
