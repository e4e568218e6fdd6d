package dev.shiplane.contract.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.rotation.DatabaseCredentials;
import org.junit.jupiter.api.Test;

class JsonCredentialsFormatTest {

    static final String RDS = """
            {"engine":"postgres","host":"db.example","port":5432,"dbname":"monynha","username":"app",
             "password":"S3cretValue","dbInstanceIdentifier":"monynha-db"}""";

    final JsonCredentialsFormat format = new JsonCredentialsFormat();

    @Test
    void read_takesTheRdsTemplateLayout() {
        assertThat(format.read(RDS))
                .isEqualTo(new DatabaseCredentials("postgres", "db.example", 5432, "monynha", "app", "S3cretValue"));
        assertThat(format.read(RDS.replace("5432", "\"6432\"")).port()).isEqualTo(6432);
    }

    @Test
    void withLogin_replacesUserAndPassword_andKeepsEveryOtherField() throws Exception {
        var pending = new ObjectMapper().readTree(format.withLogin(RDS, "app_clone", "N3wValue"));

        assertThat(pending.get("username").asText()).isEqualTo("app_clone");
        assertThat(pending.get("password").asText()).isEqualTo("N3wValue");
        assertThat(pending.get("dbInstanceIdentifier").asText()).isEqualTo("monynha-db");
        assertThat(pending.get("port").asInt()).isEqualTo(5432);
    }

    @Test
    void errors_nameTheField_butNeverQuoteTheSecret() {
        assertThatThrownBy(() -> format.read("{\"host\":\"h\",\"username\":\"app\"}"))
                .hasMessage("database secret: password is missing or not a string");
        assertThatThrownBy(() -> format.read("{\"host\":\"h\",\"password\":\"S3cretValue\" oops"))
                .hasMessageStartingWith("database secret is not a JSON object").hasMessageNotContaining("S3cretValue");
    }

    @Test
    void toString_leavesThePasswordOut() {
        assertThat(format.read(RDS).toString()).doesNotContain("S3cretValue").contains("app@db.example:5432/monynha");
    }
}
