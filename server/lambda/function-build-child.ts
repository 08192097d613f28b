// The entry of a build process: one request over IPC, one answer, then exit.
import { build, type BuildRequest } from './function-build.ts';

process.once('message', (request: BuildRequest) => {
  void build(request).then((reply) => process.send?.(reply, () => process.exit(0)));
});
