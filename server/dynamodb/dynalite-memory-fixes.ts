// Two fixes to the in-memory store of dynalite 4.0.0 (memory-level 3 over
// abstract-level 3), applied before dynalite loads. Without them the emulator's
// memory grew by about 3 MB a second under a steady mixed load, with a table
// that did not grow at that rate:
//
// - dynalite closes a read stream's iterator with `iterator.return()`, which
//   abstract-level iterators do not have (they have `close()`), and an
//   iterator that reaches its end is not closed either. Every Query and Scan
//   left one open, and each open iterator keeps the snapshot of the table it
//   was made on, so every later write added to what could never be freed.
// - memory-level keeps keys and values as Buffers by default; made from
//   strings, small Buffers are slices of Node's shared 8 KiB pool, and one
//   stored value keeps its whole 8 KiB slab alive (about 8.7 KiB per item
//   measured). Stored as Uint8Arrays ('view') they take their own size, and
//   keys still compare byte by byte, as DynamoDB orders them (UTF-8 bytes).
import { createRequire } from 'node:module';

const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
const memoryLevel = fromDynalite('memory-level') as { MemoryLevel: new (options?: object) => object };
const abstractLevel = createRequire(fromDynalite.resolve('memory-level'))('abstract-level') as {
  AbstractIterator: { prototype: object };
};

const commonIterator = Object.getPrototypeOf(abstractLevel.AbstractIterator.prototype) as {
  return?: () => Promise<void>;
  close(): Promise<void>;
};
if (typeof commonIterator.return !== 'function') {
  commonIterator.return = function closeOnReturn(this: { close(): Promise<void> }) {
    return this.close();
  };
}

const StoredAsBuffers = memoryLevel.MemoryLevel;
memoryLevel.MemoryLevel = class StoredAsViews extends StoredAsBuffers {
  constructor(options: object = {}) {
    super({ storeEncoding: 'view', ...options });
  }
};
