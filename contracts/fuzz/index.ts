// Schema-driven fuzzing of the contract: valid and invalid requests for every
// operation of openapi.yaml, as fast-check arbitraries. No HTTP here; a spec
// sends them (request-wire.ts builds the URL, headers and body text).
export { type ContractDocument, loadContractDocument } from './contract-document.ts';
export { isDocumentedClientError, isDocumentedStatus } from './documented-statuses.ts';
export { tamperCursor, notACursor } from './cursor-tampering.ts';
export { INVALID_CATEGORIES, type InvalidCategory } from './invalid-categories.ts';
export { type InvalidCase, type InvalidRequest, type Invalidity, invalidRequestCases, invalidRequests } from './invalid-requests.ts';
export { type FuzzOperation, fuzzOperations, findOperation } from './operations.ts';
export { fuzzParameters, type ReplaySettings } from './replay.ts';
export { type FuzzRequest, type ParameterValues, type RequestOptions, validRequests } from './request-arbitrary.ts';
export { checkRequest, type RequestProblems } from './request-check.ts';
export { requestData, requestHeaders, requestLineAndHeaders, requestUrl } from './request-wire.ts';
export { schemaArbitrary } from './schema-arbitrary.ts';
export { createSchemaCheck } from './schema-check.ts';
export { UnsupportedSchemaError } from './unsupported-schema-error.ts';
