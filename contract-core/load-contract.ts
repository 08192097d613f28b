// Reads openapi.yaml once into the route table the emulator serves, and the
// S3 notifications it delivers. A contract that API Gateway or S3 would
// refuse, or that Lambda could not run, stops here with a coded
// ContractError instead of misbehaving at request time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ContractError } from './contract-errors.ts';
import { readLambdaBinding, type LambdaBinding } from './lambda-binding.ts';
import { readS3Notifications, type S3Notification } from './s3-notifications.ts';
import { readLambdaEnvironment, type EnvironmentVariable } from './lambda-environment.ts';

export type { LambdaBinding } from './lambda-binding.ts';
export type { S3Notification } from './s3-notifications.ts';
export type { EnvironmentVariable, EnvironmentSource } from './lambda-environment.ts';

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
  /** `info.title`: how people call the API (banner, docs, console). */
  title: string;
  routes: Route[];
  authorizer: JwtAuthorizerSettings | null;
  /** Functions the module's bucket invokes asynchronously on ObjectCreated (`x-lambda-s3-notifications`). */
  notifications: S3Notification[];
  /** The settings every function gets (`x-lambda-environment`). */
  environment: EnvironmentVariable[];
}

export interface ContractOptions {
  /** Directory that `x-lambda.handler` paths are relative to. */
  projectRoot: string;
  stage: string;
  jwtIssuer: string;
  jwtAudience: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
/** The HTTP API's integration timeout bounds the functions behind it. */
const ROUTE_MAX_TIMEOUT_SECONDS = 30;

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

  const schemes =
    isObject(document['components']) && isObject(document['components']['securitySchemes'])
      ? document['components']['securitySchemes']
      : {};
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
  // One function, one zip, whatever invokes it.
  const claim = (where: string, lambda: LambdaBinding): void => {
    if (functionNames.has(lambda.functionName))
      throw new ContractError('CONTRACT_ERR_FUNCTION_NAME', where, `${lambda.functionName} is bound twice`);
    functionNames.add(lambda.functionName);
    if (zips.has(lambda.zip)) throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', where, `${lambda.zip} is bound twice`);
    zips.add(lambda.zip);
  };
  const bindingSettings = { projectRoot: options.projectRoot, stage: options.stage, defaultRuntime: document['x-lambda-runtime'] };
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
      const lambda = readLambdaBinding(routeKey, operation['x-lambda'], {
        ...bindingSettings,
        maxTimeoutSeconds: ROUTE_MAX_TIMEOUT_SECONDS,
      });
      claim(routeKey, lambda);
      routes.push({
        routeKey,
        method: method.toUpperCase(),
        openapiPath,
        fastifyPath,
        ...(greedyParameter ? { greedyParameter } : {}),
        operationId,
        ...security,
        lambda,
      });
    }
  }
  if (routes.length === 0) throw new ContractError('CONTRACT_ERR_NO_ROUTES', 'paths');
  const notifications = readS3Notifications(document['x-lambda-s3-notifications'], bindingSettings);
  for (const [index, notification] of notifications.entries()) claim(`x-lambda-s3-notifications[${index}]`, notification.lambda);
  const used = routes.find((route) => route.authorized);
  const environment = readLambdaEnvironment(document['x-lambda-environment'], path.resolve(options.projectRoot));
  const info = isObject(document['info']) ? document['info'] : {};
  const title =
    typeof info['title'] === 'string' && info['title'] !== '' ? info['title'] : path.basename(path.resolve(options.projectRoot));
  return { title, routes, authorizer: used ? ([...authorizers.values()][0] ?? null) : null, notifications, environment };
}

/** Every function the contract binds: the routes' then the notifications', each once. */
export function boundFunctions(contract: Pick<Contract, 'routes' | 'notifications'>): LambdaBinding[] {
  return [...contract.routes.map((route) => route.lambda), ...contract.notifications.map((notification) => notification.lambda)];
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

function readSecurity(
  routeKey: string,
  raw: unknown,
  authorizers: Map<string, JwtAuthorizerSettings>,
): { authorized: boolean; scopes: string[] } {
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
