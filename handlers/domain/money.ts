// Amounts travel as decimal strings with two decimals ("150.00") so that no
// binary floating point ever reaches storage. Input may be a number or a string.

const DECIMAL_INPUT = /^(\d{1,8})(?:\.(\d{1,2}))?$/;

/** "150" / 150 / "150.5" / 150.5 → "150.00" / "150.50"; null when not a valid amount. */
export function parseMoney(input: number | string): string | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return null;
    text = String(input);
  } else {
    text = input;
  }
  const match = DECIMAL_INPUT.exec(text);
  if (!match) return null;
  const whole = String(Number(match[1]));
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}
