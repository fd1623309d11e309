package io.portalgo.it.clients;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The PostgreSQL JDBC driver, unchanged: {@code count} connections to {@code url} one after
 * another, each asking the server which client port it sees
 * ({@code pg_stat_activity.client_port} of its own backend). Prints {@code RESULT seen=<port>}.
 */
public final class JdbcApp {
    private JdbcApp() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            try (Connection connection = DriverManager.getConnection(args[0], "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("select client_port from pg_stat_activity where pid = pg_backend_pid()")) {
                row.next();
                System.out.println("RESULT seen=" + row.getInt(1));
            }
        }
    }
}
