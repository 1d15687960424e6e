import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { StreamHead } from './merkle';

/** The audit stream: one `audit.sealed` event per seal, hash-chained like every stream. */
export const AUDIT_STREAM = 'audit-seals';
export const SEALED_EVENT = 'audit.sealed';

/**
 * A seal: a Merkle root over every stream's head up to and including `position`, signed
 * with Ed25519. `heads` lists the streams whose head changed since the previous seal, so
 * verify can name the stream that no longer matches; it is omitted (null) when larger than
 * MAX_SEAL_HEADS, and then only the root speaks for those streams.
 */
export interface SealBody {
  version: 1;
  sealNo: number;
  /** Global position sealed (inclusive); '' for an empty store. */
  position: string;
  /** Position of the previous seal ('' for the first). */
  previousPosition: string;
  streams: number;
  events: number;
  merkleRoot: string;
  heads: StreamHead[] | null;
  sealedAt: string;
  algorithm: 'Ed25519';
  keyId: string;
}

export interface SealData extends SealBody {
  /** base64 Ed25519 signature over canonicalJson(SealBody). */
  signature: string;
}

/** Keeps a seal event under EventStoreDB's default 1 MB append limit. */
export const MAX_SEAL_HEADS = 5000;

/** First 16 bytes (hex) of SHA-256 over the public key's DER (SPKI). */
export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);

export function signSeal(body: SealBody, privateKey: KeyObject): SealData {
  const signature = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64');
  return { ...body, signature };
}

/** True when the signature is valid for the body under `publicKey`. Never throws. */
export function sealSignatureValid(seal: SealData, publicKey: KeyObject): boolean {
  try {
    const { signature, ...body } = seal;
    if (typeof signature !== 'string') return false;
    return verify(null, Buffer.from(canonicalJson(body)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export const publicKeyFromPem = (pem: string): KeyObject => createPublicKey(pem);
