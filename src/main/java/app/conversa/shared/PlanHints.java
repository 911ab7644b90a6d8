package app.conversa.shared;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Query-planning hints that only PostgreSQL understands. Searches with LIKE '%…%' patterns must be
 * planned with their actual pattern: after five executions of a prepared statement PostgreSQL may
 * switch to a generic plan that cannot tell a selective pattern from an unselective one, and then
 * walks a whole table (measured: seconds instead of milliseconds, docs/benchmarks.md). And they
 * run without JIT compilation: a search tests thousands of rows with subqueries, which the planner
 * costs above {@code jit_above_cost}, and compiling then took longer (12 ms) than the search.
 */
@Component
public class PlanHints {

    private final JdbcClient jdbc;
    private final boolean postgresql;

    PlanHints(JdbcClient jdbc, DataSource dataSource) throws org.springframework.jdbc.support.MetaDataAccessException {
        this.jdbc = jdbc;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        this.postgresql = product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgresql");
    }

    /**
     * Plans the rest of the current transaction's statements with their parameter values, and runs
     * them without JIT compilation (no-op elsewhere).
     */
    public void searchPlansInThisTransaction() {
        if (postgresql) {
            jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)")
                    .query().listOfRows();
        }
    }
}
