package org.neurocompress.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void namesTheModelTheCpusAndTheWidestVectors() {
        assertEquals("AMD EPYC 9B14, 2 CPUs, AVX-512", Machine.describe(List.of("processor\t: 0",
                "model name\t: AMD EPYC 9B14", "flags\t\t: fpu sse2 avx avx2 avx512f avx512bw"), 2));
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz, 4 CPUs, AVX2", Machine.describe(List.of(
                "model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz", "flags\t\t: fpu sse2 avx avx2"), 4));
    }

    @Test
    void describesThisMachine() {
        assertFalse(Machine.describe().isBlank());
    }
}
