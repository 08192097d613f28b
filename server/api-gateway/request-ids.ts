// Ids API Gateway mints per request.
import { randomBytes } from 'node:crypto';

/** Like `Mc7UVioPPHcEKPA=`: the `apigw-requestid` header and requestContext.requestId. */
export function newGatewayRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** An X-Ray style `x-amzn-trace-id` value. */
export function newTraceId(nowMs: number): string {
  return `Root=1-${Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}
