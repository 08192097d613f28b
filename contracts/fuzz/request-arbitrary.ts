// Valid requests for one operation: every parameter and the JSON body drawn
// from the contract's schemas. Valid means valid per the contract; whether the
// server then answers 2xx also depends on state (a random dispute id is a
// 404), which is why a caller can fix any parameter. Multipart bodies
// (addEvidence's file upload) are not generated: build them in the caller.
import fc from 'fast-check';
import { HEADER_CHARACTER, isHeaderValue, untrimmable } from './header-values.ts';
import type { FuzzOperation, OperationParameter } from './operations.ts';
import { encodeParameter } from './parameter-encoding.ts';
import { nodeArbitrary, type ValueOptions } from './schema-arbitrary.ts';

export type RequestBody = { json: unknown } | { text: string };

export interface FuzzRequest {
  operationId: string;
  /** Upper case, e.g. `PATCH`. */
  method: string;
  /** The contract's template, e.g. `/disputes/{id}/status`; requestUrl() fills it in. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** Header parameters, names in lower case; the content type is apart. */
  headers: Record<string, string>;
  /** A JSON value, or raw text (a malformed body); absent when no body is sent. */
  body?: RequestBody;
  /** The Content-Type to send with the body; absent sends none. */
  contentType?: string;
}

/** Values for parameters, by field (`path.id`, `query.cursor`, `header.if-match`); undefined leaves one out. */
export type ParameterValues = Record<string, fc.Arbitrary<string | undefined>>;

export interface RequestOptions {
  /**
   * Replaces the generated values of these parameters: real dispute ids, a
   * cursor the server issued. Fields the operation does not have are ignored,
   * so one map can serve every operation. Generated Idempotency-Keys repeat
   * from one request to the next (fast-check favours small values, even in
   * fc.uuid()), and a key reused for another request is a 422: a spec that
   * expects success leaves the key out (`fc.constant(undefined)`).
   */
  parameters?: ParameterValues;
}

/**
 * A cursor is valid only as the server issued it (the Cursor parameter's
 * description): any other string is a 400. Valid requests leave it out unless
 * the caller passes one.
 */
export const SERVER_ISSUED: ParameterValues = { 'query.cursor': fc.constant(undefined) };

export const JSON_CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];

export function validRequests(operation: FuzzOperation, options: RequestOptions = {}): fc.Arbitrary<FuzzRequest> {
  const parts = validParts(operation, options);
  return fc.record({ values: fc.record(parts.values), body: parts.body }).map(({ values, body }) => ({
    ...assembleRequest(operation, values),
    ...body,
  }));
}

/** The arbitraries a valid request is made of: each parameter's value by field, and the body with its content type. */
export function validParts(
  operation: FuzzOperation,
  options: RequestOptions = {},
): { values: ParameterValues; body: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>> } {
  const given = { ...SERVER_ISSUED, ...options.parameters };
  const values: ParameterValues = {};
  for (const parameter of operation.parameters) values[parameter.field] = given[parameter.field] ?? parameterArbitrary(parameter);
  return { values, body: bodyArbitrary(operation) };
}

/** A parameter's valid wire values; an optional one is left out about half the time. */
export function parameterArbitrary(parameter: OperationParameter): fc.Arbitrary<string | undefined> {
  const value = parameterValue(parameter);
  return parameter.required ? value : fc.option(value, { nil: undefined, freq: 2 });
}

/**
 * Always a value, for a required parameter or one an invalid request needs
 * present. Query strings keep to printable ASCII, at most three bytes each
 * once percent-encoded, so that a long one still fits in a request line.
 */
export function parameterValue(parameter: OperationParameter): fc.Arbitrary<string> {
  if (parameter.in !== 'header') {
    const options: ValueOptions = parameter.in === 'query' ? { stringUnit: 'grapheme-ascii' } : {};
    return nodeArbitrary(parameter.node, options).map((value) => encodeParameter(value as string | number | boolean));
  }
  return nodeArbitrary(parameter.node, { stringUnit: HEADER_CHARACTER })
    .map((value) => untrimmable(encodeParameter(value as string | number | boolean)))
    .filter(isHeaderValue);
}

/** A valid JSON body with a JSON content type; absent some of the time when the body is optional. */
function bodyArbitrary(operation: FuzzOperation): fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>> {
  const { body } = operation;
  if (!body) return fc.constant({});
  if (!body.json) {
    if (body.required) throw new Error(`${operation.operationId} takes only ${body.mediaTypes.join(', ')}: build its body in the caller`);
    return fc.constant({});
  }
  const sent = jsonBody(operation);
  return body.required ? sent : fc.option(sent, { nil: {}, freq: 3 });
}

/** Always a valid JSON body, for operations that take one. */
export function jsonBody(operation: FuzzOperation): fc.Arbitrary<{ body: RequestBody; contentType: string }> {
  const json = operation.body?.json;
  if (!json) throw new Error(`${operation.operationId} takes no JSON body`);
  return fc
    .record({ json: nodeArbitrary(json.node), contentType: fc.constantFrom(...JSON_CONTENT_TYPES) })
    .map(({ json: value, contentType }) => ({
      body: { json: value },
      contentType,
    }));
}

/** A request with these parameter values (by field) and no body. */
export function assembleRequest(operation: FuzzOperation, values: Record<string, string | undefined>): FuzzRequest {
  const request: FuzzRequest = {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    pathParams: {},
    query: {},
    headers: {},
  };
  for (const parameter of operation.parameters) {
    const value = values[parameter.field];
    if (value === undefined) continue;
    const part = parameter.in === 'path' ? request.pathParams : parameter.in === 'query' ? request.query : request.headers;
    part[parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name] = value;
  }
  return request;
}
