import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { startTestApp, type TestApp } from '../support/app';
import { directoryFileWithUnit } from '../support/directory-file';
import { requestBody } from '../support/document-fixtures';
import { http } from '../support/http';

/** A genuine token acts only for a unit (and leader position) of the directory the server loaded. */
describe('tokens and the organisation directory', () => {
  let t: TestApp;
  const directoryFile = directoryFileWithUnit('new-bureau');
  beforeAll(async () => (t = await startTestApp({ DIRECTORY_FILE: directoryFile })));
  afterAll(() => t.close());

  const submit = (token: string) => http(t.app).post('/documents', token, requestBody({ documentNumber: undefined }));

  it('a token for a unit not in the directory: 403 TOKEN_UNKNOWN_UNIT on writes and reads, nothing written', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const token = t.token({ sub: 'x', unit: 'nope', roles: ['unit_clerk'] });
    const write = await submit(token);
    expect(write.status).toBe(403);
    expect(write.body).toEqual({ code: 'TOKEN_UNKNOWN_UNIT', message: expect.stringContaining('「nope」不在组织目录中') });
    expect(await store.headPosition()).toBe(head);
    const read = await http(t.app).get('/documents/00000000-0000-4000-8000-000000000000', token);
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('TOKEN_UNKNOWN_UNIT');
  });

  it('a leader token for a position not in the directory: 403 TOKEN_UNKNOWN_LEADER', async () => {
    const res = await http(t.app).get('/documents/00000000-0000-4000-8000-000000000000', t.token({ sub: 'l', unit: 'zjg-gov', roles: ['vice_mayor'], leader: 'vice-mayor-9' }));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('TOKEN_UNKNOWN_LEADER');
  });

  it('the directory is the one the server loaded (DIRECTORY_FILE): its own units are accepted', async () => {
    expect((await submit(t.token({ sub: 'clerk-new', unit: 'new-bureau', roles: ['unit_clerk'] }))).status).toBe(201);
  });
});
