import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentDisposition, displayFileName, sanitiseFileName } from './evidence-file-name.ts';

test('ordinary names keep their extension', () => {
  assert.equal(sanitiseFileName('photo.jpg'), 'photo.jpg');
  assert.equal(sanitiseFileName('Счёт за работу.pdf'), 'Счёт_за_работу.pdf');
});

test('path separators and dot segments cannot escape the prefix', () => {
  for (const name of ['../../etc/passwd', '..\\..\\boot.ini', '/abs/path.png', 'a/../../b.pdf', '..', '.', '...']) {
    const safe = sanitiseFileName(name);
    assert.ok(!safe.includes('/') && !safe.includes('\\') && !safe.includes('..') && !safe.startsWith('.'), `${name} → ${safe}`);
    assert.ok(safe.length > 0);
  }
  assert.equal(sanitiseFileName('../../x.pdf'), 'x.pdf');
});

test('control characters and policy metacharacters are removed', () => {
  assert.equal(sanitiseFileName('a\u0000b\nc.png'), 'abc.png');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's POST key placeholder, literally
  assert.ok(!/[${}]/.test(sanitiseFileName('${filename}.png')));
});

test('long names are shortened but keep the extension', () => {
  const safe = sanitiseFileName(`${'x'.repeat(300)}.jpeg`);
  assert.ok(safe.length <= 120);
  assert.ok(safe.endsWith('.jpeg'));
});

test('an empty result falls back to a placeholder', () => {
  assert.equal(sanitiseFileName('\u0001\u0002'), 'file');
  assert.equal(sanitiseFileName('.pdf'), 'pdf');
});

test('the shown name drops bidi and other format or control characters, and any path', () => {
  assert.equal(displayFileName('evil\u202egpj.exe'), 'evilgpj.exe');
  assert.equal(displayFileName('a\u2066b\u2069\u200e\u0007.pdf'), 'ab.pdf');
  assert.equal(displayFileName('C:\\Users\\me\\Счёт за работу.pdf'), 'Счёт за работу.pdf');
  assert.equal(displayFileName('\u202e'), 'file');
});

test('downloads are attachments named as shown, with an ASCII fallback', () => {
  assert.equal(
    attachmentDisposition('Счёт "1".pdf'),
    `attachment; filename="____ _1_.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%221%22.pdf`,
  );
  assert.equal(attachmentDisposition('evil\u202egpj.exe'), `attachment; filename="evilgpj.exe"; filename*=UTF-8''evilgpj.exe`);
});
