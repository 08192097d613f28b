// "The dispute is still active" as a DynamoDB condition, made from the
// domain's ACTIVE_STATUSES so the two cannot disagree.
import { ACTIVE_STATUSES } from '../domain/dispute.ts';

export const activeStatusCondition = {
  ConditionExpression: `#status IN (${ACTIVE_STATUSES.map((status) => `:${status}`).join(', ')})`,
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: Object.fromEntries(ACTIVE_STATUSES.map((status) => [`:${status}`, status])),
};
