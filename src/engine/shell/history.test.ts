import { describe, expect, it } from 'vitest';
import { expandHistory } from './history';

describe('history expansion', () => {
  const h = ['ls -l /tmp', 'echo hello world'];
  it('expands events and words', () => {
    expect(expandHistory('sudo !!', h)).toEqual({ text: 'sudo echo hello world', changed: true });
    expect(expandHistory('cat !$', h)).toEqual({ text: 'cat world', changed: true });
    expect(expandHistory('!ls', h)).toEqual({ text: 'ls -l /tmp', changed: true });
    expect(expandHistory('!1', h)).toEqual({ text: 'ls -l /tmp', changed: true });
    expect(expandHistory('!-1', h)).toEqual({ text: 'echo hello world', changed: true });
  });
  it('leaves quoted and lone ! alone and reports unknown events', () => {
    expect(expandHistory("echo '!!' ! x", h)).toEqual({ text: "echo '!!' ! x", changed: false });
    expect(expandHistory('!nosuch', h)).toEqual({ error: '!nosuch: event not found' });
  });
});
