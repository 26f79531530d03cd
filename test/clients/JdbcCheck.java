// terrind through pgJDBC as BI tools use it (Metabase, Tableau, Power BI):
// the default search_path, PreparedStatement parameters set as strings and
// numbers, and getColumns over every view meant for BI tools: no column of
// type OTHER, a REMARKS on every column.  Connects with libpq's environment
// (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD).  Run as a single source
// file: java -cp /usr/share/java/postgresql.jar JdbcCheck.java
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class JdbcCheck {
    static int failures = 0;

    static void check(String label, Object got, Object want) {
        boolean ok = Objects.equals(got, want);
        if (!ok) failures++;
        System.out.println((ok ? "ok: " : "FAILED: ") + label + (ok ? "" : ": got " + got + ", expected " + want));
    }

    static Object one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String) ps.setString(i + 1, (String) args[i]);
                else if (args[i] instanceof Integer) ps.setInt(i + 1, (Integer) args[i]);
                else if (args[i] instanceof Long) ps.setLong(i + 1, (Long) args[i]);
                else ps.setBigDecimal(i + 1, (BigDecimal) args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> env = System.getenv();
        String url = "jdbc:postgresql://" + env.getOrDefault("PGHOST", "localhost") + ":"
            + env.getOrDefault("PGPORT", "5432") + "/" + env.getOrDefault("PGDATABASE", "postgres");
        try (Connection c = DriverManager.getConnection(url, env.get("PGUSER"), env.get("PGPASSWORD"))) {
            check("setString on a ti_code column",
                  one(c, "SELECT count(*) FROM terrind.funding WHERE territory_id = ?", "ti-7510"), 2L);
            check("setString on a siren column",
                  one(c, "SELECT count(*) FROM all_types WHERE siren = ?", "732829320"), 1L);
            check("setString with a bad SIREN is 22P02", sqlstate(c, "SELECT count(*) FROM all_types WHERE siren = ?", "732829321"), "22P02");
            check("setInt against eur", one(c, "SELECT count(*) FROM terrind.funding WHERE amount > ?", 1000000), 1L);
            check("setLong against eur", one(c, "SELECT count(*) FROM terrind.funding WHERE amount > ?", 5L), 2L);
            check("setBigDecimal against eur",
                  one(c, "SELECT count(*) FROM terrind.funding WHERE amount >= ?", new BigDecimal("10.10")), 2L);
            check("sum(eur) read as BigDecimal through a BI view",
                  one(c, "SELECT sum(amount) FROM terrind.funding_territory_totals WHERE level = 'status'"),
                  new BigDecimal("1234578.00"));

            DatabaseMetaData md = c.getMetaData();
            List<String> views = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "terrind", "%", new String[] {"VIEW"})) {
                while (rs.next()) views.add(rs.getString("TABLE_NAME"));
            }
            check("getTables lists the views", views.contains("funding_territory_totals") && views.contains("territory_layer"), true);
            List<String> other = new ArrayList<>(), noRemarks = new ArrayList<>();
            Set<String> buildingBlocks = Set.of("territory_coverage", "territory_region_population");
            for (String view : views) {
                try (ResultSet rs = md.getColumns(null, "terrind", view, "%")) {
                    while (rs.next()) {
                        String column = view + "." + rs.getString("COLUMN_NAME");
                        boolean geometry = "geometry".equals(rs.getString("TYPE_NAME"));
                        if (rs.getInt("DATA_TYPE") == Types.OTHER && !geometry && !buildingBlocks.contains(view))
                            other.add(column + " " + rs.getString("TYPE_NAME"));
                        String remarks = rs.getString("REMARKS");
                        if (remarks == null || remarks.isBlank()) noRemarks.add(column);
                    }
                }
            }
            check("getColumns: no BI view column of type OTHER but geometry", other, List.of());
            check("getColumns: every view column has REMARKS", noRemarks, List.of());
        }
        System.out.println("jdbc: " + (failures == 0 ? "all passed" : failures + " FAILED"));
        System.exit(failures == 0 ? 0 : 1);
    }

    static String sqlstate(Connection c, String sql, String arg) {
        try {
            one(c, sql, arg);
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
