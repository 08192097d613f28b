// Reads openapi.yaml once into the route table the emulator serves. A contract
// that API Gateway would refuse on import, or that Lambda could not run, stops
// here with a coded ContractError instead of misbehaving at request time.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ContractError } from './contract-errors.ts';
import { isLambdaRuntime, type LambdaRuntime } from './lambda-runtimes.ts';

export interface LambdaBinding {
  functionName: string;
  /** The name as the contract writes it, `{stage}` unfilled (what a deployment fills). */
  functionNameTemplate: string;
  /** Lambda's handler setting, e.g. `handlers/create-dispute.handler`: module path in the task root, then the export. */
  handler: string;
  /** Absolute path of the handler's source module (what the build bundles). */
  handlerFile: string;
  handlerExport: string;
  zip: string;
  memorySize: number;
  timeoutSeconds: number;
  runtime: LambdaRuntime;
}

export interface Route {
  /** API Gateway's route key, e.g. `POST /disputes/{id}/close`. */
  routeKey: string;
  method: string;
  openapiPath: string;
  /** The same path in find-my-way syntax, e.g. `/disputes/:id/close`. */
  fastifyPath: string;
  /** The name of a greedy `{name+}` parameter, which Fastify calls `*`. */
  greedyParameter?: string;
  operationId: string;
  /** False when the operation opts out of authorization (`security: []`). */
  authorized: boolean;
  scopes: string[];
  lambda: LambdaBinding;
}

export interface JwtAuthorizerSettings {
  name: string;
  /** Lower-cased request header that carries the token. */
  identityHeader: string;
  issuer: string;
  audience: string[];
}

export interface Contract {
  routes: Route[];
  authorizer: JwtAuthorizerSettings | null;
}

export interface ContractOptions {
  /** Directory that `x-lambda.handler` paths are relative to. */
  projectRoot: string;
  stage: string;
  jwtIssuer: string;
  jwtAudience: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const HANDLER = /^([A-Za-z0-9_./-]+)\.([A-Za-z_$][A-Za-z0-9_$]*)$/;
const ZIP_NAME = /^[A-Za-z0-9._-]+\.zip$/;
const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

type Json = Record<string, unknown>;

export function loadContract(file: string, options: ContractOptions): Contract {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ContractError('CONTRACT_ERR_UNREADABLE', file, (error as Error).message);
  }
  return parseContract(text, options);
}

export function parseContract(text: string, options: ContractOptions): Contract {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ContractError('CONTRACT_ERR_UNREADABLE', 'document', (error as Error).message);
  }
  if (!isObject(document)) throw new ContractError('CONTRACT_ERR_UNREADABLE', 'document', 'not a mapping');
  const version = document['openapi'];
  if (typeof version !== 'string' || !/^3\.0\.\d+$/.test(version)) {
    throw new ContractError('CONTRACT_ERR_OPENAPI_VERSION', 'openapi', String(version));
  }

  const schemes = isObject(document['components']) && isObject(document['components']['securitySchemes'])
    ? document['components']['securitySchemes'] : {};
  const authorizers = new Map<string, JwtAuthorizerSettings>();
  for (const [name, scheme] of Object.entries(schemes)) {
    if (isObject(scheme) && scheme['x-amazon-apigateway-authorizer'] !== undefined) {
      authorizers.set(name, readAuthorizer(name, scheme['x-amazon-apigateway-authorizer'], options));
    }
  }

  const routes: Route[] = [];
  const operationIds = new Set<string>();
  const functionNames = new Set<string>();
  const zips = new Set<string>();
  const shapes = new Set<string>();
  const paths = isObject(document['paths']) ? document['paths'] : {};
  for (const [openapiPath, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const { fastifyPath, greedyParameter } = toFastifyPath(openapiPath);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const routeKey = `${method.toUpperCase()} ${openapiPath}`;
      const shape = `${method} ${fastifyPath.replace(/:[^/]+/g, ':')}`;
      if (shapes.has(shape)) throw new ContractError('CONTRACT_ERR_PATH', routeKey, 'conflicts with another route');
      shapes.add(shape);

      const operationId = operation['operationId'];
      if (typeof operationId !== 'string' || operationId === '' || operationIds.has(operationId)) {
        throw new ContractError('CONTRACT_ERR_OPERATION_ID', routeKey, String(operationId));
      }
      operationIds.add(operationId);

      const security = readSecurity(routeKey, operation['security'] ?? document['security'], authorizers);
      const lambda = readLambda(routeKey, operation['x-lambda'], document['x-lambda-runtime'], options);
      if (functionNames.has(lambda.functionName)) {
        throw new ContractError('CONTRACT_ERR_FUNCTION_NAME', routeKey, `${lambda.functionName} is bound twice`);
      }
      functionNames.add(lambda.functionName);
      if (zips.has(lambda.zip)) throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', routeKey, `${lambda.zip} is bound twice`);
      zips.add(lambda.zip);
      routes.push({
        routeKey, method: method.toUpperCase(), openapiPath, fastifyPath,
        ...(greedyParameter ? { greedyParameter } : {}),
        operationId, ...security, lambda,
      });
    }
  }
  if (routes.length === 0) throw new ContractError('CONTRACT_ERR_NO_ROUTES', 'paths');
  const used = routes.find((route) => route.authorized);
  return { routes, authorizer: used ? [...authorizers.values()][0] ?? null : null };
}

