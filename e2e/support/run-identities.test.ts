import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueLocalToken } from '../../server/auth/local-issuer.ts';
import { IDENTITIES } from './identities.ts';
import { resolveIdentities } from './run-identities.ts';
import { localKeyDir, type TokenSource } from './token-sources.ts';

const localTokens: TokenSource = async (spec) => issueLocalToken({ keyDir: localKeyDir, sub: String(spec.localId), role: spec.role });

test('each identity gets its token and the user id and role the token carries', async () => {
  const identities = await resolveIdentities(localTokens, {});
  assert.deepEqual(
    identities.map(({ name, id, role }) => ({ name, id, role })),
    IDENTITIES.map((spec) => ({ name: spec.name, id: spec.localId, role: spec.role })),
  );
});

test('the ids come from the claims the functions are told to read (a Cognito-like token)', async () => {
  const cognitoLike: TokenSource = async (spec) =>
    issueLocalToken({
      keyDir: localKeyDir,
      sub: '6f1c0a4e-uuid',
      claims: { 'custom:user_id': String(spec.localId + 100), 'cognito:groups': [spec.role] },
    });
  const identities = await resolveIdentities(cognitoLike, { E2E_USER_ID_CLAIM: 'custom:user_id' });
  assert.equal(
    identities.find((identity) => identity.name === 'admin')?.id,
    IDENTITIES.find((spec) => spec.name === 'admin')!.localId + 100,
  );
  await assert.rejects(resolveIdentities(cognitoLike, {}), /no numeric "sub" claim/);
});

test('a token with the wrong role, two identities that are one user, or a token that is no JWT stop the run', async () => {
  await assert.rejects(
    resolveIdentities(async (spec) => issueLocalToken({ keyDir: localKeyDir, sub: String(spec.localId), role: 'client' }), {}),
    /the token for master-a is a client's; it must be a master's/,
  );
  await assert.rejects(
    resolveIdentities(async (spec) => issueLocalToken({ keyDir: localKeyDir, sub: '5', role: spec.role }), {}),
    /must be 7 different users/,
  );
  await assert.rejects(
    resolveIdentities(async () => 'not-a-jwt', {}),
    /is not a JWT/,
  );
});
