import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import { containerCommand } from './containers';
import { TerminalDriver } from '../testing/terminal';

const settle = () => new Promise<void>((r) => setTimeout(r, 100));

describe('CMD and ENTRYPOINT, as Docker\'s table combines them', () => {
  const sh1 = (s: string) => ['/bin/sh', '-c', s];
  const entries: [string, string[] | undefined][] = [['no ENTRYPOINT', undefined], ['ENTRYPOINT exec_entry p1_entry', sh1('exec_entry p1_entry')], ['ENTRYPOINT ["exec_entry", "p1_entry"]', ['exec_entry', 'p1_entry']]];
  const cmds: [string, string[] | undefined][] = [['no CMD', undefined], ['CMD ["exec_cmd", "p1_cmd"]', ['exec_cmd', 'p1_cmd']], ['CMD exec_cmd p1_cmd', sh1('exec_cmd p1_cmd')]];
  const expected = [
    [[], ['exec_cmd', 'p1_cmd'], ['/bin/sh', '-c', 'exec_cmd p1_cmd']],
    // A shell-form ENTRYPOINT runs alone: the CMD only becomes sh's unused $0 and $1.
    [['/bin/sh', '-c', 'exec_entry p1_entry'], ['/bin/sh', '-c', 'exec_entry p1_entry', 'exec_cmd', 'p1_cmd'], ['/bin/sh', '-c', 'exec_entry p1_entry', '/bin/sh', '-c', 'exec_cmd p1_cmd']],
    [['exec_entry', 'p1_entry'], ['exec_entry', 'p1_entry', 'exec_cmd', 'p1_cmd'], ['exec_entry', 'p1_entry', '/bin/sh', '-c', 'exec_cmd p1_cmd']],
  ];
  entries.forEach(([en, e], i) => cmds.forEach(([cn, c], j) => {
    it(`${en}, ${cn}`, () => expect(containerCommand({ Entrypoint: e, Cmd: c }, [])).toEqual(expected[i][j]));
  }));
  it('run arguments replace CMD; --entrypoint replaces ENTRYPOINT and drops CMD', () => {
    expect(containerCommand({ Entrypoint: ['ep'], Cmd: ['c'] }, ['a', 'b'])).toEqual(['ep', 'a', 'b']);
    expect(containerCommand({ Entrypoint: ['ep'], Cmd: ['c'] }, [], ['sh'])).toEqual(['sh']);
  });
});

