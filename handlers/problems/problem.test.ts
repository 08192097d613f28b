import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import {
  ConflictProblem,
  ContentTypeMismatchProblem,
  ForbiddenProblem,
  IdempotencyInProgressProblem,
  IdempotencyKeyReusedProblem,
  MalformedJsonProblem,
  NotFoundProblem,
  PayloadTooLargeProblem,
  PreconditionFailedProblem,
  PROBLEMS,
  PROBLEM_TYPE_BASE,
  UnsupportedMediaTypeProblem,
  UsePresignedUploadProblem,
  ValidationProblem,
  type HttpProblem,
} from './problem.ts';

const one: HttpProblem[] = [
  ValidationProblem.at('body.reason', 'bad'),
  new MalformedJsonProblem('x'),
  new ForbiddenProblem(),
  new NotFoundProblem(),
  new ConflictProblem('transition_not_allowed', 'x'),
  new ConflictProblem('dispute_changed', 'x'),
  new ConflictProblem('active_dispute_exists', 'x'),
  new ConflictProblem('evidence_limit_reached', 'x'),
  new PreconditionFailedProblem(3),
  new PayloadTooLargeProblem(),
  new UnsupportedMediaTypeProblem(),
  new UsePresignedUploadProblem(),
  new ContentTypeMismatchProblem(),
  new IdempotencyInProgressProblem(),
  new IdempotencyKeyReusedProblem(),
];

test('every registered code has a problem, with a status the contract lists', () => {
  assert.deepEqual(one.map((problem) => problem.code).sort(), Object.keys(PROBLEMS).sort());
  for (const problem of one) assert.ok([400, 403, 404, 409, 412, 413, 415, 422].includes(problem.status), problem.code);
});

test('problem bodies follow RFC 9457 with a stable type URI', () => {
  for (const problem of one) {
    const body = problem.toJSON();
    assert.equal(body.type, `${PROBLEM_TYPE_BASE}${problem.code}`);
    assert.equal(body.status, problem.status);
    assert.equal(body.code, problem.code);
    assert.equal(typeof body.title, 'string');
    assert.equal(body.message, body.detail ?? body.title, `${problem.code}: message is the detail, or the title without one`);
  }
  assert.equal(new NotFoundProblem('Dispute 7 not found').toJSON().message, 'Dispute 7 not found');
  assert.equal(new ForbiddenProblem().toJSON().message, 'Your role may not do this');
  assert.deepEqual(ValidationProblem.at('query.limit', 'x').toJSON().errors, [{ path: 'query.limit', message: 'x' }]);
  assert.equal(new PreconditionFailedProblem(7).toJSON().current_version, 7);
});

test('the ProblemCode enum of the contract lists exactly the registered codes', () => {
  const contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
    components: { schemas: { ProblemCode: { enum: string[] } } };
  };
  const listed = contract.components.schemas.ProblemCode.enum;
  const registered = Object.keys(PROBLEMS);
  assert.deepEqual(
    registered.filter((code) => !listed.includes(code)),
    [],
    'registered in PROBLEMS but missing from the contract',
  );
  assert.deepEqual(
    listed.filter((code) => !registered.includes(code)),
    [],
    'listed in the contract but not in PROBLEMS',
  );
  assert.equal(new Set(listed).size, listed.length, 'the contract lists a code twice');
});
