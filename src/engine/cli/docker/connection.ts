import type { Ctx } from '../../programs/context';
import { isSysError } from '../../kernel/errors';
import type { Daemon } from '../../daemon/daemon';
import { API_VERSION, JsonStream, type ApiRequest, type ApiResponse, type JsonMessage } from '../../daemon/api';

const SOCKET = '/var/run/docker.sock';

/** A failure the CLI reports and exits 1 with. */
export class CliError extends Error {
  constructor(message: string, readonly status = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The client's side of the daemon socket: sends API requests as the docker CLI does. */
export class DockerClient {
  private daemon: Daemon | null = null;
  constructor(private readonly ctx: Ctx) {}

  private connect(path: string): Daemon {
    if (this.daemon) return this.daemon;
    try {
      this.daemon = this.ctx.kernel.connect<Daemon>(this.ctx.proc, SOCKET);
      return this.daemon;
    } catch (e) {
      if (isSysError(e, 'EACCES')) {
        throw new CliError(`permission denied while trying to connect to the Docker daemon socket at unix://${SOCKET}: Get "http://%2Fvar%2Frun%2Fdocker.sock/v${API_VERSION}${path}": dial unix ${SOCKET}: connect: permission denied`);
      }
      if (isSysError(e)) throw new CliError(`Cannot connect to the Docker daemon at unix://${SOCKET}. Is the docker daemon running?`);
      throw e;
    }
  }

  /** Sends a request; a non-2xx answer becomes a CliError with the daemon's message. */
  async request<T = unknown>(method: ApiRequest['method'], path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const daemon = this.connect(path);
    const res: ApiResponse = await daemon.handle({ method, path: `/v${API_VERSION}${path}`, body, headers }, this.ctx.proc);
    await this.ctx.checkpoint();
    if (res.status >= 400) {
      const msg = (res.body as { message?: string } | null)?.message ?? `Error response from daemon: ${res.status}`;
      throw new CliError(`Error response from daemon: ${msg}`);
    }
    return res.body as T;
  }

  /** Sends a request whose answer is a JSON message stream (pull, push); yields its messages. */
  async stream(method: ApiRequest['method'], path: string, body?: unknown, headers?: Record<string, string>): Promise<AsyncIterable<JsonMessage>> {
    const res = await this.request<unknown>(method, path, body, headers);
    if (!(res instanceof JsonStream)) throw new Error(`${path} did not answer with a stream`);
    return res.messages;
  }
}
