package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each architecture rule, run against {@code dev.chat.archfixture}, a small hexagon broken on purpose, must report
 * the class that breaks it. A rule that cannot fail would prove nothing in {@link ArchitectureTest}.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String BROKEN = "dev.chat.archfixture";
    private static JavaClasses broken;

    @BeforeAll
    static void importBrokenHexagon() {
        broken = new ClassFileImporter().importPackages(BROKEN);
    }

    static Stream<Arguments> rulesAndTheirCulprits() {
        return Stream.of(
                Arguments.of("domain depends on the JDK only",
                        rule(HexagonRules::domainDependsOnTheJdkOnly), "LeakyMessage"),
                Arguments.of("hub depends on the domain and the JDK only",
                        rule(HexagonRules::hubDependsOnTheDomainAndTheJdkOnly), "LeakyHub"),
                Arguments.of("core never touches transport",
                        rule(HexagonRules::coreNeverTouchesTransport), "jakarta.servlet"),
                Arguments.of("only the app depends on adapters",
                        rule(HexagonRules::onlyTheAppDependsOnAdapters), "SocketAdapter"),
                Arguments.of("adapters use the ports, not the hub",
                        rule(HexagonRules::adaptersUseThePortsNotTheHub), "LeakyHub"),
                Arguments.of("only adapters and the app use the shared SQL",
                        rule(HexagonRules::onlyAdaptersAndTheAppUseTheSharedSql), "LeakyHub"),
                Arguments.of("adapters are independent",
                        rule(HexagonRules::adaptersAreIndependent), "OtherAdapter"),
                Arguments.of("no package cycles",
                        rule(HexagonRules::noPackageCycles), "Cycle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesAndTheirCulprits")
    void the_rule_reports_the_broken_code(String description, ArchRule rule, String culprit) {
        var result = rule.evaluate(broken);

        assertTrue(result.hasViolation(), description + " found nothing wrong in the broken hexagon");
        assertTrue(result.getFailureReport().toString().contains(culprit),
                description + " did not name " + culprit + ": " + result.getFailureReport());
    }

    private static ArchRule rule(Function<String, ArchRule> forRoot) {
        return forRoot.apply(BROKEN);
    }
}
