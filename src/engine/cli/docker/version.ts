import type { Ctx } from '../../programs/context';
import { API_VERSION, ENGINE } from '../../daemon/api';
import { CliError, type DockerClient } from './connection';

interface VersionBody {
  Platform: { Name: string };
  Components: { Name: string; Version: string; Details: Record<string, string> }[];
}

/** docker version: the client's versions, then the server's as GET /version reports them. */
export async function version(ctx: Ctx, client: DockerClient): Promise<number> {
  let out = `Client: Docker Engine - Community
 Version:           ${ENGINE.version}
 API version:       ${API_VERSION}
 Go version:        ${ENGINE.goVersion}
 Git commit:        ${ENGINE.clientCommit}
 Built:             ${ENGINE.built}
 OS/Arch:           linux/amd64
 Context:           default
`;
  let v: VersionBody;
  try {
    v = await client.request<VersionBody>('GET', '/version');
  } catch (e) {
    await ctx.out(out);
    throw e instanceof CliError ? e : e;
  }
  out += `\nServer: ${v.Platform.Name}\n`;
  for (const c of v.Components) {
    out += ` ${c.Name}:\n`;
    if (c.Name === 'Engine') {
      const d = c.Details;
      out += `  Version:          ${c.Version}\n  API version:      ${d.ApiVersion} (minimum version ${d.MinAPIVersion})\n  Go version:       ${d.GoVersion}\n  Git commit:       ${d.GitCommit}\n  Built:            ${ENGINE.built}\n  OS/Arch:          ${d.Os}/${d.Arch}\n  Experimental:     ${d.Experimental}\n`;
    } else {
      out += `  Version:          ${c.Version}\n  GitCommit:        ${c.Details.GitCommit}\n`;
    }
  }
  await ctx.out(out);
  return 0;
}
