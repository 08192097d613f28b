// Measures a 10 MB presigned POST (fetch + FormData, as a browser sends it)
// straight to s3rver and through the verifying front. Run:
//   npm run -s bench:s3
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
import { localClientConfig, LOCAL_CREDENTIALS } from '../server/local-aws.ts';
import { startS3 } from '../server/s3/start-s3.ts';

const SIZE = 10 * 1024 * 1024;
const ROUNDS = Number(process.env['ROUNDS'] ?? 10);

async function measure(endpoint: string): Promise<number[]> {
  const client = new S3Client({ ...localClientConfig(endpoint), forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: 'measure' }));
  const content = new Blob([randomBytes(SIZE)]);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { url, fields } = await createPresignedPost(client, {
      Bucket: 'measure',
      Key: `f${round}`,
      Conditions: [['content-length-range', 1, SIZE]],
      Expires: 600,
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', content, 'f.bin');
    const began = performance.now();
    const response = await fetch(url, { method: 'POST', body: form });
    await response.arrayBuffer();
    if (response.status !== 204) throw new Error(`status ${response.status}`);
    times.push(performance.now() - began);
  }
  client.destroy();
  return times;
}

function report(name: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  process.stdout.write(
    `${name}: median ${median.toFixed(1)} ms, ${(SIZE / 1024 / 1024 / (median / 1000)).toFixed(0)} MB/s (min ${sorted[0]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms, ${times.length} rounds)\n`,
  );
}

const directory = await mkdtemp(join(tmpdir(), 's3-measure-'));
DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
const bare = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
const address = await bare.run();
report('s3rver alone (before)', await measure(`http://127.0.0.1:${address.port}`));
await bare.close();
await rm(directory, { recursive: true, force: true });

const front = await startS3({});
report('verifying front (after)', await measure(front.endpoint));
await front.stop();
