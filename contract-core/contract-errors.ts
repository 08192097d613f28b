// Why a contract cannot be served: what API Gateway would refuse on import, or
// what Lambda could not run. One registry, so tests and docs agree on codes.

export const CONTRACT_ERRORS = {
  CONTRACT_ERR_UNREADABLE: 'The contract file cannot be read or is not YAML',
  CONTRACT_ERR_OPENAPI_VERSION: 'HTTP APIs import OpenAPI 3.0.x only',
  CONTRACT_ERR_NO_ROUTES: 'The contract defines no operations',
  CONTRACT_ERR_SECURITY: 'An operation may carry at most one security requirement, naming a JWT authorizer',
  CONTRACT_ERR_AUTHORIZER: 'The JWT authorizer (x-amazon-apigateway-authorizer) is missing or invalid',
  CONTRACT_ERR_OPERATION_ID: 'Every operation needs a unique operationId',
  CONTRACT_ERR_LAMBDA_BINDING: 'x-lambda is missing or invalid',
  CONTRACT_ERR_FUNCTION_NAME: 'Function names must be valid and unique',
  CONTRACT_ERR_MEMORY: 'x-lambda.memory must be an integer from 128 to 10240 (MB)',
  CONTRACT_ERR_TIMEOUT:
    'A function timeout must be an integer number of seconds: 1 to 30 behind the HTTP API (its integration timeout is 30 s), 1 to 900 for an S3 notification',
  CONTRACT_ERR_RUNTIME: 'x-lambda-runtime (or x-lambda.runtime) must name a supported Node.js Lambda runtime',
  CONTRACT_ERR_HANDLER_MISSING: 'The handler module named by x-lambda.handler does not exist',
  CONTRACT_ERR_PATH: 'The path template is not one API Gateway accepts',
  CONTRACT_ERR_S3_NOTIFICATION:
    'x-lambda-s3-notifications must be a list of function bindings with events and optional filter_prefix, filter_suffix and id, none overlapping another',
  CONTRACT_ERR_ENVIRONMENT:
    'x-lambda-environment maps variable names to one of {table: file}, {bucket: file} (a definition file in the module), {secret: name} or {value: text}',
  CONTRACT_ERR_MODULE:
    'Two modules served together claim the same route, function, zip, table or bucket, or a module folder has no contract',
  CONTRACT_ERR_S3_EVENT:
    'An S3 notification names an event the bucket does not emit: use s3:ObjectCreated:* or s3:ObjectCreated:Put, :Post, :Copy or :CompleteMultipartUpload',
} as const;

export type ContractErrorCode = keyof typeof CONTRACT_ERRORS;

export class ContractError extends Error {
  readonly code: ContractErrorCode;

  constructor(code: ContractErrorCode, where: string, detail?: string) {
    super(`${code}: ${CONTRACT_ERRORS[code]} (${where}${detail ? `: ${detail}` : ''})`);
    this.name = 'ContractError';
    this.code = code;
  }
}
