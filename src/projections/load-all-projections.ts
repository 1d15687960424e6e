import type { ProjectionDefinition } from '../../projections/projection';

interface ProjectionsIndex {
  ALL_PROJECTIONS?: ProjectionDefinition[];
  RETIRED_PROJECTIONS?: readonly string[];
}

/**
 * `projections/index.ts`, loaded by path so this builds before that file exists; only a
 * missing module means "none yet".
 */
function loadIndex(): ProjectionsIndex {
  const path = '../../projections/index';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as ProjectionsIndex;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'MODULE_NOT_FOUND' && e.message?.includes('projections/index')) return {};
    throw error;
  }
}

/** The application's projections: `ALL_PROJECTIONS`, the single list the server, the CLI and `bench:rebuild` share. */
export function loadAllProjections(): ProjectionDefinition[] {
  return [...(loadIndex().ALL_PROJECTIONS ?? [])];
}

/** Names of projections removed from the code (`RETIRED_PROJECTIONS`), whose leftovers the server drops. */
export function loadRetiredProjections(): string[] {
  return [...(loadIndex().RETIRED_PROJECTIONS ?? [])];
}