describe('a container\'s lifecycle', () => {
  it('exec, top, hostname, inspect and stop: PID 1 ignores SIGTERM, so stop -t 1 ends in SIGKILL (137)', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    const id = (await sh(h, 'docker run -d --name s1 alpine sleep 1000')).stdout.trim();
    await settle();
    expect(await sh(h, 'docker exec s1 ps')).toEqual({ stdout: '    PID TTY          TIME CMD\n      1 ?        00:00:00 sleep\n      2 ?        00:00:00 ps\n', stderr: '', code: 0 });
    const hostLine = (await sh(h, 'ps aux | grep "sleep 1000" | grep -v grep')).stdout;
    const hostPid = hostLine.trim().split(/\s+/)[1];
    expect(Number(hostPid)).toBeGreaterThan(1);
    const top = (await sh(h, 'docker top s1')).stdout.split('\n');
    expect(top[0]).toBe('UID       PID       PPID      C         STIME     TTY       TIME       CMD');
    expect(top[1].split(/\s+/).slice(0, 2)).toEqual(['root', hostPid]);
    expect(top[1]).toMatch(/ sleep 1000$/);
    expect(await sh(h, 'docker exec s1 hostname')).toEqual({ stdout: `${id.slice(0, 12)}\n`, stderr: '', code: 0 });
    expect(await sh(h, "docker inspect -f '{{.State.Status}} {{.State.Pid}} {{.NetworkSettings.IPAddress}} {{json .Config.Cmd}}' s1")).toEqual({ stdout: `running ${hostPid} 172.17.0.2 ["sleep","1000"]\n`, stderr: '', code: 0 });
    expect(await sh(h, 'docker stop -t 1 s1')).toEqual({ stdout: 's1\n', stderr: '', code: 0 });
    expect((await sh(h, 'docker ps -a')).stdout).toMatch(/ Exited \(137\) Less than a second ago +s1\n$/);
    expect(await sh(h, 'docker exec s1 true')).toEqual({ stdout: '', stderr: `Error response from daemon: container ${id} is not running\n`, code: 1 });
    expect(await sh(h, "docker inspect -f '{{.State.ExitCode}} {{.State.Running}}' s1")).toEqual({ stdout: '137 false\n', stderr: '', code: 0 });
  });

  it('exit codes: 143 for SIGTERM on a process other than PID 1, 137 for docker kill, a trapped TERM exits as the trap says', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    expect(await sh(h, 'docker run --rm alpine sh -c "sleep 100 & kill \\$!; wait \\$!; echo \\$?"')).toEqual({ stdout: '143\n', stderr: '', code: 0 });
    await sh(h, 'docker run -d --name k1 alpine sleep 1000 >/dev/null');
    await settle();
    expect(await sh(h, 'docker kill k1; docker wait k1')).toEqual({ stdout: 'k1\n137\n', stderr: '', code: 0 });
    await sh(h, 'docker run -d --name t1 alpine sh -c "trap \'exit 3\' TERM; while true; do sleep 0.1; done" >/dev/null');
    await settle();
    expect(await sh(h, 'docker stop t1; docker wait t1')).toEqual({ stdout: 't1\n3\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker start t1 >/dev/null; docker restart -t 0 t1; docker inspect -f "{{.State.Status}}" t1')).toEqual({ stdout: 't1\nrunning\n', stderr: '', code: 0 });
  });

  it('logs, exec with -e and -w, and Docker\'s errors for bad input', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    await sh(h, 'docker run -d --name l1 alpine sh -c "for i in 1 2 3 4; do echo line \\$i; done; sleep 1000" >/dev/null');
    await settle();
    expect(await sh(h, 'docker logs l1')).toEqual({ stdout: 'line 1\nline 2\nline 3\nline 4\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker logs --tail 2 l1')).toEqual({ stdout: 'line 3\nline 4\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker exec -e GREETING=hi -w /etc l1 sh -c "echo \\$GREETING \\$(pwd)"')).toEqual({ stdout: 'hi /etc\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker exec l1 nosuch')).toEqual({ stdout: '', stderr: 'Error response from daemon: OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n', code: 127 });
    expect(await sh(h, 'docker stop --bogus l1')).toEqual({ stdout: '', stderr: "unknown flag: --bogus\nSee 'docker stop --help'.\n", code: 1 });
    expect(await sh(h, 'docker kill -s NOPE l1')).toEqual({ stdout: '', stderr: 'Error response from daemon: Invalid signal: NOPE\n', code: 1 });
    expect(await sh(h, 'docker stop nosuch')).toEqual({ stdout: '', stderr: 'Error response from daemon: No such container: nosuch\n', code: 1 });
    expect((await sh(h, 'docker rm l1')).stderr).toBe('Error response from daemon: cannot remove container "/l1": container is running: stop the container before removing or force remove\n');
    expect(await sh(h, 'docker inspect nosuch')).toEqual({ stdout: '[]\n', stderr: 'Error: No such object: nosuch\n', code: 1 });
  });
});

describe('naming, ports, users and the files Docker writes into a container', () => {
  it('--hostname, /etc/hostname and /etc/hosts, -u, --env-file, rename, port, ps --format and container prune', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q busybox >/dev/null');
    expect(await sh(h, 'docker run --rm --hostname web1 busybox sh -c "hostname; cat /etc/hostname; tail -1 /etc/hosts"')).toEqual({ stdout: 'web1\nweb1\n172.17.0.2\tweb1\n', stderr: '', code: 0 });
    expect(await sh(h, 'printf "A=1\\n# comment\\nUSER\\n" > e.env; docker run --rm --env-file e.env -u nobody busybox sh -c "echo \\$A \\$USER; id -u"')).toEqual({ stdout: '1 student\n65534\n', stderr: '', code: 0 });
    expect((await sh(h, 'docker run --rm -u nosuch busybox id')).code).toBe(125);
    const id = (await sh(h, 'docker run -d --name w1 -p 8080:80 busybox sleep 100')).stdout.trim();
    expect(await sh(h, 'docker port w1; docker port w1 80/tcp')).toEqual({ stdout: '80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n0.0.0.0:8080\n[::]:8080\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker rename w1 w2 && docker ps --format "{{.Names}} {{.Status}} {{.Ports}}"')).toEqual({ stdout: 'w2 Up Less than a second 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n', stderr: '', code: 0 });
    await sh(h, 'docker run --name done1 busybox true');
    const pruned = await sh(h, 'docker container prune -f');
    expect(pruned.stdout).toMatch(/^Deleted Containers:\n[0-9a-f]{64}\n\nTotal reclaimed space: 0B\n$/);
    expect((await sh(h, 'docker ps -aq')).stdout).toBe(`${id.slice(0, 12)}\n`);
  });
});

