// A validated 2.0 result → what the gateway sends. Pure.
import type { GatewayResponse } from './gateway-errors.ts';
import type { ResultVerdict } from './validate-result.ts';

export function mapResult(result: unknown, verdict: Extract<ResultVerdict, { ok: true }>): GatewayResponse {
  if (verdict.shape === 'simple') {
    // The function's JSON payload becomes the body of a 200.
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(JSON.stringify(result ?? null)),
    };
  }
  const structured = result as {
    statusCode: number;
    headers?: Record<string, string | number | boolean> | null;
    body?: string | null;
    isBase64Encoded?: boolean | null;
    cookies?: string[] | null;
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = structured.body ?? '';
  return {
    statusCode: structured.statusCode,
    headers,
    cookies: structured.cookies ?? [],
    body: structured.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}
