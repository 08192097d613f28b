// Finds and loads the handler a Lambda handler setting names, as the Node.js
// runtime does (aws-lambda-nodejs-runtime-interface-client, UserFunction.js):
// `<module path>.<export path>` relative to the task root, `..` refused, the
// module tried as `.js`, `.mjs`, `.cjs`, nested exports followed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export class RuntimeError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

export type Handler = (event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void) => unknown;

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

export async function loadHandler(taskRoot: string, setting: string): Promise<Handler> {
  if (setting.includes('..')) {
    throw new RuntimeError(
      'Runtime.MalformedHandlerName',
      `'${setting}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(setting);
  const moduleRoot = setting.slice(0, setting.length - base.length);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match?.[1] || !match[2]) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const modulePath = path.resolve(taskRoot, moduleRoot, match[1]);
  const file = MODULE_EXTENSIONS.map((extension) => modulePath + extension).find((candidate) => existsSync(candidate));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${match[1]}'`);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`);
    throw error;
  }
  const handler = match[2].split('.').reduce<unknown>((object, key) => (object as Record<string, unknown> | undefined)?.[key], loaded);
  if (handler === undefined) throw new RuntimeError('Runtime.HandlerNotFound', `${setting} is undefined or not exported`);
  if (typeof handler !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${setting} is not a function`);
  return handler as Handler;
}
