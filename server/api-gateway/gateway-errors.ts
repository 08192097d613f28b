// The responses API Gateway itself sends (not the handler): one registry with
// HTTP API's exact status and `{"message": ...}` body for each.

export const GATEWAY_ERRORS = {
  GATEWAY_NOT_FOUND: { statusCode: 404, message: 'Not Found' },
  GATEWAY_UNAUTHORIZED: { statusCode: 401, message: 'Unauthorized' },
  GATEWAY_FORBIDDEN: { statusCode: 403, message: 'Forbidden' },
  GATEWAY_PAYLOAD_TOO_LARGE: { statusCode: 413, message: 'Request Entity Too Large' },
  GATEWAY_INTERNAL_ERROR: { statusCode: 500, message: 'Internal Server Error' },
  GATEWAY_SERVICE_UNAVAILABLE: { statusCode: 503, message: 'Service Unavailable' },
  // Hybrid mode (--upstream): the emulator as the proxy in front of a stage, in API Gateway's body shape.
  GATEWAY_BAD_GATEWAY: { statusCode: 502, message: 'Bad Gateway' },
  GATEWAY_TIMEOUT: { statusCode: 504, message: 'Gateway Timeout' },
  GATEWAY_LOOP_DETECTED: { statusCode: 508, message: 'Loop Detected' },
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Set-Cookie values, one per cookie. */
  cookies: string[];
  body: Buffer;
}

export function gatewayError(code: GatewayErrorCode, headers: Record<string, string> = {}): GatewayResponse {
  const { statusCode, message } = GATEWAY_ERRORS[code];
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}
