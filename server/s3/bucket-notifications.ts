// A module's bucket notification configuration at work: each object the
// S3 front stores is matched against the contract's `x-lambda-s3-notifications`
// (event type, then prefix and suffix on the key as stored) and every match
// invokes its function asynchronously, one record per event, as S3 invokes
// Lambda (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html). The S3
// request that stored the object never waits for the function.
import type { S3Event } from 'aws-lambda';
import { filterMatches, notifiesOf, type S3Notification } from '../../contract-core/s3-notifications.ts';
import { LOCAL_CREDENTIALS } from '../local-aws.ts';
import type { AsyncInvoker } from '../lambda/async-invoke.ts';
import type { ObjectCreated, ObjectCreatedListener } from './object-created.ts';
import { createSequencer, s3EventRecord } from './s3-event-record.ts';

export interface BucketNotificationsOptions {
  /** The bucket the notifications are configured on; objects of other buckets notify nothing. */
  bucket: string;
  notifications: readonly S3Notification[];
  invoker: Pick<AsyncInvoker, 'invoke'>;
  region: string;
}

/** `objectCreated` never throws and never waits: what happens next is the function's. */
export type BucketNotifications = ObjectCreatedListener;

/** The one identity that can sign for the emulator's S3: its access key (on AWS, an IAM user or role's unique id). */
const LOCAL_REQUESTER_ID = `AWS:${LOCAL_CREDENTIALS.accessKeyId}`;
/** The bucket owner's canonical id, a fixed local stand-in. */
const LOCAL_BUCKET_OWNER_ID = 'LOCALBUCKETOWNER';

export function createBucketNotifications(options: BucketNotificationsOptions): BucketNotifications {
  const sequencer = createSequencer();
  const matching = (bucket: string, key: string, way: ObjectCreated['way']) =>
    bucket !== options.bucket
      ? []
      : options.notifications.filter((notification) => notifiesOf(notification.events, way) && filterMatches(notification, key));
  return {
    wants: (bucket, key, way) => matching(bucket, key, way).length > 0,
    objectCreated(created) {
      const notified = matching(created.bucket, created.key, created.way);
      if (notified.length === 0) return;
      const sequence = sequencer(created.time);
      for (const notification of notified) {
        const event: S3Event = {
          Records: [
            s3EventRecord(created, {
              region: options.region,
              configurationId: notification.id,
              requesterId: LOCAL_REQUESTER_ID,
              ownerId: LOCAL_BUCKET_OWNER_ID,
              sequencer: sequence,
            }),
          ],
        };
        options.invoker.invoke(notification.lambda.functionName, event, `S3 ${event.Records[0]!.eventName} ${created.key}`);
      }
    },
  };
}
