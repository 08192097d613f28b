// How a body is read: its media type (parameters dropped, case ignored, as
// the server compares it) and whether its text is JSON.

/** `application/json` for `Application/JSON; charset=utf-8`; '' for none. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
