package org.neurocompress.job.cli;

import org.neurocompress.cli.Main;
import org.neurocompress.kafka.cli.ToolsMain;

/** {@code neurocompress}: the codec commands, the Kafka tools, and the job and its demo. */
public final class NeurocompressMain {
    private NeurocompressMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(ToolsMain.commandLine().addSubcommand(new JobCommand()).addSubcommand(new DemoCommand()),
                args));
    }
}
