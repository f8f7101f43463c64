package org.neurocompress.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} values from a stream of any length (Vitter's algorithm R),
 * so per-segment distributions of long recordings stay in bounded memory. Seeded: the same stream gives the same
 * sample.
 */
final class Reservoir {
    private final int capacity;
    private final List<Double> values = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private long seen;

    Reservoir(int capacity) {
        this.capacity = capacity;
    }

    void add(Double value) {
        seen++;
        if (values.size() < capacity) {
            values.add(value);
        } else {
            long slot = random.nextLong(seen);
            if (slot < capacity) {
                values.set((int) slot, value);
            }
        }
    }

    List<Double> values() {
        return values;
    }
}
