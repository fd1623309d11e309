package io.portalgo.examples.evaluation;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Uniformity of ports over the range: Pearson's chi-square test of the counts in equal bins
 * against the uniform distribution. With 64 bins (63 degrees of freedom) a statistic near 63 and a
 * p-value well above 0.01 say "no detectable bias". A sequential algorithm passes too (it is
 * perfectly even); uniformity is necessary for unpredictability, not sufficient.
 */
public final class Uniformity {
    private Uniformity() {
    }

    public record Result(double statistic, double pValue, int bins, int samples) {
    }

    public static Result chiSquare(int[] ports, PortIndex index, int bins) {
        long[] observed = new long[bins];
        int samples = 0;
        for (int port : ports) {
            int at = index.indexOf(port);
            if (at >= 0) {
                observed[(int) ((long) at * bins / index.size())]++;
                samples++;
            }
        }
        double[] expected = new double[bins];
        for (int bin = 0; bin < bins; bin++) {
            long first = ceilDiv((long) bin * index.size(), bins);
            long next = ceilDiv((long) (bin + 1) * index.size(), bins);
            expected[bin] = (double) samples * (next - first) / index.size();
        }
        ChiSquareTest test = new ChiSquareTest();
        if (Arrays.stream(observed).sum() == 0) {
            return new Result(Double.NaN, Double.NaN, bins, 0);
        }
        return new Result(test.chiSquare(expected, observed), test.chiSquareTest(expected, observed), bins, samples);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
