package org.neurocompress.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code neurocompress} command. Wrong or missing arguments exit with 2 and a usage message that names the
 * problem; a failure of the input exits with 1 and a one-line error (the stack trace with {@code --verbose}).
 */
@Command(name = "neurocompress", mixinStandardHelpOptions = true, version = "neurocompress 0.1.0",
        description = "Compress neural electrode recordings with learned and classical codecs.",
        subcommands = {EncodeCommand.class, DecodeCommand.class, InfoCommand.class, EvalCommand.class, TrainCommand.class, BenchCommand.class,
                SynthCommand.class, CodecsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(commandLine(), args));
    }

    /** The command line with the codec commands; other modules add theirs. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /** Runs a command line built on {@link Main} (other modules add their subcommands to it). */
    public static int run(CommandLine commandLine, String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandName() + ": error: " + describe(e));
            if (e instanceof org.neurocompress.io.Outputs.OutputException) {
                // An output that must not be written is a usage error, refused before any work.
                err.flush();
                return 2;
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    /** A one-line description of a failure, naming the file or field concerned. */
    public static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "file already exists: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + describe(new RuntimeException(e.getMessage())) + "): the input asks for more "
                    + "than this JVM's heap; see docs/formats.md for the limits a reader enforces";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }
}
