import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpProblem } from './problem.ts';

export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function problemResponse(problem: HttpProblem): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(problem.toJSON()),
  };
}
