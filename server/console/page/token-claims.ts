// A JWT's claims, read (not verified) for showing: the payload segment,
// base64url-decoded. Null when the text is not a JWT.
export function tokenClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Claims with their times (`exp`, `iat`, `nbf`) also as dates. */
export function describeClaims(claims: Record<string, unknown>): string {
  const lines = Object.entries(claims).map(([name, value]) => {
    const time =
      ['exp', 'iat', 'nbf', 'auth_time'].includes(name) && typeof value === 'number' ? `  (${new Date(value * 1000).toISOString()})` : '';
    return `${name}: ${JSON.stringify(value)}${time}`;
  });
  return lines.join('\n');
}
