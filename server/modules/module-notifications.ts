// Each module's S3 notifications (`x-lambda-s3-notifications`) on its bucket,
// invoking its functions asynchronously as S3 does.
import type { AsyncInvoker } from '../lambda/async-invoke.ts';
import { LOCAL_REGION } from '../local-aws.ts';
import { type BucketNotifications, createBucketNotifications } from '../s3/bucket-notifications.ts';
import type { ProvisionedModule } from './provision-modules.ts';

export function moduleNotifications(provisioned: readonly ProvisionedModule[], invoker: AsyncInvoker): BucketNotifications[] {
  return provisioned.flatMap(({ module, made }) =>
    module.contract.notifications.length === 0
      ? []
      : [
          createBucketNotifications({
            bucket: notifiedBucket(module.contractFile, made.buckets),
            notifications: module.contract.notifications,
            invoker,
            region: LOCAL_REGION,
          }),
        ],
  );
}

/** The bucket a module's S3 notifications are on: its one bucket (a stage's bucket notification names one). */
function notifiedBucket(contractFile: string, buckets: Record<string, string>): string {
  const names = Object.values(buckets);
  if (names.length !== 1) {
    throw new Error(
      `${contractFile}: x-lambda-s3-notifications need exactly one bucket in x-lambda-environment to be on; it names ${names.length}`,
    );
  }
  return names[0]!;
}
