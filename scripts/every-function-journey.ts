// One call that reaches each of the disputes module's functions: every route
// once (the answer's status does not matter, only that the function ran), and
// an evidence file sent to S3 with its presigned POST, whose notification runs
// the S3-notified function. What a mobile developer's ordinary session touches,
// for the benches' warm-environment and memory figures.
import { defaultKeyDir, issueLocalToken } from '../server/auth/local-issuer.ts';
import seed from '../local/seed/seed-data.json' with { type: 'json' };
import { projectRoot } from '../test-support/project-root.ts';

/** A contract-test pool project (client, master) of its own, so that runs do not collide. */
export async function everyFunctionJourney(base: string, poolIndex: number): Promise<void> {
  const keyDir = defaultKeyDir(projectRoot);
  const pool = seed.contract_test_projects;
  const bearer = (sub: number, role: 'client' | 'master' | 'mediator' | 'admin') =>
    `Bearer ${issueLocalToken({ keyDir, sub: String(sub), role })}`;
  const client = bearer(pool.first_user_id + 2 * poolIndex, 'client');
  const master = bearer(pool.first_user_id + 2 * poolIndex + 1, 'master');
  const mediator = bearer(3, 'mediator');
  const call = async (method: string, path: string, token: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 500) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const created = await call('POST', '/disputes', client, {
    project: pool.first_project_id + poolIndex,
    reason: 'quality',
    description: 'Every function once',
  });
  if (created.status !== 201) throw new Error(`POST /disputes answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: number };
  await call('GET', `/disputes/${id}`, client);
  await call('GET', '/disputes?limit=5', client);
  await call('POST', `/disputes/${id}/messages`, client, { message: 'hello' });
  await call('GET', `/disputes/${id}/messages`, master);
  const evidence = await call('POST', `/disputes/${id}/evidence`, client, {
    file_name: 'scan.pdf',
    content_type: 'application/pdf',
    size: 4,
  });
  const { upload } = (await evidence.json()) as { upload: { url: string; fields: Record<string, string> } };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob(['%PDF'], { type: 'application/pdf' }), 'scan.pdf');
  const uploaded = await fetch(upload.url, { method: 'POST', body: form });
  if (uploaded.status >= 300) throw new Error(`the presigned POST answered ${uploaded.status}: ${await uploaded.text()}`);
  await call('POST', `/disputes/${id}/mediate`, client, {});
  await call('PATCH', `/disputes/${id}/status`, mediator, {
    resolution: 'Refund half',
    resolution_type: 'partial_refund',
    amount_resolved: 10,
  });
  await call('POST', `/disputes/${id}/accept`, client, {});
  await call('POST', `/disputes/${id}/escalate`, master, { reason: 'Not agreed' });
  await call('POST', `/disputes/${id}/close`, bearer(4, 'admin'), {});
}
