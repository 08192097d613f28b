// Invalid requests for one operation, one case per (category, field): the
// request is valid in every other part (from validParts, with the caller's
// parameter values), so the one thing broken is the thing the tag names. All
// of them break the contract's schemas, except tampered cursors, which only
// the server's signature check can refuse (cursor-tampering.ts).
import fc from 'fast-check';
import { bodyMutations } from './body-mutations.ts';
import { notACursor } from './cursor-tampering.ts';
import type { InvalidCategory } from './invalid-categories.ts';
import type { FuzzOperation } from './operations.ts';
import { parameterMutations } from './parameter-mutations.ts';
import { assembleRequest, type FuzzRequest, type ParameterValues, type RequestOptions, validParts } from './request-arbitrary.ts';

export interface Invalidity {
  category: InvalidCategory;
  /** `path.id`, `query.limit`, `header.idempotency-key`, `body`, `body.reason`: as the server's FieldError names it. */
  field: string;
  detail: string;
}

export interface InvalidRequest extends FuzzRequest {
  invalid: Invalidity;
}

export interface InvalidCase extends Invalidity {
  requests: fc.Arbitrary<InvalidRequest>;
}

export interface InvalidOptions extends RequestOptions {
  /** The parameter that carries a server-issued cursor; `query.cursor` by default. */
  cursorField?: string;
}

export function invalidRequestCases(operation: FuzzOperation, options: InvalidOptions = {}): InvalidCase[] {
  const parts = validParts(operation, options);
  const build = (invalidity: Invalidity, values: ParameterValues, body = parts.body): InvalidCase => ({
    ...invalidity,
    requests: fc.record({ values: fc.record(values), body }).map(({ values: drawn, body: sent }) => {
      const { field, ...rest } = sent as typeof sent & { field?: string };
      return { ...assembleRequest(operation, drawn), ...rest, invalid: { ...invalidity, field: field ?? invalidity.field } };
    }),
  });

  const cases: InvalidCase[] = [];
  const cursorField = options.cursorField ?? 'query.cursor';
  for (const parameter of operation.parameters) {
    for (const mutation of parameterMutations(parameter)) {
      const invalidity = { category: mutation.category, field: parameter.field, detail: mutation.detail };
      cases.push(build(invalidity, { ...parts.values, [parameter.field]: mutation.values }));
    }
    if (parameter.field === cursorField && parameter.node.kind === 'string') {
      const invalidity = { category: 'tampered-cursor' as const, field: parameter.field, detail: 'a string the server did not issue' };
      cases.push(build(invalidity, { ...parts.values, [parameter.field]: notACursor(parameter.node.maxLength) }));
    }
  }
  for (const mutation of bodyMutations(operation)) {
    const { bodies, ...invalidity } = mutation;
    cases.push(build(invalidity, parts.values, bodies));
  }
  return cases;
}

/** Any of the operation's invalid requests. */
export function invalidRequests(operation: FuzzOperation, options: InvalidOptions = {}): fc.Arbitrary<InvalidRequest> {
  const cases = invalidRequestCases(operation, options);
  if (cases.length === 0) throw new Error(`${operation.operationId}: the contract leaves no way to send it an invalid request`);
  return fc.oneof(...cases.map((invalidCase) => invalidCase.requests));
}
