import { historyProjection } from './history.projection';
import { obligationsProjection } from './obligations.projection';
import { performanceProjection } from './performance.projection';
import type { ProjectionDefinition } from './projection';

export { historyProjection, obligationsProjection, performanceProjection };

/** Every projection the server, the `projections` CLI and the benchmarks run. */
export const ALL_PROJECTIONS: ProjectionDefinition[] = [obligationsProjection, historyProjection, performanceProjection];
