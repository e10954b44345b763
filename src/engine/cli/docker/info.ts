import type { Ctx } from '../../programs/context';
import { ENGINE } from '../../daemon/api';
import type { DockerClient } from './connection';

/** docker info: the daemon's state and configuration from GET /info. */
export async function info(ctx: Ctx, client: DockerClient): Promise<number> {
  const i = await client.request<Record<string, unknown> & { DriverStatus: string[][]; Runtimes: Record<string, unknown>; SecurityOptions: string[] }>('GET', '/info');
  const gib = ((i.MemTotal as number) / 1024 ** 3).toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  const lines = [
    'Client: Docker Engine - Community',
    ` Version:    ${ENGINE.version}`,
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${i.Containers}`,
    `  Running: ${i.ContainersRunning}`,
    `  Paused: ${i.ContainersPaused}`,
    `  Stopped: ${i.ContainersStopped}`,
    ` Images: ${i.Images}`,
    ` Server Version: ${i.ServerVersion}`,
    ` Storage Driver: ${i.Driver}`,
    ...i.DriverStatus.map(([k, v]) => `  ${k}: ${v}`),
    ` Logging Driver: ${i.LoggingDriver}`,
    ` Cgroup Driver: ${i.CgroupDriver}`,
    ` Cgroup Version: ${i.CgroupVersion}`,
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog',
    ` Swarm: ${(i.Swarm as { LocalNodeState: string }).LocalNodeState}`,
    ` Runtimes: ${Object.keys(i.Runtimes).sort().join(' ')}`,
    ` Default Runtime: ${i.DefaultRuntime}`,
    ` Init Binary: ${i.InitBinary}`,
    ` containerd version: ${ENGINE.containerd.commit}`,
    ` runc version: ${ENGINE.runc.commit}`,
    ` init version: ${ENGINE.init.commit}`,
    ' Security Options:',
    ...i.SecurityOptions.map((o) => `  ${o.replace(/^name=/, '').replace(/,profile=/, '\n   Profile: ')}`),
    ` Kernel Version: ${i.KernelVersion}`,
    ` Operating System: ${i.OperatingSystem}`,
    ` OSType: ${i.OSType}`,
    ` Architecture: ${i.Architecture}`,
    ` CPUs: ${i.NCPU}`,
    ` Total Memory: ${gib}GiB`,
    ` Name: ${i.Name}`,
    ` ID: ${i.ID}`,
    ` Docker Root Dir: ${i.DockerRootDir}`,
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  ::1/128',
    '  127.0.0.0/8',
    ` Live Restore Enabled: ${i.LiveRestoreEnabled}`,
    '',
  ];
  await ctx.out(lines.join('\n'));
  return 0;
}
