package org.parley.server.cli;

import org.parley.archive.JooqArchiveStore;
import org.parley.schema.Database;
import org.parley.server.account.Accounts;
import org.parley.server.account.InvalidAccountException;
import org.parley.server.account.JooqAccountStore;
import org.parley.server.config.ConfigLoader;
import org.parley.server.config.ParleyConfig;
import org.xmpp.packet.JID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The account subcommands of {@code parley}; each works directly on the configured database. */
final class AccountCommands {
    private AccountCommands() {
    }

    /** Shared plumbing: configuration, database, JID and password input. */
    abstract static class AccountCommand implements Callable<Integer> {
        @ParentCommand
        ParleyCommand parent;

        @Parameters(index = "0", paramLabel = "JID", description = "the account, user@domain or just user")
        String jid;

        /** The configured database, open while {@link #run} runs. */
        Database database;

        @Override
        public Integer call() throws Exception {
            ParleyConfig config = new ConfigLoader().load(parent.config, System.getenv());
            String username = username(config);
            try (Database db = Database.open(config.jdbcUrl(), config.database().username(),
                    config.database().password(), 2)) {
                database = db;
                Accounts accounts = new Accounts(new JooqAccountStore(db), config.sasl().scramIterations());
                return run(accounts, username, username + "@" + config.domain());
            }
        }

        abstract int run(Accounts accounts, String username, String bareJid) throws Exception;

        private String username(ParleyConfig config) throws InvalidAccountException {
            JID parsed;
            try {
                parsed = new JID(jid.contains("@") ? jid : jid + "@" + config.domain());
            } catch (IllegalArgumentException e) {
                throw new InvalidAccountException("'" + jid + "' is not a valid JID");
            }
            if (!config.domain().equals(parsed.getDomain())) {
                throw new InvalidAccountException(jid + " is not on this server's domain " + config.domain());
            }
            return Accounts.normalizeUsername(parsed.getNode());
        }

        static String readPassword(String given) throws IOException, InvalidAccountException {
            if (given != null) return given;
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] second = console.readPassword("Again: ");
                if (first == null || second == null || !new String(first).equals(new String(second))) {
                    throw new InvalidAccountException("the passwords do not match");
                }
                return new String(first);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) throw new InvalidAccountException("no password given: use --password or type it on stdin");
            return line;
        }
    }

    /** {@code parley adduser JID}. */
    @Command(name = "adduser", description = "Create an account (password from --password, a prompt or stdin).")
    static final class AddUser extends AccountCommand {
        @Option(names = {"-p", "--password"}, description = "the password (default: ask)")
        String password;

        @Override
        int run(Accounts accounts, String username, String bareJid) throws Exception {
            if (!accounts.create(username, readPassword(password))) {
                System.err.println("parley: account " + bareJid + " already exists");
                return 1;
            }
            System.out.println("Created " + bareJid);
            return 0;
        }
    }

    /** {@code parley deluser JID}. */
    @Command(name = "deluser", description = "Delete an account.")
    static final class DelUser extends AccountCommand {
        @Override
        int run(Accounts accounts, String username, String bareJid) throws Exception {
            if (!accounts.delete(username)) {
                System.err.println("parley: no account " + bareJid);
                return 1;
            }
            System.out.println("Deleted " + bareJid);
            return 0;
        }
    }

    /** {@code parley passwd JID}. */
    @Command(name = "passwd", description = "Set an account's password (from --password, a prompt or stdin).")
    static final class Passwd extends AccountCommand {
        @Option(names = {"-p", "--password"}, description = "the new password (default: ask)")
        String password;

        @Override
        int run(Accounts accounts, String username, String bareJid) throws Exception {
            if (!accounts.changePassword(username, readPassword(password))) {
                System.err.println("parley: no account " + bareJid);
                return 1;
            }
            System.out.println("Password of " + bareJid + " changed");
            return 0;
        }
    }

    /** {@code parley archive-retention JID DAYS|default}: one user's archive retention (XEP-0313 §3.2). */
    @Command(name = "archive-retention", description = "Set how many days one user's archive is kept (0: for ever),"
            + " or 'default' for archive.retention_days.")
    static final class ArchiveRetentionCommand extends AccountCommand {
        @Parameters(index = "1", paramLabel = "DAYS", description = "days to keep (0: for ever), or 'default'")
        String days;

        @Override
        int run(Accounts accounts, String username, String bareJid) throws Exception {
            Integer value = null;
            if (!"default".equals(days)) {
                try {
                    value = Integer.parseInt(days);
                } catch (NumberFormatException e) {
                    value = -1;
                }
                if (value < 0 || value > 36_500) {
                    System.err.println("parley: DAYS must be a number of days from 0 (for ever) to 36500, or 'default'");
                    return 2;
                }
            }
            if (!accounts.exists(username)) {
                System.err.println("parley: no account " + bareJid);
                return 1;
            }
            new JooqArchiveStore(database).setRetention(username, value);
            System.out.println(value == null ? "The archive of " + bareJid + " follows archive.retention_days"
                    : value == 0 ? "The archive of " + bareJid + " is kept for ever"
                    : "The archive of " + bareJid + " keeps " + value + " days (applied by the daily purge)");
            return 0;
        }
    }
}
