package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The production code keeps to the hexagon. */
class ArchitectureTest {

    private static final String ROOT = "dev.chat";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"domain", "domain.port.needed", "domain.port.offered", "domain.protocol", "hub",
        "adapter.javalin", "adapter.jwt", "adapter.bucket4j", "adapter.sqlite", "adapter.postgres",
        "adapter.micrometer", "adapter.redis", "adapter.httpclient", "adapter.dynamodb", "sql", "app"})
    void every_module_was_imported_so_no_rule_passes_on_nothing(String module) {
        assertFalse(production.stream().noneMatch(c -> c.getPackageName().equals(ROOT + "." + module)),
                "no classes found in " + ROOT + "." + module);
    }

    @Test
    void the_domain_depends_on_the_jdk_only() {
        HexagonRules.domainDependsOnTheJdkOnly(ROOT).check(production);
    }

    @Test
    void the_hub_depends_on_the_domain_and_the_jdk_only() {
        HexagonRules.hubDependsOnTheDomainAndTheJdkOnly(ROOT).check(production);
    }

    @Test
    void neither_domain_nor_hub_touches_javalin_jetty_or_servlets() {
        HexagonRules.coreNeverTouchesTransport(ROOT).check(production);
    }

    @Test
    void nothing_but_the_app_depends_on_an_adapter() {
        HexagonRules.onlyTheAppDependsOnAdapters(ROOT).check(production);
    }

    @Test
    void adapters_use_the_ports_not_the_hub() {
        HexagonRules.adaptersUseThePortsNotTheHub(ROOT).check(production);
    }

    @Test
    void only_adapters_and_the_app_use_the_shared_sql() {
        HexagonRules.onlyAdaptersAndTheAppUseTheSharedSql(ROOT).check(production);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        HexagonRules.adaptersAreIndependent(ROOT).check(production);
    }

    @Test
    void there_are_no_cycles_between_packages() {
        HexagonRules.noPackageCycles(ROOT).check(production);
    }
}
