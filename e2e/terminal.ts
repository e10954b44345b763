import { expect, type Page } from '@playwright/test';

/** The text the terminal shows, one string per screen row, trailing blanks removed. */
export async function screenLines(page: Page): Promise<string[]> {
  return page.locator('.xterm-rows > div').evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, '')));
}

/** The whole screen as text. */
export async function screen(page: Page): Promise<string> {
  return (await screenLines(page)).join('\n').replace(/\n+$/, '');
}

/** Opens the page (at `path`, e.g. `/?link=2MB`) and waits for the first prompt. */
export async function openTerminal(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('engine-status')).toHaveText('host running');
  await expect.poll(() => screen(page)).toMatch(/student@host:~\$$/);
  await page.locator('.xterm-helper-textarea').focus();
}

/**
 * Types a command and Enter, then waits until the screen shows its output and a new prompt;
 * returns the lines between the command and that prompt. Works on a full, scrolling screen: it
 * waits for the screen to change and end in a bare prompt below the command's own line.
 */
export async function run(page: Page, command: string): Promise<string[]> {
  const before = await screen(page);
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  let out: string[] = [];
  await expect
    .poll(async () => {
      const now = await screen(page);
      if (now === before) return false;
      const lines = now.split('\n').filter((l) => l !== '');
      const last = lines.length - 1;
      if (!/^student@host:~\$$/.test(lines[last] ?? '')) return false;
      const i = lines.lastIndexOf(`student@host:~$ ${command}`);
      if (i < 0 || i >= last) return false;
      out = lines.slice(i + 1, last);
      return true;
    })
    .toBe(true);
  return out;
}
