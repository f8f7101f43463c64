package org.neurocompress.local;

import org.neurocompress.cli.Main;
import org.neurocompress.job.cli.JobCommand;
import org.neurocompress.kafka.cli.ToolsMain;
import picocli.CommandLine;

/** {@code neurocompress}: the codec commands, the Kafka tools, and the job and its demo. */
public final class NeurocompressMain {
    private NeurocompressMain() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = ToolsMain.commandLine().addSubcommand(new JobCommand())
                .addSubcommand(new DemoCommand());
        commandLine.getSubcommands().get("bench").addSubcommand(new BenchE2eCommand());
        commandLine.getSubcommands().get("bench").addSubcommand(new BenchStagesCommand());
        System.exit(Main.run(commandLine, args));
    }
}