describe('cgroup limits', () => {
  it('-m: the OOM killer ends the biggest process of that container only; OOMKilled is recorded', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null; docker pull -q polinux/stress >/dev/null');
    await sh(h, 'docker run -d --name other alpine sleep 1000 >/dev/null');
    expect(await sh(h, 'docker run --name t1 -m 50m alpine tail /dev/zero; echo $?')).toEqual({ stdout: '137\n', stderr: '', code: 0 });
    expect(await sh(h, "docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}}' t1")).toEqual({ stdout: 'true 137 52428800\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker run --name s2 -m 50m polinux/stress stress --vm 1 --vm-bytes 100M')).toEqual({
      stdout: 'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n',
      stderr: 'stress: FAIL: [1] (415) <-- worker 2 got signal 9\nstress: WARN: [1] (417) now reaping child worker processes\nstress: FAIL: [1] (451) failed run completed in 0s\n',
      code: 1,
    });
    expect(await sh(h, "docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}}' s2; docker ps --format '{{.Names}} {{.State}}'")).toEqual({ stdout: 'true 1\nother running\n', stderr: '', code: 0 });
  });

  it('--pids-limit makes a fork past the limit fail; bad limits get Docker\'s errors', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    expect(await sh(h, 'docker run --rm --pids-limit 2 alpine sh -c "sleep 0.2 & sleep 0.2 & echo done; wait"')).toEqual({ stdout: 'done\n', stderr: 'sh: line 0: fork: Resource temporarily unavailable\n', code: 0 });
    expect(await sh(h, 'docker run -m 4m alpine true')).toEqual({ stdout: '', stderr: "docker: Error response from daemon: Minimum memory limit allowed is 6MB\n\nRun 'docker run --help' for more information\n", code: 125 });
    expect(await sh(h, 'docker run --cpus 3 alpine true')).toEqual({ stdout: '', stderr: "docker: Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available\n\nRun 'docker run --help' for more information\n", code: 125 });
    expect(await sh(h, 'docker run -m lots alpine true')).toEqual({ stdout: '', stderr: "invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'\nSee 'docker run --help'.\n", code: 125 });
    expect((await sh(h, 'docker ps -aq | wc -l')).stdout).toBe('0\n');
  });
});

describe('cgroup files', () => {
  it('/sys/fs/cgroup shows each container\'s limits and usage, on the host and (as its root) inside', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    const id = (await sh(h, 'docker run -d --name c1 -m 64m --pids-limit 10 alpine sleep 100')).stdout.trim();
    await settle();
    expect(await sh(h, `cat /sys/fs/cgroup/system.slice/docker-${id}.scope/memory.max /sys/fs/cgroup/system.slice/docker-${id}.scope/pids.max`)).toEqual({ stdout: '67108864\n10\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker exec c1 cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max /proc/1/cgroup /sys/fs/cgroup/memory.events')).toEqual({
      stdout: '67108864\n10\n0::/\nlow 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n',
      stderr: '',
      code: 0,
    });
    expect(await sh(h, 'docker exec c1 cat /sys/fs/cgroup/pids.current')).toEqual({ stdout: '2\n', stderr: '', code: 0 });
  });
});

describe('docker pause', () => {
  it('freezes every process of the container until unpause; ps shows (Paused)', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    await sh(h, 'docker run -d --name p1 alpine sh -c "while true; do echo tick; sleep 0.05; done" >/dev/null');
    await new Promise<void>((r) => setTimeout(r, 200));
    expect(await sh(h, 'docker pause p1; docker ps --format "{{.Status}} {{.State}}" | sed "s/Up .* (/Up (/"; docker inspect -f "{{.State.Paused}}" p1')).toEqual({ stdout: 'p1\nUp (Paused) paused\ntrue\n', stderr: '', code: 0 });
    const before = (await sh(h, 'docker logs p1 | wc -l')).stdout;
    await new Promise<void>((r) => setTimeout(r, 300));
    expect((await sh(h, 'docker logs p1 | wc -l')).stdout).toBe(before);
    expect(await sh(h, 'cat /sys/fs/cgroup/system.slice/docker-*.scope/cgroup.freeze; docker unpause p1; docker unpause p1')).toMatchObject({ stdout: '1\np1\n', stderr: expect.stringMatching(/^Error response from daemon: Container [0-9a-f]{64} is not paused\n$/), code: 1 });
    await new Promise<void>((r) => setTimeout(r, 300));
    expect(Number((await sh(h, 'docker logs p1 | wc -l')).stdout)).toBeGreaterThan(Number(before));
  });
});

