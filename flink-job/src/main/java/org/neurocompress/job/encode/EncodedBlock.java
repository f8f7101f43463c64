package org.neurocompress.job.encode;

import org.neurocompress.job.segment.Block;

/** A block and the frame it became, with what encoding it cost: what the quality sidecar measures. */
public record EncodedBlock(Block block, EncodedFrame frame, long encodeNanos, long latencyMillis) {
}
