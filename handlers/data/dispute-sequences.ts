// Numbers for a dispute's messages, evidence and timeline events, reserved
// with an atomic ADD on the dispute item before the write that uses them.
// Writers then never race on a counter: two messages sent at once both
// succeed. A number reserved by a write that fails afterwards is skipped,
// never reused, so ids only go up (they need not be dense).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from './conditional-failure.ts';
import type { Table } from './table.ts';
import { keys } from './table-keys.ts';

export type SequenceName = 'msg_seq' | 'evidence_seq' | 'event_seq';

/** The reserved number of each sequence, or null when the dispute does not exist. */
export async function reserveSequences<N extends SequenceName>(
  table: Table,
  disputeId: number,
  names: readonly N[],
): Promise<Record<N, number> | null> {
  const result = await unlessConditionFails(
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.dispute(disputeId),
        UpdateExpression: `ADD ${names.map((name) => `#${name} :one`).join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
    () => null,
  );
  return result && (Object.fromEntries(names.map((name) => [name, Number(result.Attributes?.[name])])) as Record<N, number>);
}
