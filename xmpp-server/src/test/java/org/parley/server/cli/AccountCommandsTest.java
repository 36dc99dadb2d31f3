package org.parley.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.archive.JooqArchiveStore;
import org.parley.schema.Database;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's commands on a real H2 database: accounts, and one user's archive retention (XEP-0313 §3.2). */
class AccountCommandsTest {
    @Test
    void theOperatorSetsAndResetsOneUsersArchiveRetention(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("parley") + ";AUTO_SERVER=TRUE";
        Path config = dir.resolve("parley.yml");
        Files.writeString(config, "data_dir: " + dir + "\ndatabase:\n  url: \"" + url + "\"\n");

        assertThat(run(config, "adduser", "bob", "--password", "bob-secret")).isZero();
        assertThat(run(config, "archive-retention", "bob@localhost", "30")).isZero();
        assertThat(retentions(url)).containsEntry("bob", 30);
        assertThat(run(config, "archive-retention", "bob", "0")).isZero();
        assertThat(retentions(url)).containsEntry("bob", 0);
        assertThat(run(config, "archive-retention", "bob", "default")).isZero();
        assertThat(retentions(url)).doesNotContainKey("bob");

        assertThat(run(config, "archive-retention", "nobody", "7")).as("no such account").isEqualTo(1);
        assertThat(run(config, "archive-retention", "bob", "forty")).as("not a number").isEqualTo(2);
        assertThat(run(config, "archive-retention", "bob", "40000")).as("beyond 100 years").isEqualTo(2);
    }

    private static int run(Path config, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        var cli = ParleyCommand.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(all);
    }

    private static java.util.Map<String, Integer> retentions(String url) {
        try (Database db = Database.open(url, "", "", 2)) {
            return new JooqArchiveStore(db).retentions();
        }
    }
}
