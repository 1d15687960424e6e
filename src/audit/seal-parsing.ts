import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../event-store/event-store.port';
import type { AuditIssue } from './audit-issues';
import type { StreamHead } from './merkle';
import { sealSignatureValid, SEALED_EVENT, type SealData } from './seal-format';

export interface CheckedSeal {
  seal: SealData;
  revision: number;
  eventPosition: string;
  signatureValid: boolean;
}

const isHead = (h: unknown): h is StreamHead =>
  Array.isArray(h) && h.length === 3 && typeof h[0] === 'string' && Number.isInteger(h[1]) && typeof h[2] === 'string';

function wellFormed(data: Record<string, unknown>): data is Record<string, unknown> & SealData {
  return (
    data.version === 1 &&
    Number.isInteger(data.sealNo) &&
    typeof data.position === 'string' &&
    typeof data.previousPosition === 'string' &&
    Number.isInteger(data.streams) &&
    Number.isInteger(data.events) &&
    typeof data.merkleRoot === 'string' &&
    (data.heads === null || (Array.isArray(data.heads) && data.heads.every(isHead))) &&
    typeof data.signature === 'string' &&
    typeof data.keyId === 'string'
  );
}

/** Parses and checks every seal event (signature, key, numbering, order); order as stored. */
export function checkSeals(
  events: StoredEvent[],
  publicKey: KeyObject,
  keyId: string,
  previous?: SealData,
): { seals: CheckedSeal[]; issues: AuditIssue[] } {
  const seals: CheckedSeal[] = [];
  const issues: AuditIssue[] = [];
  for (const event of events) {
    const at = { streamId: event.streamId, revision: event.revision, position: event.globalPosition };
    if (event.type !== SEALED_EVENT || !wellFormed(event.data)) {
      issues.push({ kind: 'SEAL_MALFORMED', ...at, message: '审计流中的事件不是格式正确的封印' });
      continue;
    }
    const seal = event.data as unknown as SealData;
    const signatureValid = seal.keyId === keyId && sealSignatureValid(seal, publicKey);
    if (seal.keyId !== keyId) {
      issues.push({ kind: 'SEAL_KEY_UNKNOWN', ...at, sealNo: seal.sealNo, message: `封印密钥 ${seal.keyId} 不是受信任的密钥 ${keyId}` });
    } else if (!signatureValid) {
      issues.push({ kind: 'SEAL_SIGNATURE_INVALID', ...at, sealNo: seal.sealNo, message: '封印签名无效 (forged or altered seal)' });
    }
    const expectedNo = (previous?.sealNo ?? 0) + 1;
    if (seal.sealNo !== expectedNo || seal.previousPosition !== (previous?.position ?? '') || (previous && seal.position < previous.position)) {
      issues.push({ kind: 'SEAL_SEQUENCE', ...at, sealNo: seal.sealNo, message: `封印编号或位置不连续 (expected seal #${expectedNo} after position ${previous?.position || '(start)'})` });
    }
    if (seal.position >= event.globalPosition) {
      issues.push({ kind: 'SEAL_SEQUENCE', ...at, sealNo: seal.sealNo, message: '封印覆盖的位置不早于封印事件本身' });
    }
    seals.push({ seal, revision: event.revision, eventPosition: event.globalPosition, signatureValid });
    previous = seal;
  }
  return { seals, issues };
}
