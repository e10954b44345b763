import { expect, type Page } from '@playwright/test';

/** The text the terminal shows, one string per screen row, trailing blanks removed. */
export async function screenLines(page: Page): Promise<string[]> {
  return page.locator('.xterm-rows > div').evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, '')));
}

/** The whole screen as text. */
export async function screen(page: Page): Promise<string> {
  return (await screenLines(page)).join('\n').replace(/\n+$/, '');
}

/** Opens the page and waits for the first prompt. */
export async function openTerminal(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('host running');
  await expect.poll(() => screen(page)).toMatch(/student@host:~\$$/);
  await page.locator('.xterm-helper-textarea').focus();
}

/**
 * Types a command and Enter, then waits until the screen shows its output and a new prompt;
 * returns the lines between the command and that prompt.
 */
export async function run(page: Page, command: string): Promise<string[]> {
  const before = (await screenLines(page)).filter((l) => l !== '').length;
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  let out: string[] = [];
  await expect
    .poll(async () => {
      const lines = (await screenLines(page)).filter((l) => l !== '');
      const last = lines[lines.length - 1] ?? '';
      const i = lines.lastIndexOf(`student@host:~$ ${command}`);
      if (lines.length <= before || !/student@host:~\$$/.test(last) || i < 0) return false;
      out = lines.slice(i + 1, -1);
      return true;
    })
    .toBe(true);
  return out;
}
