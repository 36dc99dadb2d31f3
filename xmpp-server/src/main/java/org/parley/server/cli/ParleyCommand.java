package org.parley.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code parley} command: {@code start} runs the server, {@code adduser}, {@code deluser} and {@code passwd}
 * manage accounts and {@code archive-retention} one account's archive retention, in the configured database (also
 * while the server runs).
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = ParleyCommand.Version.class,
        description = "Parley, an XMPP server.",
        subcommands = {StartCommand.class, AccountCommands.AddUser.class, AccountCommands.DelUser.class,
                AccountCommands.Passwd.class, AccountCommands.ArchiveRetentionCommand.class})
public final class ParleyCommand {
    /** The configuration file shared by all subcommands. */
    @Option(names = {"-c", "--config"}, description = "configuration file (default: ${DEFAULT-VALUE})",
            defaultValue = "conf/parley.yml", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    /** Runs the command line and exits with its status (0 success, 1 failure, 2 usage). */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The picocli command line, with errors printed as one clear line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ParleyCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("parley: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    /** Prints the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Parley " + org.parley.server.ParleyServer.version()};
        }
    }
}
