package org.neurocompress.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * Mean, median and the 10th and 90th percentiles of a set of values (linear interpolation between order
 * statistics, as numpy's default). Null values (an undefined figure, such as the SNR of an exact reconstruction)
 * are left out; a summary of no values is all null.
 */
public record Summary(Double mean, Double median, Double p10, Double p90, int count) {

    public static Summary of(Collection<Double> values) {
        double[] v = values.stream().filter(Objects::nonNull).filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        if (v.length == 0) {
            return new Summary(null, null, null, null, 0);
        }
        return new Summary(Arrays.stream(v).average().orElseThrow(), percentile(v, 50), percentile(v, 10),
                percentile(v, 90), v.length);
    }

    /** The p-th percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
