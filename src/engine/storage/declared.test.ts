import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemfsBackend } from '../vfs/memfs-backend';
import { changesetTar, unpackLayer } from './layer';
import { readTar } from './tar';


describe('declared sizes: stand-in files that weigh what the real ones weigh', () => {
  it('report the declared size, keep it through a layer tar, and read back only what is stored', () => {
    const fs = new MemfsBackend();
    fs.mkdir('/bin', { mode: 0o755, uid: 0, gid: 0 });
    fs.writeFile('/bin/bash', new TextEncoder().encode('stand-in'), { mode: 0o755, uid: 0, gid: 0 });
    fs.declareSize('/bin/bash', 1_265_648);
    expect(fs.lstat('/bin/bash').size).toBe(1_265_648);
    expect(fs.lstat('/bin/bash').blocks).toBe(Math.ceil(1_265_648 / 4096) * 8);
    const tar = changesetTar(fs);
    expect(readTar(tar).find((e) => e.path === 'bin/bash')).toMatchObject({ declaredSize: 1_265_648, data: new TextEncoder().encode('stand-in') });
    const copy = new MemfsBackend();
    unpackLayer(tar, copy);
    expect(copy.lstat('/bin/bash').size).toBe(1_265_648);
    expect(new TextDecoder().decode(copy.readFile('/bin/bash'))).toBe('stand-in');
    const file = join(mkdtempSync(join(tmpdir(), 'declared-')), 'layer.tar');
    writeFileSync(file, tar);
    // GNU tar ignores the vendor record and sees the stored bytes.
    expect(execFileSync('tar', ['-tvf', file], { encoding: 'utf8' })).toMatch(/ 8 \d{4}-\d\d-\d\d \d\d:\d\d bin\/bash\n/);
  });

  it('a file rewritten from scratch loses its declared size', () => {
    const fs = new MemfsBackend();
    fs.writeFile('/f', new Uint8Array(1), { mode: 0o644, uid: 0, gid: 0 });
    fs.declareSize('/f', 1000);
    fs.writeFile('/f', new Uint8Array(3), { mode: 0o644, uid: 0, gid: 0 });
    expect(fs.lstat('/f').size).toBe(3);
  });
});
