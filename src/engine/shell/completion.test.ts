import { describe, expect, it } from 'vitest';
import { completeWord, type CompletionEnv } from './completion';

const files: Record<string, string[]> = {
  '/home/s': ['Dockerfile', 'docs', '.hidden', 'app.py', 'my file.txt', 'a:b', 'run.sh'],
  '/home/s/docs': ['guide.md', 'get started.md'],
  '/home/s/my dir': ['x'],
  '/usr/bin': ['docker', 'dockerd', 'ls', 'libexec'],
  '/usr/bin/libexec': [],
  '/bin': ['ls', 'dash'],
  '/etc': ['hosts', 'hostname'],
};
const executables = new Set(['/usr/bin/docker', '/usr/bin/dockerd', '/usr/bin/ls', '/bin/ls', '/bin/dash', '/home/s/run.sh']);

const env: CompletionEnv = {
  listDir: (p) => files[p] ?? null,
  isDir: (p) => p in files,
  isExecutable: (p) => executables.has(p) || p in files,
  cwd: '/home/s',
  home: '/home/s',
  path: '/usr/bin:/bin',
  names: ['declare', 'do', 'done', 'echo', '[['],
  vars: ['HOME', 'HOSTNAME', 'PATH'],
};

/** Completes with the cursor at the end of `line`. */
const at = (line: string, e: CompletionEnv = env) => completeWord(line, line.length, e);

describe('command names', () => {
  it('comes from builtins, functions, aliases and executables on PATH, sorted and once each', () => {
    expect(at('doc')).toEqual({ start: 0, candidates: ['docker', 'dockerd'] });
    expect(at('l')).toEqual({ start: 0, candidates: ['ls'] });
    expect(at('[')).toEqual({ start: 0, candidates: ['[['] });
  });

  it('is what a word after an operator, a keyword or an assignment gets', () => {
    expect(at('echo x | do')).toEqual({ start: 9, candidates: ['do', 'docker', 'dockerd', 'done'] });
    for (const line of ['true && l', 'false || l', 'a; l', 'sleep 1 & l', 'echo $(l', 'if l', 'x=1 l', 'sudo l', '(l', 'echo `l']) {
      expect(at(line), line).toEqual({ start: line.length - 1, candidates: ['ls'] });
    }
  });

  it('offers a directory here named exactly so, and paths once the word has a /', () => {
    expect(at('docs')).toEqual({ start: 0, candidates: ['docs/'] });
    expect(at('./r')).toEqual({ start: 0, candidates: ['./run.sh'], display: ['run.sh'] });
    // Only what can run (and directories) where a command goes.
    expect(at('./')).toEqual({ start: 0, candidates: ['./docs/', './run.sh'], display: ['docs/', 'run.sh'] });
  });
});

describe('paths', () => {
  it('completes relative to the working directory, marking directories with /', () => {
    expect(at('cat d')).toEqual({ start: 4, candidates: ['docs/'], display: ['docs/'] });
    expect(at('cat docs/g')).toEqual({ start: 4, candidates: ['docs/get\\ started.md', 'docs/guide.md'], display: ['get started.md', 'guide.md'] });
    expect(at('ls /etc/ho')).toEqual({ start: 3, candidates: ['/etc/hostname', '/etc/hosts'], display: ['hostname', 'hosts'] });
    expect(at('cat ~/a')).toEqual({ start: 4, candidates: ['~/a\\:b', '~/app.py'], display: ['a:b', 'app.py'] });
  });

  it('offers hidden files, . and .. only when the name starts with a dot', () => {
    expect(at('ls ')).toEqual({ start: 3, candidates: ['Dockerfile', 'a\\:b', 'app.py', 'docs/', 'my\\ file.txt', 'run.sh'], display: ['Dockerfile', 'a:b', 'app.py', 'docs/', 'my file.txt', 'run.sh'] });
    expect(at('cat .')).toEqual({ start: 4, candidates: ['./', '../', '.hidden'], display: ['./', '../', '.hidden'] });
    expect(at('cd ..')).toEqual({ start: 3, candidates: ['../'], display: ['../'] });
  });

  it('reads quotes and backslashes in the word and quotes the names it inserts', () => {
    expect(at('cat my\\ f')).toEqual({ start: 4, candidates: ['my\\ file.txt'], display: ['my file.txt'] });
    expect(at('cat "my f')).toEqual({ start: 4, candidates: ['"my file.txt'], display: ['my file.txt'], suffix: '" ' });
    expect(at("cat 'my")).toEqual({ start: 4, candidates: ["'my file.txt"], display: ['my file.txt'], suffix: "' " });
    expect(at('cat "my dir/')).toEqual({ start: 4, candidates: ['"my dir/x'], display: ['x'], suffix: '" ' });
    expect(at('cat docs/"get')).toEqual({ start: 4, candidates: ['docs/"get started.md'], display: ['get started.md'], suffix: '" ' });
  });

  it('finds the word after quoted words with blanks in them, and after redirections', () => {
    expect(at('echo "a b" ap')).toEqual({ start: 11, candidates: ['app.py'], display: ['app.py'] });
    expect(at('echo hi >ap')).toEqual({ start: 9, candidates: ['app.py'], display: ['app.py'] });
    expect(at('echo hi 2> ap')).toEqual({ start: 11, candidates: ['app.py'], display: ['app.py'] });
    // A redirection before the command leaves the command still to come.
    expect(at('<app.py l')).toEqual({ start: 8, candidates: ['ls'] });
  });

  it('completes the word before the cursor, not the whole line', () => {
    expect(completeWord('cat ap more', 6, env)).toEqual({ start: 4, candidates: ['app.py'], display: ['app.py'] });
  });

  it('offers nothing from a directory it cannot read', () => {
    expect(at('cat nowhere/x')).toEqual({ start: 4, candidates: [], display: [] });
  });
});

describe('variables', () => {
  it('completes $NAME and ${NAME from the shell variables', () => {
    expect(at('echo $HO')).toEqual({ start: 5, candidates: ['$HOME', '$HOSTNAME'], suffix: ' ' });
    expect(at('echo ${PA')).toEqual({ start: 5, candidates: ['${PATH'], suffix: '} ' });
    expect(at('echo "x$PA')).toEqual({ start: 7, candidates: ['$PATH'], suffix: ' ' });
    // Not inside single quotes, and not without a variable list.
    expect(at("echo '$PA").candidates).toEqual([]);
    expect(at('echo $HO', { ...env, vars: undefined }).candidates).toEqual([]);
  });
});
