package org.parley.server.cli;

import org.parley.server.ParleyServer;
import org.parley.server.config.ConfigLoader;
import org.parley.server.config.ParleyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code parley start}: runs the server until SIGTERM/SIGINT, then shuts it down cleanly. */
@Command(name = "start", description = "Start the server (stops cleanly on SIGTERM or Ctrl-C).")
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    ParleyCommand parent;

    @Override
    public Integer call() throws InterruptedException {
        ParleyConfig config = new ConfigLoader().load(parent.config, System.getenv());
        ParleyServer server = ParleyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
        return 0;
    }
}
