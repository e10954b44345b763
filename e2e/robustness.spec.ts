import { expect, test } from '@playwright/test';
import { openTerminal, run, screen } from './terminal';

test('an output flood and a fork bomb never freeze the page; ^C and the next command work', async ({ page }) => {
  await openTerminal(page);
  await page.keyboard.type('yes');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  // The page must still answer while the flood runs.
  const started = Date.now();
  await page.evaluate(() => 1 + 1);
  expect(Date.now() - started).toBeLessThan(1000);
  await page.keyboard.press('Control+C');
  await expect.poll(() => screen(page), { timeout: 15000 }).toMatch(/\^C\nstudent@host:~\$$/);
  expect(await run(page, 'echo calm')).toEqual(['calm']);

  await page.keyboard.type(':(){ :|:& };:');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(2000);
  const t = Date.now();
  await page.evaluate(() => 1 + 1);
  expect(Date.now() - t).toBeLessThan(1000);
  await page.keyboard.type('kill -9 -1');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await run(page, 'echo survived')).at(-1), { timeout: 20000 }).toBe('survived');
});
