package org.neurocompress.kafka.consume;

import java.util.BitSet;

/** Which channels to keep: all, or a list of numbers and ranges such as {@code 0-3,7,12-15}. */
public final class ChannelFilter {
    private final BitSet channels;

    private ChannelFilter(BitSet channels) {
        this.channels = channels;
    }

    public static ChannelFilter all() {
        return new ChannelFilter(null);
    }

    public static ChannelFilter parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return all();
        }
        BitSet set = new BitSet();
        for (String part : spec.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 0 || to < from || to > 1 << 24) {
                    throw new NumberFormatException();
                }
                set.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad channel list '" + spec + "' at '" + p
                        + "': use numbers and ranges such as 0-3,7");
            }
        }
        return new ChannelFilter(set);
    }

    public boolean accepts(int channel) {
        return channels == null || channels.get(channel);
    }
}