describe('docker stats and --cpus', () => {
  it('a CPU-bound container shows about 100 %; with --cpus 0.5 it is throttled to about half', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q polinux/stress >/dev/null');
    const cpu = async (name: string) => {
      const out = (await sh(h, `docker stats --no-stream ${name}`)).stdout.split('\n');
      expect(out[0]).toBe('CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS');
      return Number(/ ([\d.]+)% /.exec(out[1])![1]);
    };
    await sh(h, 'docker run -d --name half --cpus 0.5 polinux/stress stress --cpu 2 >/dev/null');
    const throttled = await cpu('half');
    expect(throttled).toBeGreaterThan(30);
    expect(throttled).toBeLessThan(70);
    expect((await sh(h, 'cat /sys/fs/cgroup/system.slice/docker-*.scope/cpu.max')).stdout).toBe('50000 100000\n');
    await sh(h, 'docker rm -f half >/dev/null; docker run -d --name busy polinux/stress stress --cpu 1 >/dev/null');
    expect(await cpu('busy')).toBeGreaterThan(75);
  });
});

describe('--init and --read-only', () => {
  it('docker-init is PID 1 and passes SIGTERM on, so stop ends in 143 at once; a read-only root refuses writes', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    await sh(h, 'docker run -d --init --name i1 alpine sleep 1000 >/dev/null');
    await settle();
    expect(await sh(h, 'docker exec i1 ps')).toEqual({ stdout: '    PID TTY          TIME CMD\n      1 ?        00:00:00 docker-init\n      2 ?        00:00:00 sleep\n      3 ?        00:00:00 ps\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker stop -t 30 i1; docker inspect -f "{{.State.ExitCode}} {{.HostConfig.Init}}" i1')).toEqual({ stdout: 'i1\n143 true\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker run --rm --read-only alpine sh -c "touch /x; echo \\$?"')).toEqual({ stdout: '1\n', stderr: "touch: cannot touch '/x': Read-only file system\n", code: 0 });
  });
});

describe('namespaces from the host', () => {
  it('lsns lists the container\'s namespaces, nsenter runs a command in them (as root), systemd-cgls shows its cgroup', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    const id = (await sh(h, 'docker run -d --name n1 alpine sleep 1000')).stdout.trim();
    await settle();
    const lsns = (await sh(h, 'lsns -t uts', { user: 'root' })).stdout.split('\n');
    expect(lsns[0]).toBe('        NS TYPE   NPROCS   PID USER     COMMAND');
    expect(lsns.filter((l) => / uts +1 +\d+ root +sleep 1000$/.test(l))).toHaveLength(1);
    const pid = (await sh(h, 'ps aux | grep "sleep 1000" | grep -v grep')).stdout.trim().split(/\s+/)[1];
    expect(await sh(h, `nsenter -t ${pid} -u -m hostname; nsenter -t ${pid} -m cat /etc/hostname`, { user: 'root' })).toEqual({ stdout: `${id.slice(0, 12)}\n${id.slice(0, 12)}\n`, stderr: '', code: 0 });
    expect(await sh(h, `nsenter -t ${pid} -u hostname`)).toEqual({ stdout: '', stderr: "nsenter: reassociate to namespace 'ns/uts' failed: Operation not permitted\n", code: 1 });
    expect((await sh(h, 'systemd-cgls')).stdout).toContain(`├─system.slice\n│ └─docker-${id}.scope\n│   └─${pid} sleep 1000\n`);
  });
});

describe('restart policies, update, and the pid and network modes', () => {
  it('--restart on-failure:2 runs three times; update changes the cgroup; --network none|host; --pid host', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    await sh(h, 'docker run -d --name r1 --restart on-failure:2 alpine sh -c "echo run; exit 3" >/dev/null');
    await new Promise<void>((r) => setTimeout(r, 800));
    expect(await sh(h, 'docker logs r1; docker inspect -f "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}}" r1')).toEqual({ stdout: 'run\nrun\nrun\n2 exited 3 on-failure\n', stderr: '', code: 0 });
    const id = (await sh(h, 'docker run -d --name u1 alpine sleep 100')).stdout.trim();
    expect(await sh(h, `docker update -m 100m --cpus 1 --pids-limit 5 u1; cat /sys/fs/cgroup/system.slice/docker-${id}.scope/memory.max /sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.max /sys/fs/cgroup/system.slice/docker-${id}.scope/pids.max`)).toEqual({ stdout: 'u1\n104857600\n100000 100000\n5\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker run --rm --network none alpine ip -br a; docker run --rm --network host alpine hostname; docker run --rm --pid host alpine ps aux | grep -c "[/]usr/bin/dockerd -H"')).toEqual({ stdout: 'lo               UNKNOWN        127.0.0.1/8 \nhost\n1\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker run --rm --restart always alpine true')).toEqual({ stdout: '', stderr: "docker: Error response from daemon: conflicting options: cannot specify both --restart and --rm\n\nRun 'docker run --help' for more information\n", code: 125 });
    expect((await sh(h, 'docker run --network nope alpine true')).stderr).toBe("docker: Error response from daemon: network nope not found\n\nRun 'docker run --help' for more information\n");
  });
});

