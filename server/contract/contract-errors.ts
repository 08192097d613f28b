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
  CONTRACT_ERR_TIMEOUT: 'x-lambda.timeout must be an integer from 1 to 30 (s): the HTTP API integration timeout is 30 s',
  CONTRACT_ERR_RUNTIME: 'x-lambda-runtime (or x-lambda.runtime) must name a supported Node.js Lambda runtime',
  CONTRACT_ERR_HANDLER_MISSING: 'The handler module named by x-lambda.handler does not exist',
  CONTRACT_ERR_PATH: 'The path template is not one API Gateway accepts',
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
