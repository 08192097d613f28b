// A request is validated as one thing. An operation's definition (one
// `*-request.ts` module per operation, beside this file) declares zod schemas
// for its path, query and header parameters and its body; `parseRequest`
// checks an HTTP API event against all of them at once and returns one typed
// `{ path, query, headers, body }`.
//
// Every failing field of every part is reported in ONE 400 validation problem,
// each under its own root: the `in` of the OpenAPI parameter, or `body`
// (`path.id`, `query.limit`, `header.if-match`, `body.amount_disputed`).
// A body that cannot be read at all (415 not an accepted media type, 413 too
// large, 400 malformed_json) is its own problem, answered once the parameters
// are valid, as they are checked first.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { fieldErrors } from '../http/field-errors.ts';
import { isMultipartForm } from '../http/multipart-body.ts';
import { HttpProblem, ValidationProblem, type FieldError } from '../problems/problem.ts';
import { readJsonBody } from '../http/request-body.ts';

/** The parts of an HTTP API (payload 2.0) event a request is read from. */
export type RequestEvent = Partial<
  Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters' | 'headers' | 'body' | 'isBase64Encoded'>
>;

/** Parameters arrive as strings: repeats comma-joined, header names lower-cased. */
type ParameterValues = Record<string, string | undefined>;
type ParametersSchema = z.ZodType<object, ParameterValues>;

export interface BodyDefinition {
  /** A request without a body is a 400 at `body`; an optional JSON body that is absent is read as `{}`. */
  required: boolean;
  /** `application/json`, validated by this schema. */
  json: z.ZodType;
  /**
   * `multipart/form-data`, when the operation takes it: read by this function,
   * which reports field errors as a ValidationProblem at `body.<field>`.
   */
  multipart?: (event: RequestEvent) => Promise<unknown>;
}

export interface RequestDefinition {
  path?: ParametersSchema;
  query?: ParametersSchema;
  /** Keys are lower-case header names, as HTTP API delivers them. */
  headers?: ParametersSchema;
  body?: BodyDefinition;
  /** What to send instead of a name clients are known to send here (app-field-hints.ts), by field path. */
  hints?: Readonly<Record<string, string>>;
}

type Nothing = Record<never, never>;
type ParametersOf<S> = S extends z.ZodType ? z.output<S> : Nothing;
type BodyOf<B> = B extends BodyDefinition
  ? z.output<B['json']> | (B extends { multipart: (event: RequestEvent) => Promise<infer Form> } ? Form : never)
  : undefined;

/** What `parseRequest` returns for a definition: each part as its schema outputs it. */
export interface ParsedRequest<D extends RequestDefinition> {
  path: ParametersOf<D['path']>;
  query: ParametersOf<D['query']>;
  headers: ParametersOf<D['headers']>;
  body: BodyOf<D['body']>;
}

/** Declares an operation's request, keeping its literal types (e.g. `required: true`) for the drift guard. */
export function defineRequest<const D extends RequestDefinition>(definition: D): D {
  return definition;
}

/** The validated request, or a thrown HttpProblem: one 400 naming every bad field, or the body's own problem. */
export async function parseRequest<D extends RequestDefinition>(event: RequestEvent, definition: D): Promise<ParsedRequest<D>> {
  const errors: FieldError[] = [];
  const parameters = (schema: ParametersSchema | undefined, values: ParameterValues | undefined, root: string): unknown => {
    if (!schema) return {};
    const result = schema.safeParse(values ?? {});
    if (result.success) return result.data;
    const known = 'shape' in schema && typeof schema.shape === 'object' && schema.shape ? Object.keys(schema.shape) : [];
    errors.push(...fieldErrors(root, result.error.issues, known, definition.hints));
    return undefined;
  };
  const path = parameters(definition.path, event.pathParameters, 'path');
  const query = parameters(definition.query, event.queryStringParameters, 'query');
  const headers = parameters(definition.headers, event.headers, 'header');

  let body: unknown;
  if (definition.body) {
    try {
      body = await readBody(event, definition.body, definition.hints);
    } catch (error) {
      if (error instanceof ValidationProblem) errors.push(...error.errors);
      else if (!(error instanceof HttpProblem) || errors.length === 0) throw error;
    }
  }
  if (errors.length > 0) throw new ValidationProblem(errors);
  return { path, query, headers, body } as ParsedRequest<D>;
}

async function readBody(event: RequestEvent, definition: BodyDefinition, hints: RequestDefinition['hints']): Promise<unknown> {
  if (definition.multipart && isMultipartForm(event)) return definition.multipart(event);
  let value = readJsonBody(event, definition.multipart ? ['multipart/form-data'] : []);
  if (value === undefined) {
    if (definition.required) throw ValidationProblem.at('body', 'A JSON body is required');
    value = {};
  }
  const result = definition.json.safeParse(value);
  if (!result.success) throw new ValidationProblem(fieldErrors('body', result.error.issues, [], hints));
  return result.data;
}
