/** Node's `url` module as memfs uses it: only the URL class, which browsers have. */
export const URL = globalThis.URL;
export default { URL };
