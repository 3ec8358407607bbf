import { EVERY_CELL } from './domain/measures';

/**
 * The rows of insights_sample_days for a set of samples (`samples`: a query with metric, ambition, horizon, day and
 * bucket): per metric, cell and day, the buckets holding samples and their counts, in bucket order; and the same per
 * metric and day over every cell. A statement of its own (it starts with WITH), for CREATE TABLE AS or INSERT.
 * Sparse, because a day holds a few dozen of the 256 buckets.
 */
export const sampleDaysSql = (samples: string): string =>
  `WITH samples AS (${samples})
   SELECT metric, ambition, horizon, day, array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
     FROM (SELECT metric, ambition, horizon, day, bucket, count(*)::int AS n
             FROM (SELECT metric, ambition, horizon, day, bucket FROM samples
                   UNION ALL
                   SELECT metric, '${EVERY_CELL}', '${EVERY_CELL}', day, bucket FROM samples) s
            GROUP BY metric, ambition, horizon, day, bucket) b
    GROUP BY metric, ambition, horizon, day`;
