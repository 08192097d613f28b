// Is a handler's (already JSON round-tripped) return value a response HTTP API
// can send? Returns a verdict and nothing else; the gateway decides what to do.

export type ResultVerdict = { ok: true; shape: 'structured' | 'simple' } | { ok: false; reason: string };

export function validateResult(result: unknown): ResultVerdict {
  // Without statusCode HTTP API treats the value as a "simple response".
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    return { ok: true, shape: 'simple' };
  }
  const { statusCode, headers, body, isBase64Encoded, cookies } = result as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { ok: false, reason: `statusCode ${JSON.stringify(statusCode)} is not an HTTP status` };
  }
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) return { ok: false, reason: 'headers must be an object' };
    for (const [name, value] of Object.entries(headers)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) return { ok: false, reason: `header ${name} must be a scalar` };
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { ok: false, reason: `header name ${name} is invalid` };
    }
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return { ok: false, reason: 'body must be a string' };
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return { ok: false, reason: 'isBase64Encoded must be a boolean' };
  }
  if (cookies !== undefined && cookies !== null && (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string'))) {
    return { ok: false, reason: 'cookies must be a list of strings' };
  }
  return { ok: true, shape: 'structured' };
}
