package org.neurocompress.job.cli;

import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurocompress.job.CompressionJob;
import org.neurocompress.job.JobConfig;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the job on the environment it is started in: the cluster under {@code flink run}, a local MiniCluster
 * otherwise. The same options as the job's main class.
 */
@Command(name = "job", description = "Run the streaming compression job (on a cluster under 'flink run', locally "
        + "otherwise) until cancelled.")
public final class JobCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @CommandLine.Option(names = "--checkpoint-dir", paramLabel = "URI", description = "Where checkpoints go "
            + "(file:///..., s3://...). Default: the cluster's execution.checkpointing.dir, or the JobManager's "
            + "memory, which holds only small states (a few channels).")
    String checkpointDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobConfig config = options.toConfig(spec.commandLine());
        // A broker that is down or refuses the credentials is named now, not after the job restarts in a loop.
        KafkaClients.checkReachable(KafkaClientConfig.of(config.bootstrapServers(), config.kafkaProperties()));
        StreamExecutionEnvironment env = checkpointDir == null ? StreamExecutionEnvironment.getExecutionEnvironment()
                : StreamExecutionEnvironment.getExecutionEnvironment(CompressionJob.checkpointsIn(checkpointDir));
        CompressionJob.build(env, config);
        env.execute("neurocompress " + config.codec() + " level " + config.level());
        return 0;
    }

    /**
     * The configuration the job would run with, checked as at start: a wrong or unknown option throws a
     * {@link CommandLine.ParameterException} that names it. Deployment checks (docker/compose.yaml) use it.
     */
    public static JobConfig configOf(String... args) {
        JobCommand command = new JobCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.parseArgs(args);
        return command.options.toConfig(commandLine);
    }

    /** The entry point of the deployable jar: {@code flink run neurocompress-job.jar [options]}. */
    public static void main(String[] args) {
        int exit = org.neurocompress.cli.Main.run(new CommandLine(new JobCommand()), args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
