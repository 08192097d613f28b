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
            // The module's one bucket (contract-core/load-module.ts refuses notifications without exactly one).
            bucket: Object.values(made.buckets)[0]!,
            notifications: module.contract.notifications,
            invoker,
            region: LOCAL_REGION,
          }),
        ],
  );
}
