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
