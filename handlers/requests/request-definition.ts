// An operation's request, declared: zod schemas for its path, query and
// header parameters and its body (one `*-request.ts` module per operation,
// beside this file). The HTTP adapter checks an event against it
// (handlers/http/parse-request.ts) and hands the route one typed
// `{ path, query, headers, body }`.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { FormReading, MultipartForm, MultipartLimits } from './multipart-form.ts';

/** The parts of an HTTP API (payload 2.0) event a request is read from. */
export type RequestEvent = Partial<
  Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters' | 'headers' | 'body' | 'isBase64Encoded'>
>;

/** Parameters arrive as strings: repeats comma-joined, header names lower-cased. */
export type ParameterValues = Record<string, string | undefined>;
export type ParametersSchema = z.ZodType<object, ParameterValues>;

export interface BodyDefinition {
  /** A request without a body is a 400 at `body`; an optional JSON body that is absent is read as `{}`. */
  required: boolean;
  /** `application/json`, validated by this schema. */
  json: z.ZodType;
  /**
   * `multipart/form-data`, when the operation takes it: parsed within `limits`,
   * then read by `read`, which reports field errors at `body.<field>` as data.
   */
  multipart?: { limits: MultipartLimits; read: (form: MultipartForm) => FormReading<unknown> };
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
  ? z.output<B['json']> | (B extends { multipart: { read: (form: MultipartForm) => FormReading<infer Form> } } ? Form : never)
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
