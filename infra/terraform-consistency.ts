// Checks the Terraform in infra/ against what it deploys, without a terraform
// binary: every .tf file is parsed to JSON (@cdktf/hcl2json), and the module
// must take its routes, functions, permissions, table and bucket from the
// files the emulator and the build use (openapi.yaml, dist/manifest.json,
// infra/*.json) instead of writing any of them a second time, where they
// could drift. What Terraform cannot derive (alarm thresholds, the variables a
// stage sets, the environment the handlers read) is checked by value.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import type { ManifestFunction } from '../build/manifest.ts';

/** One parsed block: attributes as HCL gives them (expressions as `${…}` strings), nested blocks as arrays. */
// biome-ignore lint/suspicious/noExplicitAny: HCL's JSON form is untyped; the checks read it field by field
export type Block = Record<string, any>;

/** All .tf files of a module, merged: `resource.<type>.<name>`, `data.<type>.<name>`, `variable.<name>`, `output.<name>`, `locals`. */
export interface TerraformModule {
  resource: Record<string, Record<string, Block[]>>;
  data: Record<string, Record<string, Block[]>>;
  variable: Record<string, Block[]>;
  output: Record<string, Block[]>;
  /** Expressions as `${…}` strings; literal values as JSON. */
  locals: Record<string, unknown>;
}

/** Parses every .tf file of a directory; `edit` may change a file's text first (the drift tests). */
export async function readTerraformModule(
  directory: string,
  edit: (file: string, text: string) => string = (_file, text) => text,
): Promise<TerraformModule> {
  const module: TerraformModule = { resource: {}, data: {}, variable: {}, output: {}, locals: {} };
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.tf'))
    .sort()) {
    const parsed = (await parse(file, edit(file, readFileSync(path.join(directory, file), 'utf8')))) as Block;
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries((parsed[kind] ?? {}) as Record<string, Record<string, Block[]>>)) {
        module[kind][type] = { ...module[kind][type], ...byName };
      }
    }
    Object.assign(module.variable, parsed['variable'] ?? {});
    Object.assign(module.output, parsed['output'] ?? {});
    for (const locals of (parsed['locals'] ?? []) as Block[]) Object.assign(module.locals, locals);
  }
  return module;
}

/** What the module is checked against. */
export interface DeployedSources {
  /** The contract's routes (`POST /disputes`) and the function each is bound to, `{stage}` unfilled (build/contract-functions.ts). */
  routes: ReadonlyArray<{ route: string; functionName: string }>;
  manifest: { functions: ManifestFunction[] };
  /** infra/api-cors.json. */
  apiCors: { allowMethods: string[]; allowHeaders: string[] };
  /** The settings handlers/function-environment.ts reads. */
  environmentNames: readonly string[];
}

/** The seed's alarms: what each one measures and its threshold. */
export const SEED_ALARMS = {
  functionErrorsPercent: 1,
  functionDurationMs: 5000,
  api4xxPercent: 5,
  api5xxPercent: 1,
  tableThrottledEvents: 0,
} as const;
export const STAGE_VARIABLES = [
  'stage',
  'region',
  'jwt_issuer',
  'jwt_audience',
  'disputes_enabled',
  'log_retention_days',
  'alarm_topic_arn',
  'lambda_architecture',
  'cursor_secret_parameter',
] as const;
export const MODULE_OUTPUTS = ['api_url', 'function_names', 'table_name', 'bucket_name'] as const;

const one = (blocks: Block[] | undefined): Block | undefined => blocks?.[0];

