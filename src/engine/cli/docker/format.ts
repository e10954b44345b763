export { humanDuration, humanSize } from '../../daemon/units';

/** Indents JSON with four spaces, as `docker inspect` does. */
export function inspectJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + '\n';
}
