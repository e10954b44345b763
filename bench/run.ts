/**
 * The benchmark: speed and memory figures of the engine, printed one per line. Budgets live here,
 * not in unit tests, because timings depend on the machine. Run with `npm run bench`.
 */
import { Host } from '../src/engine/index';
import { sh } from '../src/engine/testing/harness';
import { Snapshotter } from '../src/engine/storage/snapshotter';
import { Random } from '../src/engine/kernel/random';
import { Vfs, type Who } from '../src/engine/vfs/vfs';
import { dockerHub } from '../src/engine/registry/hub';

interface Figure {
  name: string;
  value: number;
  unit: string;
  budget?: number;
}

const figures: Figure[] = [];
const now = () => performance.now();

function record(name: string, value: number, unit: string, budget?: number): void {
  figures.push({ name, value, unit, budget });
  const verdict = budget === undefined ? '' : value <= budget ? `  (budget ${budget} ${unit}: ok)` : `  (budget ${budget} ${unit}: OVER)`;
  console.log(`${name.padEnd(44)} ${value.toFixed(1).padStart(10)} ${unit}${verdict}`);
}

/** Waits until the terminal's output ends with the prompt again. */
function untilPrompt(output: () => string, from: number, timeoutMs = 10000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = now();
    const tick = () => {
      if (/\$ $/.test(output().slice(from))) return resolve();
      if (now() - start > timeoutMs) return reject(new Error('prompt did not come back'));
      setTimeout(tick, 1);
    };
    tick();
  });
}

async function bootAndPrompt(): Promise<void> {
  const t0 = now();
  const host = new Host({ seed: 1 });
  const t1 = now();
  const term = host.openTerminal();
  let out = '';
  term.onOutput((t) => (out += t));
  await untilPrompt(() => out, 0);
  record('host boot (new Host)', t1 - t0, 'ms', 500);
  record('login shell to first prompt', now() - t1, 'ms', 500);
}

async function interruptLatency(): Promise<void> {
  const host = new Host({ seed: 1 });
  const term = host.openTerminal();
  let out = '';
  term.onOutput((t) => (out += t));
  await untilPrompt(() => out, 0);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const mark = out.length;
    term.write('while true; do :; done\r');
    await new Promise((r) => setTimeout(r, 200));
    const t = now();
    const before = out.length;
    term.write('\x03');
    await untilPrompt(() => out, Math.max(mark, before));
    samples.push(now() - t);
  }
  samples.sort((a, b) => a - b);
  record('^C on a busy loop until the prompt (median)', samples[2], 'ms', 100);
  record('^C on a busy loop until the prompt (worst)', samples[4], 'ms', 250);
}

async function shellSpeed(): Promise<void> {
  const host = new Host({ seed: 1 });
  let t = now();
  await sh(host, 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done');
  record('shell loop, 20k iterations', now() - t, 'ms', 4000);
  t = now();
  await sh(host, 'for i in $(echo {1..200}); do echo $i | cat > /dev/null; done');
  record('200 two-process pipelines', now() - t, 'ms', 4000);
  await sh(host, 'i=0; s=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; while [ $i -lt 14 ]; do s="$s$s"; i=$((i+1)); done; echo "$s" > /tmp/big');
  t = now();
  const r = await sh(host, 'cat /tmp/big | cat | cat > /dev/null');
  const mb = (97 * 2 ** 14) / 2 ** 20;
  if (r.code !== 0) throw new Error(r.stderr);
  record('pipe throughput (3 cats, ~1.5 MB)', mb / ((now() - t) / 1000), 'MB/s');
}

/** Builds a committed base layer of `files` files, as an image layer would be. */
function baseLayer(sn: Snapshotter, name: string, files: number): void {
  const vfs = new Vfs(sn.mount(sn.prepare(`${name}-build`)), 'overlay');
  const root: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0o022 };
  for (let d = 0; d * 1000 < files; d++) {
    vfs.mkdir(root, `/d${d}`);
    for (let i = d * 1000; i < Math.min(files, (d + 1) * 1000); i++) vfs.writeFile(root, `/d${d}/f${i}`, 'x');
  }
  sn.commit(name, `${name}-build`);
}

/** Starting a container = preparing a snapshot and mounting it; it must not depend on image size. */
async function containerStart(): Promise<void> {
  const sn = new Snapshotter(() => Date.now(), new Random(1));
  baseLayer(sn, 'small', 10);
  baseLayer(sn, 'large', 100_000);
  let serial = 0;
  const start = (image: string, n: number) => {
    const t = now();
    for (let i = 0; i < n; i++) {
      const fs = sn.mount(sn.prepare(`${image}-c${serial++}`, image));
      fs.lstat('/', { cred: { uid: 0, gid: 0, groups: [0] } });
    }
    return (now() - t) / n;
  };
  start('small', 50);
  start('large', 50);
  const small = start('small', 200);
  const large = start('large', 200);
  record('container start, image of 10 files', small * 1000, 'µs');
  record('container start, image of 100,000 files', large * 1000, 'µs');
  record('start cost ratio, 100,000 files / 10 files', large / small, 'x', 3);
  const g = globalThis as { gc?: () => void };
  g.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) sn.mount(sn.prepare(`many-${i}`, 'large'));
  g.gc?.();
  const perContainer = (process.memoryUsage().heapUsed - before) / 1000;
  record('heap per container of a 100,000-file image', perContainer / 1024, 'KiB', 64);
}

async function memory(): Promise<void> {
  const g = globalThis as { gc?: () => void };
  g.gc?.();
  const before = process.memoryUsage().heapUsed;
  const hosts = Array.from({ length: 10 }, (_, i) => new Host({ seed: i }));
  g.gc?.();
  const after = process.memoryUsage().heapUsed;
  record('heap per booted host', (after - before) / hosts.length / 2 ** 20, 'MiB', 20);
}

/** The Hub builds every catalogue image on first use; pulls and package installs run at link speed. */
async function registryAndPackages(): Promise<void> {
  let t = now();
  dockerHub();
  record('Docker Hub catalogue built (all images)', now() - t, 'ms', 1000);
  const host = new Host({ seed: 1, linkRate: Infinity });
  t = now();
  let r = await sh(host, 'docker pull -q centos:7');
  if (r.code !== 0) throw new Error(r.stderr);
  record('docker pull centos:7 (204 MB, instant link)', now() - t, 'ms', 1000);
  t = now();
  r = await sh(host, 'docker run --name c7 centos:7 yum install -y vim net-tools');
  if (r.code !== 0) throw new Error(r.stderr);
  record('yum install -y vim net-tools in a container', now() - t, 'ms', 2000);
  t = now();
  r = await sh(host, 'docker commit c7 centos-tools');
  if (r.code !== 0) throw new Error(r.stderr);
  record('docker commit of that container', now() - t, 'ms', 1000);
}

await bootAndPrompt();
await registryAndPackages();
await interruptLatency();
await shellSpeed();
await memory();
await containerStart();
const over = figures.filter((f) => f.budget !== undefined && f.value > f.budget);
console.log(over.length ? `\n${over.length} figure(s) over budget` : '\nall figures within budget');
process.exit(0);
