// The size DynamoDB counts for an item in wire format (`{ name: { S: "..." } }`):
// attribute names plus values, strings and binaries by their bytes, numbers by
// about one byte per two significant digits plus one, lists and maps with 3 bytes
// of overhead plus 1 per element.
// Reference: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

function numberSize(text: string): number {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

const binarySize = (value: unknown): number => Buffer.from(String(value), 'base64').length;

export function attributeValueSize(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const [type, content] = Object.entries(value as Record<string, unknown>)[0] ?? [];
  switch (type) {
    case 'S':
      return utf8Length(String(content));
    case 'N':
      return numberSize(String(content));
    case 'B':
      return binarySize(content);
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (content as string[]).reduce((sum, member) => sum + utf8Length(member), 0);
    case 'NS':
      return (content as string[]).reduce((sum, member) => sum + numberSize(member), 0);
    case 'BS':
      return (content as string[]).reduce((sum, member) => sum + binarySize(member), 0);
    case 'L':
      return 3 + (content as unknown[]).reduce<number>((sum, member) => sum + 1 + attributeValueSize(member), 0);
    case 'M':
      return 3 + itemSize(content as Record<string, unknown>) + Object.keys(content as object).length;
    default:
      return 0;
  }
}

/** Bytes of an attribute map (an item, a key, or expression values). */
export function itemSize(item: Record<string, unknown> | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Length(name) + attributeValueSize(value), 0);
}
