/**
 * The docker CLI's tables, as Go's tabwriter lays them out with the CLI's settings (minimum cell
 * width 10, padding 3): each column as wide as its widest cell plus three spaces, at least ten.
 */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(10, Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)) + 3));
  const line = (cells: string[]) => cells.map((v, c) => (c === cells.length - 1 ? v : v.padEnd(widths[c]))).join('');
  return [line(headers), ...rows.map(line)].map((l) => l.trimEnd()).join('\n') + '\n';
}
