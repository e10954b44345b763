import { expect, test } from '@playwright/test';
import { openTerminal, run, screen } from './terminal';

test('the terminal answers like a Linux host', async ({ page }) => {
  await openTerminal(page);
  expect(await run(page, 'echo hello')).toEqual(['hello']);
  expect(await run(page, 'echo hi | tr a-z A-Z')).toEqual(['HI']);

  const started = await run(page, 'sleep 100 &');
  expect(started).toHaveLength(1);
  const pid = /^\[1\] (\d+)$/.exec(started[0])?.[1];
  expect(pid).toBeTruthy();
  expect(await run(page, 'jobs')).toEqual(['[1]+  Running                 sleep 100 &']);
  const ps = await run(page, 'ps');
  expect(ps[0]).toBe('    PID TTY          TIME CMD');
  expect(ps.some((l) => new RegExp(`^\\s*${pid} pts/0\\s+00:00:00 sleep$`).test(l))).toBe(true);
  expect(await run(page, 'kill %1')).toEqual(['[1]+  Terminated              sleep 100']);

  await page.keyboard.type('while true; do :; done');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+C');
  await expect.poll(() => screen(page)).toMatch(/while true; do :; done\n\^C\nstudent@host:~\$$/);
  expect(await run(page, 'echo after')).toEqual(['after']);

  expect(await run(page, 'cat nonexistent')).toEqual(['cat: nonexistent: No such file or directory']);
  expect(await run(page, 'echo $?')).toEqual(['1']);
  expect(await run(page, 'nosuchcmd')).toEqual(['bash: nosuchcmd: command not found']);
  expect(await run(page, 'echo $?')).toEqual(['127']);
});

test('the page looks finished and resizes the terminal with the window', async ({ page }) => {
  await openTerminal(page);
  await expect(page).toHaveTitle('DockerSim');
  await expect(page.locator('header h1')).toHaveText('DockerSim');
  const cols = Number((await run(page, 'tput cols 2>/dev/null || stty size | cut -d" " -f2'))[0]);
  expect(cols).toBeGreaterThan(80);
  await page.setViewportSize({ width: 700, height: 600 });
  await expect.poll(async () => Number((await run(page, 'stty size | cut -d" " -f2'))[0])).toBeLessThan(cols);
  await page.screenshot({ path: 'test-results/terminal.png' });
});

test('Tab completes, Up recalls the last command, and the shell survives exit', async ({ page }) => {
  await openTerminal(page);
  await page.keyboard.type('ech');
  await page.keyboard.press('Tab');
  await page.keyboard.type('completed');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/student@host:~\$ echo completed\ncompleted\nstudent@host:~\$$/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/completed\nstudent@host:~\$ echo completed\ncompleted\nstudent@host:~\$$/);
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/logout\n\n\[the shell exited with status 0; a new login shell is starting\]\nstudent@host:~\$$/);
  expect(await run(page, 'echo back')).toEqual(['back']);
});
