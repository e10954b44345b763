import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import { TerminalDriver } from '../testing/terminal';
import { ManualClock } from '../index';

const host = () => testHost({ clock: new ManualClock(Date.UTC(2026, 10, 22, 11, 0, 0)) });
const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('the articles\' worked example: vim and net-tools in a CentOS 7 container', () => {
  it('yum installs both, vim edits a file, ifconfig shows eth0, and the commit is a layer of realistic size', async () => {
    const h = testHost();
    const t = new TerminalDriver(h, { cols: 100, rows: 30 });
    await t.prompt();
    await t.type('docker pull -q centos:7\r');
    t.term.write('docker run -it --name c7 centos:7 bash\r');
    for (let i = 0; i < 100 && !/\[root@[0-9a-f]{12} \/\]# $/.test(t.screen); i++) await wait(20);
    expect(t.screen).toMatch(/\n\[root@[0-9a-f]{12} \/\]# $/);
    const id = /\[root@([0-9a-f]{12}) \/\]# $/.exec(t.screen)![1];
    const prompt = `[root@${id} /]# `;
    const type = async (keys: string) => {
      const from = t.screen.length;
      t.term.write(keys);
      for (let i = 0; i < 200 && !t.screen.slice(from).endsWith(prompt); i++) await wait(10);
      return t.screen.slice(from);
    };
    expect(await type('vim --version | head -1; ifconfig\r')).toMatch(/bash: ifconfig: command not found\n/);
    const install = await type('yum install -y vim net-tools\r');
    expect(install).toContain('Install  2 Packages (+8 Dependent packages)\n\nTotal download size: 16 M\nInstalled size: 49 M\n');
    expect(install).toMatch(/\nInstalled:\n {2}net-tools\.x86_64 0:2\.0-0\.25\.20131004git\.el7 vim-enhanced\.x86_64 2:7\.4\.629-8\.el7_9\n[\s\S]*\nComplete!\n/);
    // vim: insert two lines, write and quit.
    t.term.write('vim /root/notes.txt\r');
    await wait(100);
    expect(t.screen).toContain('"/root/notes.txt" [New]');
    t.term.write('ihello from vim\rsecond line\x1b:wq\r');
    for (let i = 0; i < 100 && !t.screen.endsWith(prompt); i++) await wait(10);
    expect(await type('cat /root/notes.txt\r')).toBe('cat /root/notes.txt\nhello from vim\nsecond line\n' + prompt);
    expect(await type('ifconfig eth0\r')).toBe(`ifconfig eth0\neth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 172.17.0.2  netmask 255.255.0.0  broadcast 172.17.255.255\n        ether 02:42:ac:11:00:02  txqueuelen 0  (Ethernet)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n${prompt}`);
    await t.type('exit\r');
    const hist = await sh(h, 'docker commit -m "vim and net-tools" c7 centos-tools >/dev/null; docker history centos-tools | head -2; docker images centos-tools --format "{{.Size}}"');
    expect(hist.stdout).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT\n[0-9a-f]{12} +Less than a second ago +bash +50\.7MB +vim and net-tools\n255MB\n$/);
  });
});

describe('package managers', () => {
  it('yum: unknown packages, EPEL-only ones and rpm queries', async () => {
    const h = host();
    await sh(h, 'docker pull -q centos:7');
    const r = await sh(h, 'docker run --rm centos:7 bash -c "yum install -y nosuch nginx; echo rc=\\$?; rpm -q bash vim-enhanced; rpm -qa | wc -l"');
    expect(r.stdout).toMatch(/\nNo package nosuch available\.\nNo package nginx available\.\nrc=1\nbash-4\.2\.46-34\.el7\.x86_64\npackage vim-enhanced is not installed\n14\n$/);
    expect(r.stderr).toBe('Error: Nothing to do\n');
    const ask = await sh(h, 'docker run -i --rm centos:7 bash -c "yum install tree | tail -2; rpm -q tree"', { stdin: 'n\n' });
    expect(ask.stdout).toBe('Installed size: 87 k\nIs this ok [y/d/N]: Exiting on user command\npackage tree is not installed\n');
  });
});

describe('apt-get on Debian and Ubuntu, apk on Alpine', () => {
  it('apt-get install before update cannot find a package, as on a fresh image; after update it installs', async () => {
    const h = host();
    await sh(h, 'docker pull -q debian:bookworm-slim');
    expect(await sh(h, 'docker run --rm debian:bookworm-slim apt-get install -y tree')).toEqual({ stdout: 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n', stderr: 'E: Unable to locate package tree\n', code: 100 });
    const r = await sh(h, 'docker run --rm debian:bookworm-slim bash -c "apt-get update >/dev/null; apt-get install -y tree; tree -L 1 /etc/apt; dpkg -L tree | head -2; apt-get install -y tree | tail -2"');
    expect(r.stdout).toBe([
      'Reading package lists...', 'Building dependency tree...', 'Reading state information...',
      'The following NEW packages will be installed:', '  tree',
      '0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.',
      'Need to get 53.9 kB of archives.', 'After this operation, 119 kB of additional disk space will be used.',
      'Get:1 http://deb.debian.org/debian bookworm/main amd64 tree amd64 2.1.0-1 [53.9 kB]',
      'debconf: delaying package configuration, since apt-utils is not installed',
      'Fetched 53.9 kB in 0s (50.0 MB/s)',
      'Selecting previously unselected package tree:amd64.',
      '(Reading database ... 6090 files and directories currently installed.)',
      'Preparing to unpack .../0-tree_2.1.0-1_amd64.deb ...', 'Unpacking tree:amd64 (2.1.0-1) ...',
      'Setting up tree:amd64 (2.1.0-1) ...', 'Processing triggers for libc-bin (2.36-9+deb12u9) ...',
      '/etc/apt', '├── apt.conf.d', '└── sources.list.d', '', '2 directories, 0 files',
      '/usr/bin/tree', '/usr/share/doc/tree',
      'tree is already the newest version (2.1.0-1).', '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.', '',
    ].join('\n'));
    expect(await sh(h, 'docker pull -q ubuntu:24.04 >/dev/null; docker run --rm ubuntu:24.04 bash -c "apt update 2>&1 >/dev/null | head -2; apt-get install -y nosuch"')).toEqual({
      stdout: '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\nReading package lists...\nBuilding dependency tree...\nReading state information...\n',
      stderr: 'E: Unable to locate package nosuch\n',
      code: 100,
    });
  });

  it('apk add fetches the indexes, installs dependencies first and reports the total', async () => {
    const h = host();
    await sh(h, 'docker pull -q alpine');
    expect(await sh(h, 'docker run --rm alpine sh -c "apk add wget && which wget"')).toEqual({
      stdout: 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n(1/2) Installing libidn2 (2.3.7-r0)\n(2/2) Installing wget (1.24.5-r0)\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 16 packages\n/usr/bin/wget\n',
      stderr: '',
      code: 0,
    });
    expect(await sh(h, 'docker run --rm alpine apk add nosuch')).toEqual({
      stdout: 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n',
      stderr: 'ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n',
      code: 1,
    });
  });
});
