package org.neurocompress.kafka.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C for long-running tools: the hook asks the tool to stop and waits until its main loop has finished and
 * printed its summary, so no data or report is lost.
 */
final class Interrupts implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    Interrupts(Runnable stop) {
        hook = new Thread(() -> {
            stop.run();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "neurocompress-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is waiting for exactly this countDown
        }
    }
}
