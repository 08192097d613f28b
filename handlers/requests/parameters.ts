// Path, query and header parameters shared by several routes.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DISPUTE_STATUSES, type DisputeStatus } from '../domain/dispute.ts';
import { ValidationProblem, type FieldError } from './problem.ts';

type ParamEvent = Partial<Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters' | 'headers'>>;

const POSITIVE_INTEGER = /^[1-9]\d{0,15}$/;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_CURSOR_LENGTH = 2048;

/** `path.id`: a positive integer. */
export function disputeIdFrom(event: ParamEvent): number {
  const raw = event.pathParameters?.['id'] ?? '';
  const id = POSITIVE_INTEGER.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw ValidationProblem.at('path.id', 'Must be a positive integer');
  return id;
}

export interface PageQuery {
  limit: number;
  cursor: string | undefined;
}

export interface DisputeListQuery extends PageQuery {
  status: DisputeStatus | undefined;
}

function readPage(event: ParamEvent, errors: FieldError[]): PageQuery {
  const query = event.queryStringParameters ?? {};
  let limit = DEFAULT_LIMIT;
  if (query['limit'] !== undefined) {
    const parsed = POSITIVE_INTEGER.test(query['limit']) ? Number(query['limit']) : NaN;
    if (Number.isInteger(parsed) && parsed <= MAX_LIMIT) limit = parsed;
    else errors.push({ path: 'query.limit', message: `Must be an integer from 1 to ${MAX_LIMIT}` });
  }
  const cursor = query['cursor'];
  if (cursor !== undefined && (cursor === '' || cursor.length > MAX_CURSOR_LENGTH)) {
    errors.push({ path: 'query.cursor', message: 'Not a valid cursor' });
  }
  return { limit, cursor };
}

export function pageQueryFrom(event: ParamEvent): PageQuery {
  const errors: FieldError[] = [];
  const page = readPage(event, errors);
  if (errors.length > 0) throw new ValidationProblem(errors);
  return page;
}

export function disputeListQueryFrom(event: ParamEvent): DisputeListQuery {
  const errors: FieldError[] = [];
  const page = readPage(event, errors);
  const raw = event.queryStringParameters?.['status'];
  let status: DisputeStatus | undefined;
  if (raw !== undefined) {
    if ((DISPUTE_STATUSES as readonly string[]).includes(raw)) status = raw as DisputeStatus;
    else errors.push({ path: 'query.status', message: `Must be one of ${DISPUTE_STATUSES.join(', ')}` });
  }
  if (errors.length > 0) throw new ValidationProblem(errors);
  return { ...page, status };
}

/** The version in `If-Match` (`3`, `"3"` or `W/"3"`), or undefined when absent or `*`. */
export function ifMatchVersionFrom(event: ParamEvent): number | undefined {
  const raw = event.headers?.['if-match'];
  // `*` matches any current version, the same as no header.
  if (raw === undefined || raw.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?([0-9]{1,15})"?\s*$/.exec(raw);
  if (!match?.[1]) throw ValidationProblem.at('header.if-match', 'Must be the dispute version, e.g. 3 or "3"');
  return Number(match[1]);
}
