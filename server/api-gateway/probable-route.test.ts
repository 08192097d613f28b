import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../contract-core/load-contract.ts';
import { probableRoute } from './probable-route.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { routes } = loadContract(path.join(root, 'openapi.yaml'), { projectRoot: root, stage: 'local', jwtIssuer: 'i', jwtAudience: 'a' });
const meant = (method: string, requestPath: string) => probableRoute(routes, method, requestPath)?.routeKey;

test("the mobile app's routes that the contract has otherwise name the route meant", () => {
  assert.equal(meant('PUT', '/disputes/12/status'), 'PATCH /disputes/{id}/status');
  assert.equal(meant('POST', '/disputes/12/mediation'), 'POST /disputes/{id}/mediate');
  assert.equal(meant('POST', '/disputes/12/acept'), 'POST /disputes/{id}/accept');
  assert.equal(meant('DELETE', '/disputes/12'), 'GET /disputes/{id}');
  assert.equal(meant('GET', '/dispute'), 'GET /disputes');
});

test('a path near no route names none', () => {
  assert.equal(meant('GET', '/nope'), undefined);
  assert.equal(meant('GET', '/disputes/1/unknown'), undefined);
  assert.equal(meant('POST', '/projects/1/mediate'), undefined);
});
