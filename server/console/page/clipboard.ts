/// <reference lib="dom" />
// Copying a text the page shows: the clipboard when the browser offers it
// (a secure context: https, or http at 127.0.0.1 / localhost); otherwise the
// text is selected in its field, for the user's own Ctrl+C.

export async function copyText(field: HTMLTextAreaElement): Promise<string> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(field.value);
    return 'copied';
  } catch {
    field.focus();
    field.select();
    return 'selected: press Ctrl+C (⌘C) to copy';
  }
}
