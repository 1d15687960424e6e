import { obligationsProjection } from './obligations.projection';
import { performanceProjection } from './performance.projection';
import type { ProjectionDefinition } from './projection';

export { obligationsProjection, performanceProjection };

/**
 * Every projection the server, the `projections` CLI and the benchmarks run. An item's
 * auditable history is not among them: it is folded on read from the item's stream
 * (history-entry.ts, src/queries/history/history.service.ts).
 */
export const ALL_PROJECTIONS: ProjectionDefinition[] = [obligationsProjection, performanceProjection];

/**
 * Projections that once ran and were removed from the code. The server drops what is left of
 * them in `read-models.sqlite` (registry rows, generations, tables) when it opens the read
 * models, so they are not reported as lagging forever. `history`: an item's timeline is
 * folded on read from the event store instead (history-entry.ts).
 */
export const RETIRED_PROJECTIONS: readonly string[] = ['history'];
