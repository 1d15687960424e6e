import type { ProjectionDefinition } from '../../projections/projection';

/**
 * The application's projections: `ALL_PROJECTIONS` from `projections/index.ts`, the single list
 * the server, the CLI and `bench:rebuild` share. Loaded by path so this builds before that
 * file exists; only a missing module means "none yet".
 */
export function loadAllProjections(): ProjectionDefinition[] {
  const path = '../../projections/index';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path) as { ALL_PROJECTIONS?: ProjectionDefinition[] };
    return [...(loaded.ALL_PROJECTIONS ?? [])];
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'MODULE_NOT_FOUND' && e.message?.includes('projections/index')) return [];
    throw error;
  }
}
