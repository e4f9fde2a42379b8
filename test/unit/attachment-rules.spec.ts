import { AccessPolicy } from '../../src/access/access-policy';
import type { Principal } from '../../src/auth/principal';
import type { Role } from '../../src/auth/roles';
import { contentDisposition } from '../../src/attachments/content-disposition';
import { detectType, extensionOf, KINDS } from '../../src/attachments/content-type';
import { decodeMultipartName, MAX_FILE_NAME_CHARS, sanitizeFileName } from '../../src/attachments/file-name';
import { keyFor } from '../../src/attachments/store/attachment-store';
import type { Petition } from '../../src/petitions/petition.entity';
import { demoOrg } from './demo-org-service';

const policy = new AccessPolicy(demoOrg());

function caller(unitCode: string, roles: Role[], username = 'someone'): Principal {
  return { userId: 'u', username, displayName: '', unitCode, roles, sessionId: 's' };
}

const petition = {
  receivingUnitCode: '990102-petition-office',
  registeredBy: 'donghu.registrar',
  competentUnitCode: '990102-handling-room-1',
  category: 'complaint',
} as Petition;

describe('who adds files to a case', () => {
  it.each([
    ['the desk’s registrar, materials', caller('990102-petition-office', ['registrar']), 'materials', [], true],
    ['the desk’s registrar, evidence', caller('990102-petition-office', ['registrar']), 'evidence', [], false],
    ['the registrar who keyed it in, from another unit', caller('990102001-petition-office', ['registrar'], 'donghu.registrar'), 'materials', [], true],
    ['an agent of the unit where it came in', caller('990102-petition-office', ['agent']), 'materials', [], true],
    ['a supervisor of the unit where it came in', caller('990102-petition-office', ['supervisor']), 'materials', [], false],
    ['a handler of the unit where it came in', caller('990102-petition-office', ['handler']), 'materials', [], false],
    ['a registrar of another unit', caller('990102-handling-room-2', ['registrar']), 'materials', [], false],
    ['a handler of the unit holding it, evidence', caller('990102-handling-room-1', ['handler']), 'evidence', [], true],
    ['its unit head, a reply annex', caller('990102-handling-room-1', ['unit-head']), 'reply', [], true],
    ['a registrar of the unit holding it', caller('990102-handling-room-1', ['registrar']), 'materials', [], false],
    ['a handler of a unit reviewing it', caller('990100-petition-office', ['handler']), 'evidence', ['990100-petition-office'], true],
    ['a handler of another unit', caller('990102-handling-room-2', ['handler']), 'evidence', [], false],
  ])('%s: %s', (_label, principal, stage, reviewing, adds) => {
    expect(policy.addsAttachments(principal, petition, stage as string, reviewing as string[])).toBe(adds);
  });
});

