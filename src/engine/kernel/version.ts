/** What the simulated kernel reports about itself (uname(2)). */
export const KERNEL = { sysname: 'Linux', release: '6.1.0-28-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)', machine: 'x86_64', os: 'GNU/Linux' };
