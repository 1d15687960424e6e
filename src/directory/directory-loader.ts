import { readFileSync } from 'node:fs';
import defaultDirectoryFile from '../../config/directory.default.json';
import { Directory } from './directory';
import { DirectoryValidationError } from './validate-directory';

export const DEFAULT_DIRECTORY_SOURCE = 'config/directory.default.json';

/**
 * The organisation directory for start-up: the shipped default, or a replacement file named
 * by configuration. Validates either way and throws DirectoryValidationError listing every
 * problem, so the app never starts with a directory that would misroute documents.
 * The only file under src/directory that does I/O.
 */
export function loadDirectory(file?: string): Directory {
  if (!file) return Directory.from(defaultDirectoryFile, DEFAULT_DIRECTORY_SOURCE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DirectoryValidationError(file, [`无法读取文件 (${(e as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DirectoryValidationError(file, [`不是合法的 JSON (${(e as Error).message})`]);
  }
  return Directory.from(raw, file);
}