describe('what the bytes are', () => {
  const ascii = (text: string) => Buffer.from(text, 'latin1');
  const zip = (...names: string[]) =>
    Buffer.concat(
      names.map((name) => {
        const header = Buffer.alloc(30);
        header.writeUInt32LE(0x04034b50, 0);
        header.writeUInt16LE(Buffer.byteLength(name), 26);
        return Buffer.concat([header, Buffer.from(name)]);
      }),
    );
  const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from(stream, 'utf16le')]);

  it.each([
    ['%PDF-1.7\n', 'pdf'],
    ['\xff\xd8\xff\xe0', 'jpeg'],
    ['\x89PNG\r\n\x1a\n', 'png'],
    ['GIF89a', 'gif'],
    ['GIF87a', 'gif'],
    ['RIFF\0\0\0\0WEBPVP8 ', 'webp'],
    ['II*\0', 'tiff'],
    ['MM\0*', 'tiff'],
    ['\x7fELF\x02\x01', 'elf'],
    ['MZ\x90\0', 'pe'],
    ['\xcf\xfa\xed\xfe', 'macho'],
    ['#!/bin/sh\nrm -rf /\n', 'script'],
    ['<!DOCTYPE html><script>', 'html'],
    ['  <svg onload=alert(1)>', 'html'],
    ['\x1f\x8b\x08', 'archive'],
    ['', 'empty'],
    ['a\0b', 'unknown'],
    ['bell\x07', 'unknown'],
  ])('%j is %s', (bytes, kind) => {
    expect(detectType(ascii(bytes)).kind).toBe(kind);
  });

  it('reads UTF-8 text, Chinese included, and refuses what is not UTF-8', () => {
    expect(detectType(Buffer.from('信访人补充说明\r\n\t第二行\f', 'utf8')).kind).toBe('text');
    expect(detectType(Buffer.from([0xe4, 0xbf, 0xa1, 0xff])).kind).toBe('unknown');
  });

  it('tells Word and Excel (both generations) and OFD from other ZIP and OLE files', () => {
    expect(detectType(zip('[Content_Types].xml', 'word/document.xml')).kind).toBe('docx');
    expect(detectType(zip('[Content_Types].xml', 'xl/workbook.xml')).kind).toBe('xlsx');
    expect(detectType(zip('word/document.xml')).kind).toBe('zip');
    expect(detectType(zip('OFD.xml', 'Doc_0/Document.xml')).kind).toBe('ofd');
    expect(detectType(zip('payload.exe')).kind).toBe('zip');
    expect(detectType(ole('WordDocument')).kind).toBe('doc');
    expect(detectType(ole('Workbook')).kind).toBe('xls');
    expect(detectType(ole('Something')).kind).toBe('ole');
  });

  it('allows only the kinds a petition file holds, and shows in place only images and PDF', () => {
    const allowed = Object.values(KINDS).filter((k) => k.allowed).map((k) => k.kind);
    expect(allowed.sort()).toEqual(['doc', 'docx', 'gif', 'jpeg', 'ofd', 'pdf', 'png', 'text', 'tiff', 'webp', 'xls', 'xlsx']);
    expect(Object.values(KINDS).filter((k) => k.inline).map((k) => k.kind).sort()).toEqual(['gif', 'jpeg', 'pdf', 'png', 'webp']);
  });

  it('reads the extension of a name', () => {
    expect(extensionOf('证据.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('README')).toBe('');
  });
});

describe('display names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\证据.pdf', '证据.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['a\u0000b\u200Bc\u2066d.txt', 'abcd.txt'],
    ['re:port<1>|"x"?*.txt', 're_port_1___x___.txt'],
    ['  ..hidden.txt. ', 'hidden.txt'],
    ['CON.txt', '_CON.txt'],
    ['   ', '附件'],
    ['\u202E', '附件'],
    ['第一页\n第二页.txt', '第一页 第二页.txt'],
  ])('%j → %j', (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it('keeps at most 120 characters, with the extension', () => {
    const name = sanitizeFileName('很'.repeat(300) + '.pdf');
    expect([...name]).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(name.endsWith('很.pdf')).toBe(true);
    expect([...sanitizeFileName('𠀀'.repeat(200))]).toHaveLength(MAX_FILE_NAME_CHARS);
  });

  it('recovers the UTF-8 a browser sent from the parser’s Latin-1, and drops bytes that are no UTF-8', () => {
    expect(decodeMultipartName(Buffer.from('现场照片.png', 'utf8').toString('latin1'))).toBe('现场照片.png');
    expect(sanitizeFileName(Buffer.from([0xe6, 0x9d, 0xa5, 0xff, 0x2e, 0x70, 0x6e, 0x67]).toString('latin1'))).toBe('来.png');
    expect(decodeMultipartName('已解码.png')).toBe('已解码.png');
    expect(decodeMultipartName('café.txt')).toBe('café.txt');
  });

  it('puts a name in Content-Disposition both as an ASCII stand-in and in full (RFC 5987)', () => {
    expect(contentDisposition('inline', '照片 1.png')).toBe(`inline; filename="__ 1.png"; filename*=UTF-8''%E7%85%A7%E7%89%87%201.png`);
    expect(contentDisposition('attachment', `it's (1)*.txt`)).toBe(`attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`);
    expect(contentDisposition('attachment', 'a"b\\c;d%e.txt')).toMatch(/^attachment; filename="a_b_c_d_e\.txt"; /);
  });

  it('keys objects by their SHA-256, spread over two directory levels', () => {
    expect(keyFor('ab'.repeat(32))).toBe(`ab/ab/${'ab'.repeat(32)}`);
    expect(() => keyFor('../x')).toThrow();
  });
});
