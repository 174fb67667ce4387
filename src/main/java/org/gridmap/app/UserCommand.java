package org.gridmap.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.accounts.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", description = "Manage accounts.", subcommands = {UserCommand.Add.class})
final class UserCommand implements Runnable {
    @Override
    public void run() { picocli.CommandLine.usage(this, System.out); }

    @Command(name = "add", description = "Create an account; the password is read from standard input.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", description = "User name.")
        String name;

        @Option(names = "--role", required = true, description = "admin, planner, monitor or staff.")
        String role;

        @Option(names = "--password-stdin", required = true, description = "Read the password from standard input (first line).")
        boolean passwordStdin;

        @Option(names = "--config", description = "A properties file with settings.")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            Role r;
            char[] password;
            try {
                r = Role.parse(role);
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
                PasswordHasher.checkStrength(password);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Config config = Config.load(configFile, System.getenv(), Map.of());
            try (Storage rt = Storage.open(config)) {
                User u = new UserStore(rt.database().dataSource(), new PasswordHasher()).create(name, r, password);
                System.out.println("created user " + u.username() + " with role " + u.role().id());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