function readAuthorizer(name: string, raw: unknown, options: ContractOptions): JwtAuthorizerSettings {
  const where = `components.securitySchemes.${name}`;
  if (!isObject(raw) || String(raw['type']).toLowerCase() !== 'jwt' || !isObject(raw['jwtConfiguration'])) {
    throw new ContractError('CONTRACT_ERR_AUTHORIZER', where, 'only type jwt with a jwtConfiguration is supported');
  }
  const source = raw['identitySource'] ?? '$request.header.Authorization';
  const header = typeof source === 'string' ? /^\$request\.header\.([A-Za-z0-9-]+)$/.exec(source) : null;
  if (!header?.[1]) throw new ContractError('CONTRACT_ERR_AUTHORIZER', where, `identitySource ${String(source)}`);
  const fill = (value: string) => value.replaceAll('{jwt_issuer}', options.jwtIssuer).replaceAll('{jwt_audience}', options.jwtAudience);
  const { issuer, audience } = raw['jwtConfiguration'];
  if (typeof issuer !== 'string' || !Array.isArray(audience) || audience.length === 0 || !audience.every((a) => typeof a === 'string')) {
    throw new ContractError('CONTRACT_ERR_AUTHORIZER', where, 'issuer and a non-empty audience list are required');
  }
  return { name, identityHeader: header[1].toLowerCase(), issuer: fill(issuer), audience: audience.map(fill) };
}

function readSecurity(routeKey: string, raw: unknown, authorizers: Map<string, JwtAuthorizerSettings>): { authorized: boolean; scopes: string[] } {
  if (raw === undefined) return { authorized: false, scopes: [] };
  if (!Array.isArray(raw)) throw new ContractError('CONTRACT_ERR_SECURITY', routeKey, 'security must be a list');
  if (raw.length > 1) throw new ContractError('CONTRACT_ERR_SECURITY', routeKey, `${raw.length} requirements`);
  const requirement = raw[0];
  if (requirement === undefined) return { authorized: false, scopes: [] };
  if (!isObject(requirement)) throw new ContractError('CONTRACT_ERR_SECURITY', routeKey, 'requirement must be a mapping');
  const entries = Object.entries(requirement);
  if (entries.length === 0) return { authorized: false, scopes: [] };
  const [entry, ...more] = entries;
  if (!entry || more.length > 0) throw new ContractError('CONTRACT_ERR_SECURITY', routeKey, 'one scheme per requirement');
  const [scheme, scopes] = entry;
  if (!authorizers.has(scheme)) throw new ContractError('CONTRACT_ERR_SECURITY', routeKey, `${scheme} is not a JWT authorizer`);
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
    throw new ContractError('CONTRACT_ERR_SECURITY', routeKey, 'scopes must be a list of strings');
  }
  return { authorized: true, scopes };
}

function readLambda(routeKey: string, raw: unknown, defaultRuntime: unknown, options: ContractOptions): LambdaBinding {
  if (!isObject(raw)) throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', routeKey, 'x-lambda is missing');
  const { function: fn, handler, zip, memory, timeout } = raw;
  // One runtime for the document (`x-lambda-runtime`), which an operation may override.
  const runtime = raw['runtime'] ?? defaultRuntime;
  if (!isLambdaRuntime(runtime)) throw new ContractError('CONTRACT_ERR_RUNTIME', routeKey, String(runtime));
  if (typeof fn !== 'string' || typeof handler !== 'string' || typeof zip !== 'string') {
    throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', routeKey, 'function, handler and zip are required strings');
  }
  if (!ZIP_NAME.test(zip)) throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', routeKey, `zip ${zip}: a file name ending in .zip`);
  const functionName = fn.replaceAll('{stage}', options.stage);
  if (!FUNCTION_NAME.test(functionName)) throw new ContractError('CONTRACT_ERR_FUNCTION_NAME', routeKey, functionName);
  if (!Number.isInteger(memory) || (memory as number) < 128 || (memory as number) > 10240) {
    throw new ContractError('CONTRACT_ERR_MEMORY', routeKey, String(memory));
  }
  if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > 30) {
    throw new ContractError('CONTRACT_ERR_TIMEOUT', routeKey, String(timeout));
  }
  const match = HANDLER.exec(handler);
  if (!match?.[1] || !match[2] || match[1].split('/').includes('..')) {
    throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', routeKey, `handler ${handler}`);
  }
  const base = path.resolve(options.projectRoot, match[1]);
  const handlerFile = HANDLER_EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file));
  if (!handlerFile) throw new ContractError('CONTRACT_ERR_HANDLER_MISSING', routeKey, `${match[1]}.ts`);
  return {
    functionName, functionNameTemplate: fn, handler, handlerFile, handlerExport: match[2], zip,
    memorySize: memory as number, timeoutSeconds: timeout as number, runtime,
  };
}

function toFastifyPath(openapiPath: string): { fastifyPath: string; greedyParameter?: string } {
  if (!openapiPath.startsWith('/')) throw new ContractError('CONTRACT_ERR_PATH', openapiPath, 'must start with /');
  let greedyParameter: string | undefined;
  const segments = openapiPath.split('/').map((segment, index, all) => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(segment);
    if (!param) {
      if (/[{}]/.test(segment)) throw new ContractError('CONTRACT_ERR_PATH', openapiPath, `segment ${segment}`);
      return segment.replaceAll(':', '::');
    }
    if (param[2] === '+') {
      if (index !== all.length - 1) throw new ContractError('CONTRACT_ERR_PATH', openapiPath, 'a greedy parameter must be last');
      greedyParameter = param[1];
      return '*';
    }
    return `:${param[1]}`;
  });
  return { fastifyPath: segments.join('/'), ...(greedyParameter ? { greedyParameter } : {}) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
