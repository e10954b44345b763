import { expect, test } from '@playwright/test';
import { openTerminal, run, screen } from './terminal';

test('docker pull draws a progress bar per layer, then the container shell takes the terminal', async ({ page }) => {
  // A slow link (2 MB/s) so that the 7.8 MB alpine layer is seen downloading.
  await openTerminal(page, '/?link=2MB');
  await page.keyboard.type('docker pull alpine');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page), { timeout: 10_000 }).toMatch(/\n[0-9a-f]{12}: Downloading \[=*>\s*\]\s+[\d.]+MB\/7\.80\dMB( \d+s)?$/);
  await page.screenshot({ path: 'test-results/docker-pull.png' });
  await expect.poll(() => screen(page), { timeout: 20_000 }).toMatch(
    /\$ docker pull alpine\nUsing default tag: latest\nlatest: Pulling from library\/alpine\n[0-9a-f]{12}: Pull complete\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\ndocker\.io\/library\/alpine:latest\nstudent@host:~\$$/,
  );

  // -it: the container's shell reads the terminal; ^C reaches it, not the docker client.
  await page.keyboard.type('docker run -it --name box alpine sh');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/\n\/ #$/);
  await page.keyboard.type('sleep 50');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+C');
  await page.keyboard.type('echo inside $(hostname)');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/\/ # echo inside \$\(hostname\)\ninside [0-9a-f]{12}\n\/ #$/);
  await page.keyboard.type('exit 3');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/student@host:~\$$/);
  expect(await run(page, 'echo $?')).toEqual(['3']);
  expect((await run(page, 'docker ps -a --format "{{.Names}} {{.Status}}" 2>/dev/null || docker ps -a')).join('\n')).toMatch(/Exited \(3\)/);
});
