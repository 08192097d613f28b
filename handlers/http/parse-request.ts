// A request is validated as one thing. An operation's definition
// (handlers/requests/, one `*-request.ts` module per operation) declares zod
// schemas for its path, query and header parameters and its body;
// `parseRequest` checks an HTTP API event against all of them at once and
// returns one typed `{ path, query, headers, body }`.
//
// Every failing field of every part is reported in ONE 400 validation problem,
// each under its own root: the `in` of the OpenAPI parameter, or `body`
// (`path.id`, `query.limit`, `header.if-match`, `body.amount_disputed`).
// A body that cannot be read at all (415 not an accepted media type, 413 too
// large, 400 malformed_json) is its own problem, answered once the parameters
// are valid, as they are checked first.
import { HttpProblem, UsePresignedUploadProblem, ValidationProblem, type FieldError } from '../problems/problem.ts';
import { fieldErrors } from '../requests/field-errors.ts';
import type { FormReading } from '../requests/multipart-form.ts';
import type {
  BodyDefinition,
  ParameterValues,
  ParametersSchema,
  ParsedRequest,
  RequestDefinition,
  RequestEvent,
} from '../requests/request-definition.ts';
import { isMultipartForm, parseMultipartBody } from './multipart-body.ts';
import { readJsonBody } from './request-body.ts';

/** The validated request, or a thrown HttpProblem: one 400 naming every bad field, or the body's own problem. */
export async function parseRequest<D extends RequestDefinition>(event: RequestEvent, definition: D): Promise<ParsedRequest<D>> {
  const errors: FieldError[] = [];
  const parameters = (schema: ParametersSchema | undefined, values: ParameterValues | undefined, root: string): unknown => {
    if (!schema) return {};
    const result = schema.safeParse(values ?? {});
    if (result.success) return result.data;
    errors.push(...fieldErrors(root, result.error.issues, parameterNames(schema), definition.hints));
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

/** The names a parameters schema takes; a schema with a transform is a pipe, named by what it reads. */
function parameterNames(schema: ParametersSchema): string[] {
  const read: object = 'in' in schema && typeof schema.in === 'object' && schema.in ? schema.in : schema;
  return 'shape' in read && typeof read.shape === 'object' && read.shape ? Object.keys(read.shape) : [];
}

async function readBody(event: RequestEvent, definition: BodyDefinition, hints: RequestDefinition['hints']): Promise<unknown> {
  if (definition.multipart && isMultipartForm(event)) {
    return valueOrProblem(definition.multipart.read(await parseMultipartBody(event, definition.multipart.limits)));
  }
  let value = readJsonBody(event, definition.multipart ? ['multipart/form-data'] : []);
  if (value === undefined) {
    if (definition.required) throw ValidationProblem.at('body', 'A JSON body is required');
    value = {};
  }
  const result = definition.json.safeParse(value);
  if (!result.success) throw new ValidationProblem(fieldErrors('body', result.error.issues, [], hints));
  return result.data;
}

/** A form reader's answer: its value, or the problem it stands for. */
export function valueOrProblem<T>(reading: FormReading<T>): T {
  if (reading.ok) return reading.value;
  if ('errors' in reading) throw new ValidationProblem(reading.errors);
  throw new UsePresignedUploadProblem(reading.fileTooLarge);
}
