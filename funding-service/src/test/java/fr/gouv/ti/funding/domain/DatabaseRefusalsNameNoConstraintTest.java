package fr.gouv.ti.funding.domain;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 10 of issue 18: a refusal by PostgreSQL (check constraint, unique index) becomes a 409 whose detail names
 * no constraint, table or column of the schema. The refusals are real ones, from the service's own database.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class DatabaseRefusalsNameNoConstraintTest {

    @Test
    void aCheckConstraintOrUniqueIndexRefusalIsAGeneric409() throws Exception {
        SQLException check = refusal("update account set outflow_cents = -1 where kind = 'PROGRAMME'");
        SQLException unique = refusal("insert into account (kind, code, level) select kind, code, level from account "
                + "where kind = 'PROGRAMME'");
        assertThat(check.getMessage()).contains("account_outflow_not_negative");
        for (SQLException e : new SQLException[]{check, unique}) {
            RuntimeException translated = Jdbc.translate(e);
            assertThat(translated).isInstanceOf(ProblemException.class);
            ProblemException p = (ProblemException) translated;
            assertThat(p.status()).isEqualTo(409);
            assertThat(p.getMessage()).doesNotContainIgnoringCase("constraint").doesNotContain("account")
                    .doesNotContain("outflow").doesNotContain("Key (").doesNotContain("ERROR");
        }
    }

    private static SQLException refusal(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("funding"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("the database accepted " + sql);
    }
}
