// UpdateTimeToLive and DescribeTimeToLive, which dynalite lacks (its
// DescribeTimeToLive always says DISABLED). The change takes effect at once:
// AWS reports ENABLING for up to an hour and refuses another UpdateTimeToLive
// meanwhile; locally, the next call sees ENABLED, as tables are ACTIVE at once.
// Enabling builds the table's expiry index (ttl-index.ts) before the setting is
// saved, so a Scan that fails leaves TTL disabled.
// References: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
// and .../API_DescribeTimeToLive.html
import type { CallOperation } from './dynalite-client.ts';
import { passThrough, validationError } from './front-responses.ts';
import type { JsonResponse } from './front-responses.ts';
import type { TimeToLiveSetting, TimeToLiveSettings } from './time-to-live-settings.ts';
import { isObject } from './transaction-items.ts';
import type { TtlIndex } from './ttl-index.ts';

/** The table's creation time, or the error for a table that does not exist. */
async function tableCreatedAt(call: CallOperation, tableName: unknown): Promise<number | JsonResponse> {
  const described = await call('DescribeTable', { TableName: tableName });
  if (!described.ok) return passThrough(described);
  return Number((described.data.Table as { CreationDateTime: number }).CreationDateTime);
}

/** The setting in force for the table as it is now (none if it belonged to an earlier table of that name). */
export function currentSetting(settings: TimeToLiveSettings, tableName: string, createdAt: number): TimeToLiveSetting | undefined {
  const setting = settings.get(tableName);
  return setting && setting.tableCreatedAt === createdAt ? setting : undefined;
}

export async function describeTimeToLive(
  request: Record<string, unknown>,
  call: CallOperation,
  settings: TimeToLiveSettings,
): Promise<JsonResponse> {
  const createdAt = await tableCreatedAt(call, request.TableName);
  if (typeof createdAt !== 'number') return createdAt;
  const setting = currentSetting(settings, String(request.TableName), createdAt);
  const description = setting ? { TimeToLiveStatus: 'ENABLED', AttributeName: setting.attributeName } : { TimeToLiveStatus: 'DISABLED' };
  return { status: 200, body: { TimeToLiveDescription: description } };
}

export async function updateTimeToLive(
  request: Record<string, unknown>,
  call: CallOperation,
  settings: TimeToLiveSettings,
  index: TtlIndex,
): Promise<JsonResponse> {
  const specification = request.TimeToLiveSpecification;
  if (!isObject(specification)) {
    return validationError(
      "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
    );
  }
  const { AttributeName: attributeName, Enabled: enabled } = specification;
  if (typeof attributeName !== 'string' || attributeName.length < 1 || attributeName.length > 255) {
    return validationError(
      "1 validation error detected: Value at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: " +
        'Member must have length between 1 and 255',
    );
  }
  if (typeof enabled !== 'boolean') {
    return validationError(
      "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
    );
  }
  const createdAt = await tableCreatedAt(call, request.TableName);
  if (typeof createdAt !== 'number') return createdAt;
  const tableName = String(request.TableName);
  const current = currentSetting(settings, tableName, createdAt);
  // UpdateTimeToLive is not idempotent in AWS: enabling twice or disabling twice is refused.
  if (enabled && current) return validationError('TimeToLive is already enabled');
  if (!enabled && !current) return validationError('TimeToLive is already disabled');
  if (enabled) {
    await index.build(tableName, attributeName);
    settings.set(tableName, { attributeName, tableCreatedAt: createdAt });
  } else {
    settings.set(tableName, undefined);
    index.drop(tableName);
  }
  return { status: 200, body: { TimeToLiveSpecification: { AttributeName: attributeName, Enabled: enabled } } };
}
