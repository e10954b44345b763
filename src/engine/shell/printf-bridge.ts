/** The printf builtin formats exactly as /usr/bin/printf does. */
export { printfFormat } from '../programs/printf';
