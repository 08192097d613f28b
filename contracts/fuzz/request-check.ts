// What the contract finds wrong with a request, field by field, in the
// server's FieldError terms (`path.id`, `header.if-match`, `body.reason`).
// The unit tests use it to prove that valid requests are valid and that each
// invalid request breaks the field it names and nothing else; a caller can use
// it to tell a contract violation from a refusal that depends on state.
import type { FuzzOperation } from './operations.ts';
import { isJson, mediaTypeOf } from './media-type.ts';
import { decodeParameter } from './parameter-encoding.ts';
import type { FuzzRequest } from './request-arbitrary.ts';
import type { SchemaCheck } from './schema-check.ts';

export type RequestProblems = Record<string, string[]>;

export function checkRequest(operation: FuzzOperation, request: FuzzRequest, check: SchemaCheck): RequestProblems {
  const problems: RequestProblems = {};
  const add = (field: string, message: string) => {
    problems[field] = [...(problems[field] ?? []), message];
  };
  const sent = { path: request.pathParams, query: request.query, header: request.headers };
  const declared = new Set<string>();
  for (const parameter of operation.parameters) {
    const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
    declared.add(parameter.field);
    const wire = Object.hasOwn(sent[parameter.in], name) ? sent[parameter.in][name] : undefined;
    if (wire === undefined) {
      if (parameter.required) add(parameter.field, 'required');
      continue;
    }
    for (const problem of check(parameter.schema, decodeParameter(wire, parameter.node))) add(parameter.field, problem.message);
  }
  for (const [location, values] of Object.entries(sent)) {
    for (const name of Object.keys(values))
      if (!declared.has(`${location}.${name}`)) add(`${location}.${name}`, 'not a parameter of the operation');
  }
  for (const [field, message] of bodyProblems(operation, request, check)) add(field, message);
  return problems;
}

function bodyProblems(operation: FuzzOperation, request: FuzzRequest, check: SchemaCheck): [field: string, message: string][] {
  const spec = operation.body;
  if (!request.body) return spec?.required ? [['body', 'required']] : [];
  if (!spec) return [['body', 'the operation takes no body']];
  const mediaType = mediaTypeOf(request.contentType);
  if (!spec.mediaTypes.includes(mediaType)) return [['body', `content type ${mediaType || '(none)'} is not declared`]];
  if (mediaType !== 'application/json' || !spec.json) return [['body', `${mediaType} bodies are not checked here`]];
  if ('text' in request.body && !isJson(request.body.text)) return [['body', 'not JSON']];
  const value = 'text' in request.body ? JSON.parse(request.body.text) : request.body.json;
  return check(spec.json.schema, value).map((problem) => [['body', ...problem.path].join('.'), problem.message]);
}
