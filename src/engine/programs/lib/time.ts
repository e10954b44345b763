/** Date formatting as the C library's strftime(3) does it, in UTC (the host's time zone). */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime(3) for the common conversions. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  return fmt.replace(/%([a-zA-Z%+])/g, (all, c: string) => {
    switch (c) {
      case 'Y': return String(Y);
      case 'y': return pad(Y % 100);
      case 'C': return pad(Math.floor(Y / 100));
      case 'm': return pad(m + 1);
      case 'd': return pad(day);
      case 'e': return pad(day, 2, ' ');
      case 'H': return pad(H);
      case 'I': return pad(H % 12 || 12);
      case 'M': return pad(M);
      case 'S': return pad(S);
      case 'N': return pad(d.getUTCMilliseconds() * 1000000, 9);
      case 'p': return H < 12 ? 'AM' : 'PM';
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[wd].slice(0, 3);
      case 'A': return DAYS[wd];
      case 'b': case 'h': return MONTHS[m].slice(0, 3);
      case 'B': return MONTHS[m];
      case 'j': return pad(yday, 3);
      case 'u': return String(wd || 7);
      case 'w': return String(wd);
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'F': return `${Y}-${pad(m + 1)}-${pad(day)}`;
      case 'T': return `${pad(H)}:${pad(M)}:${pad(S)}`;
      case 'R': return `${pad(H)}:${pad(M)}`;
      case 'D': return `${pad(m + 1)}/${pad(day)}/${pad(Y % 100)}`;
      case 'c': return `${DAYS[wd].slice(0, 3)} ${MONTHS[m].slice(0, 3)} ${pad(day, 2, ' ')} ${pad(H)}:${pad(M)}:${pad(S)} ${Y}`;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return all;
    }
  });
}

/** date(1)'s default output: `Sun Nov 22 11:02:49 UTC 2026`. */
export function dateDefault(ms: number): string {
  return strftime('%a %b %e %H:%M:%S %Z %Y', ms);
}
