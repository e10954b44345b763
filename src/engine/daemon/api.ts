/** The Docker Engine API version the simulated daemon speaks, and the oldest it accepts. */
export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';

/** Versions the simulated engine reports, as Docker 28.2 on Debian 12 does. */
export const ENGINE = {
  version: '28.2.2',
  gitCommit: '45873be',
  clientCommit: 'e6534b4',
  goVersion: 'go1.24.3',
  built: 'Fri May 30 12:07:27 2025',
  buildTime: '2025-05-30T12:07:27.000000000+00:00',
  containerd: { version: '1.7.27', commit: '05044ec0a9a75232cad458027ca83437aae3f4da' },
  runc: { version: '1.2.5', commit: 'v1.2.5-0-g59923ef' },
  init: { version: '0.19.0', commit: 'de40ad0' },
};

/** A request on the daemon's socket. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path with query string, e.g. `/v1.50/containers/json?all=1`. */
  path: string;
  body?: unknown;
  /** Request headers the daemon reads: `X-Registry-Auth` (base64 JSON credentials). */
  headers?: Record<string, string>;
}

/** The daemon's answer: an HTTP status and a JSON body (`{ message }` for errors). */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** An error the daemon turns into an HTTP status and `{"message": …}`, as the Engine API does. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * One message of a streamed answer (pull, push): Docker's JSON message stream, which the CLI
 * draws as per-layer progress lines.
 */
export interface JsonMessage {
  status?: string;
  id?: string;
  /** Bytes done and total, and when the transfer began (clock ms), for the progress bar. */
  progressDetail?: { current?: number; total?: number; start?: number };
  error?: string;
  errorDetail?: { message: string };
  aux?: Record<string, unknown>;
}

/** A streamed answer: the daemon writes messages as the job makes progress. */
export class JsonStream {
  constructor(readonly messages: AsyncIterable<JsonMessage>) {}
}
