// `x-lambda-s3-notifications`: functions the module's bucket invokes when an
// object is created, shaped like the `lambda_function` blocks of Terraform's
// `aws_s3_bucket_notification` (events, filter_prefix, filter_suffix, id)
// plus the function binding every `x-lambda` has. What S3 itself would
// refuse in PutBucketNotificationConfiguration is refused here too: an event
// name it does not know, and two configurations that overlap ("Configurations
// on the same bucket cannot share a common event type",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html).
import { ContractError } from './contract-errors.ts';
import { BINDING_KEYS, readLambdaBinding, type BindingSettings, type LambdaBinding } from './lambda-binding.ts';

/**
 * The object-created event types a notification may name
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
 * The emulator creates objects in these ways only.
 */
export const S3_OBJECT_CREATED_EVENTS = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
] as const;

export type S3NotificationEvent = (typeof S3_OBJECT_CREATED_EVENTS)[number];

/** How an object came to be: the record's `eventName` is `ObjectCreated:<way>`. */
export type ObjectCreatedWay = 'Put' | 'Post' | 'Copy' | 'CompleteMultipartUpload';

export interface S3Notification {
  /** The configuration's Id: `s3.configurationId` in each record (Terraform's `id`; when absent, the zip's name without `.zip`, which no stage changes). */
  id: string;
  lambda: LambdaBinding;
  events: S3NotificationEvent[];
  /** Matched against the object key as stored (not URL-encoded); '' matches every key. */
  filterPrefix: string;
  filterSuffix: string;
}

const S3_NOTIFICATIONS_KEY = 'x-lambda-s3-notifications';
const NOTIFICATION_KEYS = new Set<string>([...BINDING_KEYS, 'events', 'filter_prefix', 'filter_suffix', 'id']);
/** An asynchronous invocation may run as long as Lambda allows. */
const ASYNC_MAX_TIMEOUT_SECONDS = 900;

function isS3NotificationEvent(value: unknown): value is S3NotificationEvent {
  return (S3_OBJECT_CREATED_EVENTS as readonly unknown[]).includes(value);
}

/** Whether a configuration with these event types is told about an object created this way. */
export function notifiesOf(events: readonly S3NotificationEvent[], way: ObjectCreatedWay): boolean {
  return events.includes('s3:ObjectCreated:*') || events.includes(`s3:ObjectCreated:${way}`);
}

/** Whether a configuration's filter takes this key (as stored, not URL-encoded). */
export function filterMatches(notification: Pick<S3Notification, 'filterPrefix' | 'filterSuffix'>, key: string): boolean {
  return key.startsWith(notification.filterPrefix) && key.endsWith(notification.filterSuffix);
}

function optionalFilter(where: string, raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  if (value === undefined) return '';
  // S3 refuses an empty filter value ("filter value cannot be empty").
  if (typeof value !== 'string' || value === '')
    throw new ContractError('CONTRACT_ERR_S3_NOTIFICATION', where, `${name} must be a non-empty string`);
  return value;
}

function readNotification(where: string, raw: unknown, settings: Omit<BindingSettings, 'maxTimeoutSeconds'>): S3Notification {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContractError('CONTRACT_ERR_S3_NOTIFICATION', where, 'each entry is a mapping');
  }
  const entry = raw as Record<string, unknown>;
  // A misspelt filter would silently widen the notification to every object.
  const unknown = Object.keys(entry).filter((name) => !NOTIFICATION_KEYS.has(name));
  if (unknown.length > 0) throw new ContractError('CONTRACT_ERR_S3_NOTIFICATION', where, `unknown keys ${unknown.join(', ')}`);
  const lambda = readLambdaBinding(where, entry, { ...settings, maxTimeoutSeconds: ASYNC_MAX_TIMEOUT_SECONDS });
  const events = entry['events'];
  if (!Array.isArray(events) || events.length === 0) {
    throw new ContractError('CONTRACT_ERR_S3_NOTIFICATION', where, 'events must be a non-empty list');
  }
  for (const event of events) {
    if (!isS3NotificationEvent(event)) throw new ContractError('CONTRACT_ERR_S3_EVENT', where, String(event));
  }
  const id = entry['id'] ?? lambda.zip.replace(/\.zip$/, '');
  if (typeof id !== 'string' || id === '') throw new ContractError('CONTRACT_ERR_S3_NOTIFICATION', where, 'id must be a non-empty string');
  return {
    id,
    lambda,
    events: [...new Set(events as S3NotificationEvent[])],
    filterPrefix: optionalFilter(where, entry, 'filter_prefix'),
    filterSuffix: optionalFilter(where, entry, 'filter_suffix'),
  };
}

function overlap(a: S3Notification, b: S3Notification): boolean {
  const ways: ObjectCreatedWay[] = ['Put', 'Post', 'Copy', 'CompleteMultipartUpload'];
  const sharedEvent = ways.some((way) => notifiesOf(a.events, way) && notifiesOf(b.events, way));
  const prefixes = a.filterPrefix.startsWith(b.filterPrefix) || b.filterPrefix.startsWith(a.filterPrefix);
  const suffixes = a.filterSuffix.endsWith(b.filterSuffix) || b.filterSuffix.endsWith(a.filterSuffix);
  return sharedEvent && prefixes && suffixes;
}

/** The document's notifications (none when the key is absent). */
export function readS3Notifications(raw: unknown, settings: Omit<BindingSettings, 'maxTimeoutSeconds'>): S3Notification[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ContractError('CONTRACT_ERR_S3_NOTIFICATION', S3_NOTIFICATIONS_KEY, 'must be a list');
  const notifications = raw.map((entry, index) => readNotification(`${S3_NOTIFICATIONS_KEY}[${index}]`, entry, settings));
  notifications.forEach((notification, index) => {
    const other = notifications.findIndex(
      (candidate, at) => at < index && (candidate.id === notification.id || overlap(candidate, notification)),
    );
    if (other >= 0) {
      const why = notifications[other]!.id === notification.id ? 'the same id as' : 'overlaps';
      throw new ContractError(
        'CONTRACT_ERR_S3_NOTIFICATION',
        `${S3_NOTIFICATIONS_KEY}[${index}]`,
        `${why} ${S3_NOTIFICATIONS_KEY}[${other}]`,
      );
    }
  });
  return notifications;
}
