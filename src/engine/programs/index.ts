import type { ProgramSpec } from './context';
import { shellProgram, shProgram } from '../shell';
import { docker } from '../cli/docker';
import { dockerd } from '../daemon/dockerd';
import { basename, dirname } from './basename';
import { busybox } from './busybox';
import { hello } from './hello';
import { cat } from './cat';
import { chmod } from './chmod';
import { chown } from './chown';
import { clear } from './clear';
import { cp } from './cp';
import { cut } from './cut';
import { date } from './date';
import { df } from './df';
import { du } from './du';
import { echo } from './echo';
import { env } from './env';
import { find } from './find';
import { free } from './free';
import { grep } from './grep';
import { gunzip, gzip, zcat } from './gzip';
import { head } from './head';
import { groups, id, whoami } from './id';
import { kill } from './kill';
import { ln } from './ln';
import { ls } from './ls';
import { mkdir } from './mkdir';
import { mount, umount } from './mount';
import { mv } from './mv';
import { nproc } from './nproc';
import { printf } from './printf';
import { ps } from './ps';
import { pwd } from './pwd';
import { readlink, realpath } from './readlink';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { sed } from './sed';
import { seq } from './seq';
import { sha256sum } from './sha256sum';
import { sleep } from './sleep';
import { sort } from './sort';
import { stat } from './stat';
import { stty, tput } from './stty';
import { tail } from './tail';
import { tar } from './tar';
import { tee } from './tee';
import { touch } from './touch';
import { tr } from './tr';
import { falseProgram, trueProgram } from './true';
import { tty } from './tty';
import { hostname, uname } from './uname';
import { uniq } from './uniq';
import { uptime } from './uptime';
import { wc } from './wc';
import { which } from './which';
import { yes } from './yes';

import { man } from './man';
import { pstree } from './pstree';
import { sudo } from './sudo';
import { test } from './test';
import { top } from './top';
import { base64 } from './base64';
import { md5sum } from './md5sum';
import { nl } from './nl';
import { rev } from './rev';
import { tac } from './tac';
import { xargs } from './xargs';
import { rpm, yum } from './packages/yum';
import { ifconfig } from './net/ifconfig';
import { ip } from './net/ip';
import { vim } from './editors/vim';
import { registry } from './services/registry';
import { apt, aptCache, aptGet, dpkg } from './packages/apt';
import { apk } from './packages/apk';
import { tree } from './tree';
import { stress } from './stress';
import { mysql, node, npm, pip, psql, python3, redisCli } from './services/languages';
import { curl, netstat, ping, route, ss, wget } from './net/tools';
import { gcc, git, make } from './devtools';
import { nano } from './editors/nano';
import { lsns, nsenter, systemdCgls } from './namespaces';
import { httpd, initdb, mysqld, nginx, postgres, redisServer } from './services/servers';

/** Every program installed on the host, one import per program file. */
export const ALL_PROGRAMS: ProgramSpec[] = [
  shellProgram, shProgram, docker, dockerd, hello, busybox,
  basename, cat, chmod, chown, clear, cp, cut, date, df, dirname, du, echo, env, falseProgram, find, free, grep, groups, gunzip, gzip, head, hostname, id,
  kill, ln, ls, mkdir, mount, mv, nproc, printf, ps, pwd, readlink, realpath, rm, rmdir, sed, seq, sha256sum, sleep, sort, stat, stty, tail, tar, tee,
  touch, tput, tr, trueProgram, tty, umount, uname, uniq, uptime, wc, which, whoami, yes, zcat,
  man, pstree, sudo, test, top,
  base64, md5sum, nl, rev, tac, xargs,
  yum, rpm, ifconfig, ip, vim, registry, aptGet, apt, aptCache, dpkg, apk, tree,
  nginx, httpd, redisServer, initdb, postgres, mysqld, stress,
  python3, node, npm, pip, redisCli, psql, mysql,
  ping, curl, wget, ss, netstat, route, make, git, gcc, nano,
  lsns, nsenter, systemdCgls,
];
