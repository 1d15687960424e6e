import { DOCUMENT_EVENT_TYPES, EventSchemaError, catalogue, schemaVersionOf } from '../../../events/document-catalogue';
import { deserializeDocumentEvent, upcast } from '../../../events/document-upcast';

describe('document event catalogue', () => {
  it('gives every event type a Chinese label, a schema version and a description', () => {
    expect(DOCUMENT_EVENT_TYPES).toHaveLength(22);
    for (const type of DOCUMENT_EVENT_TYPES) {
      expect(type).toMatch(/^document\.[a-z_]+$/);
      const entry = catalogue[type];
      expect(entry.label).toMatch(/\p{Script=Han}/u);
      expect(entry.schemaVersion).toBe(1);
      expect(entry.description.length).toBeGreaterThan(4);
    }
  });

  it('labels the issue’s steps as the office names them', () => {
    expect(
      Object.fromEntries(
        ['document.returned', 'document.registered', 'document.reviewed', 'document.routed', 'document.assigned', 'document.urged', 'document.completed', 'document.archived'].map(
          (t) => [t, catalogue[t as keyof typeof catalogue].label],
        ),
      ),
    ).toEqual({
      'document.returned': '退文',
      'document.registered': '签收登记',
      'document.reviewed': '初审拟办',
      'document.routed': '分工呈批',
      'document.assigned': '交办',
      'document.urged': '催办',
      'document.completed': '办结',
      'document.archived': '归档',
    });
  });

  it('schemaVersionOf refuses an uncatalogued type, so nothing uncatalogued is stored', () => {
    expect(schemaVersionOf('document.assigned')).toBe(1);
    expect(() => schemaVersionOf('DocumentAssigned')).toThrow(EventSchemaError);
  });
});

describe('upcast (the one place upcasters live)', () => {
  const data = { registrationNo: '收文〔2026〕101号' };

  it('is the identity for the current version', () => {
    expect(upcast('document.registered', 1, data)).toBe(data);
    expect(deserializeDocumentEvent('document.registered', 1, data)).toEqual({ type: 'document.registered', data });
  });

  it('rejects an unknown type clearly', () => {
    expect(() => upcast('document.teleported', 1, {})).toThrow('无法读取事件: 未登记的事件类型 "document.teleported"');
    try {
      upcast('document.teleported', 1, {});
    } catch (e) {
      expect(e).toMatchObject({ name: 'EventSchemaError', code: 'UNKNOWN_EVENT_TYPE' });
    }
  });

  it('rejects a version newer than this program, or not a version at all', () => {
    expect(() => upcast('document.registered', 2, data)).toThrow('无法读取事件 document.registered: 存储版本 v2 不受支持 (本程序认识 v1–v1)');
    expect(() => upcast('document.registered', 0, data)).toThrow(/存储版本 v0 不受支持/);
    expect(() => upcast('document.registered', 1.5, data)).toThrow(/存储版本 v1.5 不受支持/);
    try {
      upcast('document.registered', 2, data);
    } catch (e) {
      expect(e).toMatchObject({ code: 'UNSUPPORTED_SCHEMA_VERSION' });
    }
  });
});