describe('docker cp', () => {
  it('copies files and directories into and out of a container', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    await sh(h, 'docker run -d --name c1 alpine sleep 100 >/dev/null; echo hello > f.txt; mkdir -p d/sub; echo x > d/sub/y');
    expect(await sh(h, 'docker cp f.txt c1:/tmp/ && docker cp d c1:/tmp/dd && docker exec c1 cat /tmp/f.txt /tmp/dd/sub/y')).toEqual({ stdout: 'hello\nx\n', stderr: 'Successfully copied 6B to c1:/tmp/\nSuccessfully copied 2B to c1:/tmp/dd\n', code: 0 });
    expect(await sh(h, 'docker cp c1:/etc/apk ./apkdir 2>/dev/null && ls apkdir')).toEqual({ stdout: 'repositories\nworld\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker cp c1:/nosuch .')).toEqual({ stdout: '', stderr: 'Error response from daemon: Could not find the file /nosuch in container c1\n', code: 1 });
  });
});

describe('attach, logs -t and ps --filter', () => {
  it('attach follows a running container to its end; logs -t stamps lines; ps filters by status, exit code, name', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q alpine >/dev/null');
    await sh(h, 'docker run -d --name a1 alpine sh -c "sleep 0.3; echo late; exit 4" >/dev/null');
    expect(await sh(h, 'docker attach a1')).toEqual({ stdout: 'late\n', stderr: '', code: 4 });
    expect((await sh(h, 'docker logs -t a1')).stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z late\n$/);
    await sh(h, 'docker run --name b1 --cpu-shares 512 alpine true');
    expect(await sh(h, 'docker ps -a --filter status=exited --format "{{.Names}}"; docker ps -a --filter exited=4 --format "{{.Names}}"; docker ps -a -f name=b --format "{{.Names}}"; docker inspect -f "{{.HostConfig.CpuShares}}" b1')).toEqual({ stdout: 'b1\na1\na1\nb1\n512\n', stderr: '', code: 0 });
    expect(await sh(h, 'docker attach b1')).toEqual({ stdout: '', stderr: 'You cannot attach to a stopped container, start it first\n', code: 1 });
  });
});

describe('detach keys', () => {
  it('^P^Q leaves an -it container running and gives the terminal back; docker attach hands it to the container again', async () => {
    const h = testHost();
    const t = new TerminalDriver(h);
    await t.prompt();
    await t.type('docker pull -q alpine\r');
    const until = async (re: RegExp) => {
      for (let i = 0; i < 200 && !re.test(t.screen); i++) await new Promise<void>((r) => setTimeout(r, 10));
      return t.screen;
    };
    t.term.write('docker run -it --name d1 alpine sh\r');
    await until(/\/ # $/);
    t.term.write('echo in\r');
    await until(/in\n\/ # $/);
    t.term.write('\x10\x11');
    expect(await until(/\/ # student@host:~\$ $/)).toMatch(/\/ # student@host:~\$ $/);
    expect(await t.type('docker ps --format "{{.Names}} {{.State}}"\r')).toBe('docker ps --format "{{.Names}} {{.State}}"\nd1 running\nstudent@host:~$ ');
    t.term.write('docker attach d1\r');
    await new Promise<void>((r) => setTimeout(r, 150));
    const from = t.screen.length;
    t.term.write('echo back\r');
    await until(/back\n\/ # $/);
    expect(t.screen.slice(from)).toBe('echo back\nback\n/ # ');
    expect(await t.type('exit 5\r')).toBe('exit 5\nexit\nstudent@host:~$ ');
    expect(await t.type('echo $?\r')).toBe('echo $?\n5\nstudent@host:~$ ');
  });
});