/** Every string anywhere inside a value (attributes, nested blocks). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Everything wrong with the module, as sentences; empty when it is consistent. */
export function terraformProblems(module: TerraformModule, sources: DeployedSources): string[] {
  const problems: string[] = [];
  const expect = (condition: boolean, problem: string) => {
    if (!condition) problems.push(problem);
  };
  // A local's expression, as text ('' when it is a literal value or absent).
  const local = (name: string): string => {
    const value = module.locals[name];
    return typeof value === 'string' ? value : '';
  };

  // Sources: every deployed thing is read from the files the emulator and the build use.
  for (const [name, file] of [
    ['contract', 'openapi.yaml'],
    ['manifest', 'dist/manifest.json'],
    ['table', 'infra/table.json'],
    ['bucket', 'infra/evidence-bucket.json'],
    ['api_cors', 'infra/api-cors.json'],
  ] as const) {
    expect(local(name).includes(`file("\${local.root}/${file}")`), `local.${name} is not read from ${file}`);
  }
  expect(
    /for fn in local\.manifest\.functions : fn\.function =>/.test(local('functions')),
    'local.functions is not the manifest keyed by function name',
  );
  for (const field of ['handler', 'zip', 'runtime', 'memory', 'timeout', 'environment', 'actions', 'route', 'trigger']) {
    const carried = new RegExp(`\\b${field}\\s*=\\s*(tolist\\(|try\\()?fn\\.${field}\\b`);
    expect(carried.test(local('functions')), `local.functions does not carry the manifest's ${field}`);
  }

  // Routes: imported from the contract with an integration per operation, never written as resources.
  for (const type of ['aws_apigatewayv2_route', 'aws_apigatewayv2_integration']) {
    for (const name of Object.keys(module.resource[type] ?? {})) {
      problems.push(`${type}.${name} writes a route a second time; the API's routes come from openapi.yaml`);
    }
  }
  const api = one(module.resource['aws_apigatewayv2_api']?.['api']);
  expect(api?.['body'] === '${jsonencode(local.api_body)}', 'the HTTP API is not imported from local.api_body');
  const cors = one(api?.['cors_configuration']);
  for (const [attribute, field] of [
    ['allow_origins', 'allowOrigins'],
    ['allow_methods', 'allowMethods'],
    ['allow_headers', 'allowHeaders'],
  ] as const) {
    expect(cors?.[attribute] === `\${local.api_cors.${field}}`, `the HTTP API's CORS ${attribute} is not infra/api-cors.json's ${field}`);
  }
  expect(
    /jwtConfiguration = \{ issuer = var\.jwt_issuer, audience = var\.jwt_audience \}/.test(local('api_body')),
    "the JWT authorizer does not get the stage's issuer and audiences",
  );
  expect(
    /merge\(local\.contract, \{\s*paths = local\.api_paths/.test(local('api_body')),
    'local.api_body is not the contract with local.api_paths',
  );
  expect(
    /for path, item in local\.contract\.paths/.test(local('api_paths')) &&
      /uri\s*=\s*aws_lambda_function\.function\[operation\["x-lambda"\]\.function\]\.invoke_arn/.test(local('api_paths')),
    'local.api_paths does not integrate every contract operation with the function its x-lambda names',
  );
  const manifestByRoute = new Map(sources.manifest.functions.flatMap((fn) => (fn.route ? [[fn.route, fn] as const] : [])));
  for (const { route, functionName } of sources.routes) {
    const packaged = manifestByRoute.get(route);
    if (!packaged) problems.push(`contract route ${route} has no function in the manifest (run npm run package)`);
    else if (packaged.function !== functionName) {
      problems.push(`contract route ${route} is bound to ${functionName}, the manifest to ${packaged.function}`);
    }
  }
  const contractRoutes = new Set(sources.routes.map(({ route }) => route));
  for (const route of manifestByRoute.keys()) {
    if (!contractRoutes.has(route)) problems.push(`manifest route ${route} is not in the contract`);
  }

  // Functions: one per manifest entry, with the manifest's settings and exactly the handlers' environment.
  const fn = one(module.resource['aws_lambda_function']?.['function']);
  expect(fn?.['for_each'] === '${local.functions}', 'aws_lambda_function.function is not one per manifest function');
  for (const [attribute, field] of [
    ['function_name', 'each.key'],
    ['runtime', 'each.value.runtime'],
    ['handler', 'each.value.handler'],
    ['memory_size', 'each.value.memory'],
    ['timeout', 'each.value.timeout'],
  ] as const) {
    expect(fn?.[attribute] === `\${${field}}`, `aws_lambda_function.function.${attribute} is not the manifest's ${field}`);
  }
  const variables = String(one(fn?.['environment'])?.['variables'] ?? '');
  expect(variables.startsWith('${merge(each.value.environment, {'), "the functions' environment does not start from the manifest's");
  const environmentNames = [...variables.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=/gm)].map((match) => match[1]).sort();
  const handlersRead = [...sources.environmentNames].sort();
  expect(
    JSON.stringify(environmentNames) === JSON.stringify(handlersRead),
    `the functions get ${environmentNames.join(', ')}; the handlers read ${handlersRead.join(', ')}`,
  );
  for (const kind of ['aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy'] as const) {
    expect(one(module.resource[kind]?.['function'])?.['for_each'] === '${local.functions}', `${kind}.function is not one per function`);
  }
  expect(
    one(module.resource['aws_lambda_permission']?.['api'])?.['for_each'] === '${local.routed}',
    'the API may not invoke each routed function',
  );

  // IAM: each role's actions are its manifest entry's, never written by hand, never a wildcard.
  expect(
    local('s3_bucket_actions').includes('for action in fn.actions : action if action == "s3:ListBucket"'),
    "local.s3_bucket_actions is not the manifest's s3:ListBucket",
  );
  for (const service of ['dynamodb', 's3']) {
    expect(
      local(`${service}_actions`).includes(`for action in fn.actions : action if startswith(action, "${service}:")`),
      `local.${service}_actions is not the manifest's ${service} actions`,
    );
  }
  const statementsOf = (document: Block | undefined): Block[] => [
    ...(document?.['statement'] ?? []),
    ...(document?.['dynamic']?.['statement'] ?? []).flatMap((dynamic: Block) => dynamic['content'] ?? []),
  ];
  for (const statement of statementsOf(one(module.data['aws_iam_policy_document']?.['function']))) {
    const actions = statement['actions'];
    if (Array.isArray(actions)) {
      const written = actions.filter((action: string) => action.startsWith('dynamodb:') || action.startsWith('s3:'));
      if (written.length > 0) problems.push(`the function policy lists ${written.join(', ')} by hand; its actions come from the manifest`);
    } else {
      expect(actions === '${statement.value}', `a function policy statement's actions are ${String(actions)}`);
    }
  }
  for (const [name, documents] of Object.entries(module.data['aws_iam_policy_document'] ?? {})) {
    for (const statement of statementsOf(one(documents))) {
      for (const action of strings(statement['actions'])) {
        if (action === '*' || action.endsWith(':*')) problems.push(`an IAM action is a wildcard: ${action} (in ${name})`);
      }
    }
  }
  const services = new Set(sources.manifest.functions.flatMap((entry) => entry.actions.map((action) => action.split(':')[0])));
  for (const service of services) {
    expect(service === 'dynamodb' || service === 's3', `the manifest lists ${service} actions, which no policy statement grants`);
  }

  // Table and bucket: from their JSON definitions, no key or rule written here.
  const table = one(module.resource['aws_dynamodb_table']?.['table']);
  expect(
    table?.['hash_key'] === '${local.key_of["HASH"]}' && table?.['range_key'] === '${local.key_of["RANGE"]}',
    "the table's keys are not infra/table.json's",
  );
  expect(local('key_of').includes('local.table.KeySchema'), "local.key_of is not read from the table's KeySchema");
  for (const [block, source] of [
    ['attribute', 'local.table.AttributeDefinitions'],
    ['global_secondary_index', 'local.table.GlobalSecondaryIndexes'],
  ] as const) {
    expect(table?.['dynamic']?.[block]?.[0]?.['for_each'] === `\${${source}}`, `the table's ${block} blocks are not ${source}`);
  }
  expect(
    one(table?.['ttl'])?.['attribute_name'] === '${local.table.TimeToLiveAttribute}',
    "the table's TTL attribute is not infra/table.json's",
  );
  expect(one(table?.['point_in_time_recovery'])?.['enabled'] === true, 'the table has no point-in-time recovery');
  const publicAccess = one(module.resource['aws_s3_bucket_public_access_block']?.['evidence']);
  expect(
    ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every(
      (name) => publicAccess?.[name] === true,
    ),
    'the evidence bucket does not block all public access',
  );
  expect(
    module.resource['aws_s3_bucket_server_side_encryption_configuration']?.['evidence'] !== undefined,
    'the evidence bucket is not encrypted',
  );
  const notification = one(module.resource['aws_s3_bucket_notification']?.['evidence']);
  expect(
    notification?.['dynamic']?.['lambda_function']?.[0]?.['for_each'] === '${local.notified}',
    "the bucket's notifications are not the manifest's triggers",
  );

  // CORS: the API's allows what the contract's operations send.
  for (const method of new Set(sources.routes.map(({ route }) => route.split(' ')[0] ?? ''))) {
    expect(sources.apiCors.allowMethods.includes(method), `infra/api-cors.json does not allow ${method}`);
  }

  // Alarms: the seed's, with its thresholds, all notifying the alarm topic.
  const alarms = module.resource['aws_cloudwatch_metric_alarm'] ?? {};
  const alarm = (name: string) => one(alarms[name]);
  expect(alarm('function_errors')?.['threshold'] === SEED_ALARMS.functionErrorsPercent, 'no alarm on Lambda errors over 1% of invocations');
  expect(
    strings(alarm('function_errors')?.['metric_query']).some((text) => text.includes('100 * errors / invocations')),
    'the Lambda errors alarm is not a rate of invocations',
  );
  expect(alarm('function_duration')?.['threshold'] === SEED_ALARMS.functionDurationMs, 'no alarm on Lambda duration over 5 s');
  const apiRates = module.locals['api_rate_alarms'] as Record<string, { metric?: string; threshold?: number }> | undefined;
  expect(
    apiRates?.['4xx']?.threshold === SEED_ALARMS.api4xxPercent && apiRates?.['5xx']?.threshold === SEED_ALARMS.api5xxPercent,
    'no alarms on API 4xx over 5% and 5xx over 1% of requests',
  );
  expect(alarm('api_errors')?.['for_each'] === '${local.api_rate_alarms}', 'the API alarms are not local.api_rate_alarms');
  expect(alarm('table_throttling')?.['threshold'] === SEED_ALARMS.tableThrottledEvents, 'no alarm on DynamoDB throttling');
  for (const [name, blocks] of Object.entries(alarms)) {
    expect(
      JSON.stringify(one(blocks)?.['alarm_actions']) === '["${var.alarm_topic_arn}"]',
      `alarm ${name} does not notify var.alarm_topic_arn`,
    );
  }

  // What a stage sets, and what it gets back.
  for (const name of STAGE_VARIABLES) expect(module.variable[name] !== undefined, `variable ${name} is missing`);
  for (const name of MODULE_OUTPUTS) expect(module.output[name] !== undefined, `output ${name} is missing`);
  return problems;
}
